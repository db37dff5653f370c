"""Handoff to a person: queue, topic and fields from the conversation, transcript redacted."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
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


def test_citizen_handoff_after_one_misread_it_question_goes_to_the_contact_centre(
    api: ApiStub,
) -> None:
    api.respond("POST", "/api/v1/tickets", 201, CREATED)
    tracker = load_tracker("citizen/handoff_after_misread_it_question")
    _, messages = run_action(ActionHandoffToHuman(), tracker)
    assert messages[0]["response"] == "utter_handoff_created"
    body = api.requests[0].body
    assert (body["queue"], body["topic"]) == ("contact_centre", "life_building_permit")


def test_handoff_in_the_home_care_form_goes_to_the_contact_centre_with_its_answers(
    api: ApiStub, domain: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    api.respond("POST", "/api/v1/tickets", 201, CREATED)
    events, messages = run_action(
        ActionHandoffToHuman(), load_tracker("citizen/home_care_handoff"), domain
    )
    assert events == []
    assert [m["response"] for m in messages] == ["utter_handoff_created"]
    body = api.requests[0].body
    assert (body["queue"], body["topic"]) == ("contact_centre", "life_elderly_care")
    # Only the application in progress: not the cancelled fault report's category.
    assert body["fields"] == {
        "on_behalf": True,
        "applicant_name": "Astrid Lund",
        "personal_id": "19420315-1230",
        "address": "Kyrkvägen 4",
    }
    user_turns = [turn["text"] for turn in body["transcript"] if turn["role"] == "user"]
    assert user_turns[-4:-1] == ["[dolt]", "hon har 19420315-****", "Kyrkvägen 4"]
    assert "1230" not in json.dumps(body["transcript"])
    assert "1231" not in json.dumps(body["transcript"])
    assert not any("1230" in record.getMessage() for record in caplog.records)
