from __future__ import annotations

from typing import Any

import pytest
from api_stub import ApiStub
from conftest import load_tracker, message, run_action
from rasa_sdk import Tracker

from actions.it_ticket import (
    ActionAskTicketConfirmed,
    ActionSubmitItTicket,
    ValidateItTicketForm,
    required_ticket_slots,
)

CREATED = {
    "reference": "IT-2026-000123",
    "secret": "k7Qp2xR9",
    "status": "new",
    "queue": "it_support",
    "queue_name": "IT-support",
    "first_response_due": "2026-11-22T11:00:00Z",
    "resolution_due": "2026-11-23T07:00:00Z",
    "sla_first_response_hours": 4,
}


def slot(name: str, value: Any) -> dict[str, Any]:
    return {"event": "slot", "timestamp": None, "name": name, "value": value}


def test_phone_only_without_email_and_location_only_where_it_matters() -> None:
    assert required_ticket_slots({"category": "software", "email": "a@b.se"}) == [
        "category",
        "description",
        "reporter_name",
        "email",
        "urgency",
        "ticket_confirmed",
    ]
    assert required_ticket_slots({"category": "printer", "email": "none"}) == [
        "category",
        "description",
        "reporter_name",
        "email",
        "phone",
        "location",
        "urgency",
        "ticket_confirmed",
    ]


def test_skipping_email_asks_for_a_phone_number(domain: dict[str, Any]) -> None:
    events, messages = run_action(
        ValidateItTicketForm(), load_tracker("it_ticket_email_answer"), domain
    )
    assert messages == []
    # every field is needed now (printer: location too), so Rasa's form asks the next one itself
    assert events == [slot("email", "none")]


def test_correcting_one_field_clears_only_that_field(domain: dict[str, Any]) -> None:
    tracker = load_tracker("it_ticket_confirm_correct_email")
    events, messages = run_action(ValidateItTicketForm(), tracker, domain)
    assert messages == []
    assert events == [
        slot("ticket_confirmed", None),
        slot("email", None),
        slot("phone", None),
        slot("requested_slot", "email"),
    ]


def test_yes_at_the_confirm_step_finishes_the_form(domain: dict[str, Any]) -> None:
    events, messages = run_action(
        ValidateItTicketForm(), load_tracker("it_ticket_confirm_yes"), domain
    )
    assert messages == []
    assert events == [slot("ticket_confirmed", True), slot("requested_slot", None)]


def test_summary_shows_every_field_with_labels() -> None:
    tracker = load_tracker("it_ticket_confirm_yes", phone="+46701740621")
    events, messages = run_action(ActionAskTicketConfirmed(), tracker)
    assert events == []
    assert messages == [
        message(
            "utter_ticket_summary",
            category="Skrivare",
            description="Skrivaren på plan 2 skriver inte ut",
            reporter_name="Anna Andersson",
            email="anna.andersson@mittkoping.example",
            phone="070-174 06 21",
            location="Stadshuset plan 2",
            urgency="Normal",
        )
    ]


def test_submit_creates_the_ticket_with_redacted_transcript(api: ApiStub) -> None:
    api.respond("POST", "/api/v1/tickets", 201, CREATED)
    events, messages = run_action(ActionSubmitItTicket(), load_tracker("it_ticket_submit"))
    assert messages == [
        message(
            "utter_it_ticket_created",
            reference="IT-2026-000123",
            secret="k7Qp2xR9",
            queue_name="IT-support",
            due="söndag 22 november kl. 12.00",
        )
    ]
    assert events == [
        slot(name, None)
        for name in (
            "category",
            "description",
            "location",
            "urgency",
            "ticket_confirmed",
            "it_topic",
            "system",
            "outage_match",
            "interrupted_form",
        )
    ]
    sent = api.requests[0]
    assert sent.headers["idempotency-key"] == "s-ticket:it_ticket_form:1"
    body = sent.body
    assert body["queue"] == "it_support"
    assert body["topic"] == "it_printer"
    assert body["priority"] == "normal"
    assert body["contact_email"] == "anna.andersson@mittkoping.example"
    assert body["fields"] == {
        "category": "printer",
        "description": "Skrivaren på plan 2 skriver inte ut",
        "reporter_name": "Anna Andersson",
        "email": "anna.andersson@mittkoping.example",
        "location": "Stadshuset plan 2",
        "urgency": "normal",
    }
    texts = [turn["text"] for turn in body["transcript"]]
    assert texts[0] == "skrivaren på plan 2 skriver inte ut"
    assert all("19900101-0017" not in text for text in texts)
    assert [turn["role"] for turn in body["transcript"]] == [
        "user",
        "bot",
        "bot",
        "user",
        "bot",
        "user",
    ]


def test_submit_when_the_api_is_down_keeps_the_answers(api: ApiStub) -> None:
    api.respond("POST", "/api/v1/tickets", 503, {"detail": "down"})
    events, messages = run_action(ActionSubmitItTicket(), load_tracker("it_ticket_submit"))
    assert messages == [message("utter_service_unavailable")]
    assert events == [slot("ticket_confirmed", None), slot("interrupted_form", "it_ticket_form")]


def answered(name: str, text: str, **slots: Any) -> Tracker:
    """The e-mail-answer tracker, but the user answered `text` to the slot `name`."""
    tracker = load_tracker("it_ticket_email_answer", requested_slot=name, **slots)
    tracker.events[-1] = {**tracker.events[-1], "name": name, "value": text}
    tracker.latest_message["text"] = text
    return tracker


@pytest.mark.parametrize(
    ("name", "text", "response"),
    [
        ("phone", "123", "utter_invalid_phone"),
        ("phone", "ring mig", "utter_invalid_phone"),
        ("category", "banan", "utter_invalid_category"),
        ("urgency", "kanske", "utter_invalid_urgency"),
        ("urgency", "inte låg", "utter_invalid_urgency"),
        ("reporter_name", "är du en robot", "utter_invalid_reporter_name"),
        ("reporter_name", "Anna", "utter_invalid_reporter_name"),
        ("description", "hej", "utter_invalid_description"),
    ],
)
def test_an_invalid_answer_is_explained_and_asked_again(
    name: str, text: str, response: str, domain: dict[str, Any]
) -> None:
    # a software ticket without e-mail: the form needs a phone number, but no location
    filled = {"category": "software", "email": "none", "phone": "+46701740621"}
    tracker = answered(name, text, **{**filled, name: text})
    events, messages = run_action(ValidateItTicketForm(), tracker, domain)
    assert messages == [message(response)]
    assert events == [slot(name, None), slot("requested_slot", name)]


@pytest.mark.parametrize("text", ["anna på jobbet", "anna@", "anna@mittkoping"])
def test_an_invalid_email_is_explained_and_asked_again(text: str, domain: dict[str, Any]) -> None:
    events, messages = run_action(
        ValidateItTicketForm(), answered("email", text, email=text), domain
    )
    assert messages == [message("utter_invalid_email")]
    assert events == [slot("email", None), slot("requested_slot", "email")]


def test_a_phone_number_where_the_email_was_asked_is_taken_as_the_contact(
    domain: dict[str, Any],
) -> None:
    tracker = answered("email", "070-174 06 21", email="070-174 06 21")
    events, messages = run_action(ValidateItTicketForm(), tracker, domain)
    assert messages == []
    # no e-mail ("none") and the phone number: the form does not ask for a phone again
    assert events == [slot("email", "none"), slot("phone", "+46701740621")]


@pytest.mark.parametrize(
    ("text", "urgency"),
    [("ingen brådska", "low"), ("inte bråttom", "low"), ("not urgent", "low"), ("hög", "high")],
)
def test_urgency_answers_are_stored_as_levels(
    text: str, urgency: str, domain: dict[str, Any]
) -> None:
    events, messages = run_action(
        ValidateItTicketForm(), answered("urgency", text, urgency=text), domain
    )
    assert messages == []
    assert events == [slot("urgency", urgency), slot("requested_slot", "ticket_confirmed")]


def _earlier_submit(tracker: Tracker, answer: dict[str, Any]) -> Tracker:
    """The tracker with an earlier run of the submit action, answered by `answer`."""
    tracker.events += [
        {"event": "action", "timestamp": 1795338100.0, "name": "action_submit_it_ticket"},
        {"event": "bot", "timestamp": 1795338100.5, "text": "…", "data": {}, "metadata": answer},
        {"event": "action", "timestamp": 1795338101.0, "name": "action_listen"},
        {"event": "user", "timestamp": 1795338102.0, "text": "fortsätt", "parse_data": {}},
        {"event": "action", "timestamp": 1795338103.0, "name": "it_ticket_form"},
    ]
    return tracker


def test_a_retry_after_a_failed_submit_reuses_the_idempotency_key(api: ApiStub) -> None:
    # the first try failed (API down or timed out, maybe after creating the ticket): the
    # retry after "fortsätt" must send the same key, so the API never makes a duplicate
    api.respond("POST", "/api/v1/tickets", 201, CREATED)
    failed = {"utter_action": "utter_service_unavailable", "template": "utter_service_unavailable"}
    run_action(ActionSubmitItTicket(), _earlier_submit(load_tracker("it_ticket_submit"), failed))
    assert api.requests[0].headers["idempotency-key"] == "s-ticket:it_ticket_form:1"


def test_a_second_ticket_after_a_created_one_gets_a_new_idempotency_key(api: ApiStub) -> None:
    api.respond("POST", "/api/v1/tickets", 201, CREATED)
    created = {"utter_action": "utter_it_ticket_created", "reference": "IT-2026-000122"}
    run_action(ActionSubmitItTicket(), _earlier_submit(load_tracker("it_ticket_submit"), created))
    assert api.requests[0].headers["idempotency-key"] == "s-ticket:it_ticket_form:2"
