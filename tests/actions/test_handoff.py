from __future__ import annotations

from api_stub import ApiStub
from conftest import load_tracker, message, run_action

from actions.handoff import ActionHandoffToHuman

CREATED = {
    "reference": "MK-2026-000042",
    "secret": "Zx81Lm2Q",
    "status": "new",
    "queue": "contact_centre",
    "queue_name": "Kontaktcenter",
    "first_response_due": "2026-11-22T15:00:00Z",
    "resolution_due": "2026-11-25T07:00:00Z",
    "sla_first_response_hours": 8,
}


def test_citizen_handoff_goes_to_the_contact_centre_with_reference_and_sla(api: ApiStub) -> None:
    api.respond("POST", "/api/v1/tickets", 201, CREATED)
    events, messages = run_action(ActionHandoffToHuman(), load_tracker("citizen_handoff"))
    assert events == []
    assert messages == [
        message(
            "utter_handoff_created",
            queue_name="Kontaktcenter",
            reference="MK-2026-000042",
            secret="Zx81Lm2Q",
            due="söndag 22 november kl. 16.00",
        )
    ]
    body = api.requests[0].body
    assert body["queue"] == "contact_centre"
    assert body["topic"] == "human_handoff"
    assert body["fields"] == {}
    assert "199001010017" not in body["transcript"][0]["text"]
    assert api.requests[0].headers["idempotency-key"] == "s-citizen:handoff:1"


def test_handoff_mid_it_form_goes_to_it_support_with_the_fields_so_far(api: ApiStub) -> None:
    api.respond(
        "POST", "/api/v1/tickets", 201, dict(CREATED, queue="it_support", queue_name="IT-support")
    )
    tracker = load_tracker("it_ticket_email_answer", email=None, urgency=None, location=None)
    _, messages = run_action(ActionHandoffToHuman(), tracker)
    assert messages[0]["response"] == "utter_handoff_created"
    body = api.requests[0].body
    assert body["queue"] == "it_support"
    assert body["topic"] == "it_printer"
    assert body["fields"] == {
        "category": "printer",
        "description": "Skrivaren på plan 2 skriver inte ut",
        "reporter_name": "Anna Andersson",
    }
    assert "contact_email" not in body


def test_handoff_when_the_api_is_down_apologises(api: ApiStub) -> None:
    api.respond("POST", "/api/v1/tickets", 500, {"detail": "boom"})
    assert run_action(ActionHandoffToHuman(), load_tracker("citizen_handoff")) == (
        [],
        [message("utter_service_unavailable")],
    )
