"""Fault report form: validator turns, the confirm step with corrections, and the ticket."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from conftest import message
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.api_client import ApiClient
from actions.fault_report import (
    ActionAskFaultReportCategory,
    ActionAskFaultReportConfirmed,
    ActionAskFaultReportCorrection,
    ActionSubmitFaultReport,
    ValidateFaultReportForm,
)

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures" / "citizen"
DOMAIN = yaml.safe_load((ROOT / "bot/domain/life_fault_report.yml").read_text(encoding="utf-8"))


def tracker_from(name: str, text: str | None = None, intent: str | None = None) -> Tracker:
    state: dict[str, Any] = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    if text is not None:
        state["latest_message"]["text"] = text
        state["events"][-1]["text"] = text
    if intent is not None:
        state["latest_message"]["intent"]["name"] = intent
    return Tracker.from_dict(state)


def validate(tracker: Tracker) -> tuple[list[dict[str, Any]], list[str | None]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ValidateFaultReportForm().run(dispatcher, tracker, DOMAIN))
    return events, [m["response"] for m in dispatcher.messages]


def test_first_message_fills_category_and_address() -> None:
    events, responses = validate(tracker_from("fault_report_activation.json"))
    assert events == [SlotSet("address", "Storgatan 12"), SlotSet("category", "street_lighting")]
    assert responses == []


def test_a_new_form_with_cleared_slots_starts_without_complaints() -> None:
    events, responses = validate(tracker_from("fault_report_activation_cleared.json"))
    assert events == [
        SlotSet(slot, None)
        for slot in [
            "category",
            "description",
            "phone",
            "email",
            "fault_report_confirmed",
            "address",
        ]
    ]  # the correction slot is only part of the form after a "no" at the summary
    assert responses == []


def test_address_is_taken_from_a_longer_answer() -> None:
    events, responses = validate(tracker_from("fault_report_address_answer.json"))
    assert events == [SlotSet("address", "Storgatan 12")]
    assert responses == []


def test_answer_without_street_number_is_asked_again() -> None:
    events, responses = validate(tracker_from("fault_report_address_answer.json", "vet inte"))
    assert events == [SlotSet("address", None)]
    assert responses == ["utter_life_form_invalid_address"]


@pytest.mark.parametrize("intent", ["stop", "human_handoff", "explain"])
def test_interruptions_are_not_taken_as_answers(intent: str) -> None:
    events, responses = validate(tracker_from("fault_report_address_answer.json", "avbryt", intent))
    assert (events, responses) == ([], [])


def test_no_at_the_summary_asks_what_to_change() -> None:
    events, responses = validate(tracker_from("fault_report_confirm_answer.json"))
    assert events == [
        SlotSet("fault_report_confirmed", "no"),
        SlotSet("requested_slot", "fault_report_correction"),
    ]
    assert responses == []


def test_naming_a_field_at_the_summary_reopens_it() -> None:
    tracker = tracker_from("fault_report_confirm_answer.json", "nej, adressen är fel", "deny")
    events, _ = validate(tracker)
    assert events == [
        SlotSet("fault_report_confirmed", None),
        SlotSet("address", None),
        SlotSet("fault_report_correction", None),
    ]


def test_yes_at_the_summary_confirms() -> None:
    events, _ = validate(tracker_from("fault_report_confirm_answer.json", "ja", "affirm"))
    assert events == [SlotSet("fault_report_confirmed", "yes")]


def test_unclear_answer_at_the_summary_asks_again() -> None:
    # (a greeting here is no answer at all: a rule greets back, see test_life_interruptions.py)
    tracker = tracker_from("fault_report_confirm_answer.json", "hmm", "nlu_fallback")
    events, responses = validate(tracker)
    assert events == [SlotSet("fault_report_confirmed", None)]
    assert responses == ["utter_life_form_confirm_unclear"]


def test_correction_answer_reopens_the_chosen_field() -> None:
    events, _ = validate(tracker_from("fault_report_correction_answer.json"))
    assert events == [
        SlotSet("fault_report_correction", None),
        SlotSet("address", None),
        SlotSet("fault_report_confirmed", None),
    ]


def test_correction_answer_that_names_no_field_asks_again() -> None:
    events, responses = validate(tracker_from("fault_report_correction_answer.json", "vet ej"))
    assert events == [
        SlotSet("fault_report_correction", None),
        SlotSet("requested_slot", "fault_report_correction"),
    ]
    assert responses == ["utter_life_form_correction_unclear"]


def test_summary_shows_labels_and_national_phone() -> None:
    dispatcher = CollectingDispatcher()
    tracker = tracker_from("fault_report_confirm_answer.json")
    events = asyncio.run(ActionAskFaultReportConfirmed().run(dispatcher, tracker, DOMAIN))
    assert events == []
    assert [(m["response"], m["summary"]) for m in dispatcher.messages] == [
        (
            "utter_fault_report_summary",
            "Typ av fel: Gatubelysning\nAdress: Storgatan 12\n"
            "Beskrivning: Lampan har varit släckt i en vecka\nTelefon: 070-123 45 67\n"
            "E-post: inte angivet",
        )
    ]


class FakeApi:
    """Records what the action sends and answers like POST /api/v1/tickets."""

    def __init__(self, status_code: int = 201) -> None:
        self.status_code = status_code
        self.requests: list[httpx.Request] = []

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.status_code >= 500:
            return httpx.Response(self.status_code, json={"detail": "down", "error": "db"})
        return httpx.Response(
            self.status_code,
            json={
                "reference": "GP-2026-000042",
                "secret": "k7Qm2x",
                "status": "new",
                "queue": "street_parks",
                "queue_name": "Gata och park",
                "first_response_due": "2026-11-23T10:00:00Z",
                "resolution_due": "2026-12-03T10:00:00Z",
                "sla_first_response_hours": 24,
            },
        )

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        client = ApiClient(
            "http://api.test", "bot-token", transport=httpx.MockTransport(self.handler)
        )
        monkeypatch.setattr(ApiClient, "from_env", classmethod(lambda cls: client))


def submit(tracker: Tracker) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionSubmitFaultReport().run(dispatcher, tracker, DOMAIN))
    return events, dispatcher.messages


def test_submit_creates_a_street_parks_ticket_and_tells_the_reference(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    api = FakeApi()
    api.install(monkeypatch)
    events, messages = submit(tracker_from("fault_report_submit.json"))

    (request,) = api.requests
    body = json.loads(request.content)
    assert request.url == "http://api.test/api/v1/tickets"
    assert request.headers["Authorization"] == "Bearer bot-token"
    assert request.headers["Idempotency-Key"] == "citizen-fault:fault_report_form:1"
    assert {
        k: body[k] for k in ("queue", "topic", "channel", "session_id", "priority", "lang")
    } == {
        "queue": "street_parks",
        "topic": "life_report_fault",
        "channel": "chat",
        "session_id": "citizen-fault",
        "priority": "normal",
        "lang": "sv",
    }
    assert body["fields"] == {
        "category": "street_lighting",
        "address": "Storgatan 12",
        "description": "Lampan har varit släckt i en vecka",
        "phone": "+46701234567",
    }
    assert "contact_email" not in body
    assert [turn["text"] for turn in body["transcript"] if turn["role"] == "user"][:2] == [
        "Gatlampan är trasig utanför Storgatan 12",
        "Storgatan 12",
    ]
    assert [
        (m["response"], m["reference"], m["secret"], m["queue_name"], m["due"]) for m in messages
    ] == [
        (
            "utter_life_case_created",
            "GP-2026-000042",
            "k7Qm2x",
            "Gata och park",
            "måndag 23 november kl. 11.00",
        )
    ]
    assert events == [
        SlotSet(slot, None)
        for slot in [
            "category",
            "address",
            "description",
            "phone",
            "email",
            "fault_report_confirmed",
            "fault_report_correction",
            "interrupted_form",
        ]
    ]


def test_submit_when_the_api_is_down_keeps_the_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    FakeApi(status_code=503).install(monkeypatch)
    events, messages = submit(tracker_from("fault_report_submit.json"))
    assert events == []
    assert [m["response"] for m in messages] == ["utter_life_form_not_sent"]


@pytest.mark.parametrize(
    ("lang", "titles"),
    [
        (
            "sv",
            [
                "Gatubelysning",
                "Väg eller gata",
                "Klotter",
                "Lekplats",
                "Träd",
                "Vatten eller avlopp",
                "Skräp eller sopor",
                "Annat",
            ],
        ),
        (
            "en",
            [
                "Street lighting",
                "Road or street",
                "Graffiti",
                "Playground",
                "Tree",
                "Water or sewage",
                "Litter or waste",
                "Other",
            ],
        ),
    ],
)
def test_category_question_has_one_button_per_content_pack_category(
    lang: str, titles: list[str]
) -> None:
    state = json.loads((FIXTURES / "fault_report_activation_cleared.json").read_text("utf-8"))
    state["slots"]["lang"] = lang
    dispatcher = CollectingDispatcher()
    events = asyncio.run(
        ActionAskFaultReportCategory().run(dispatcher, Tracker.from_dict(state), DOMAIN)
    )
    assert events == []
    payloads = ["street_lighting", "road", "graffiti", "playground", "tree", "water", "waste"]
    assert dispatcher.messages == [
        message(
            "utter_ask_fault_report_form_category",
            buttons=[
                {"title": title, "payload": payload}
                for title, payload in zip(titles, [*payloads, "other"], strict=True)
            ],
        )
    ]
    # The labels are written once, in the content pack: the response itself has no buttons.
    variations = DOMAIN["responses"]["utter_ask_fault_report_form_category"]
    assert all("buttons" not in variation for variation in variations)
    assert "action_ask_fault_report_form_category" in DOMAIN["actions"]


def test_a_given_email_is_a_field_and_the_contact_email(monkeypatch: pytest.MonkeyPatch) -> None:
    api = FakeApi()
    api.install(monkeypatch)
    state = json.loads((FIXTURES / "fault_report_submit.json").read_text(encoding="utf-8"))
    state["slots"]["email"] = "anna.svensson@example.se"
    submit(Tracker.from_dict(state))
    (request,) = api.requests
    body = json.loads(request.content)
    assert body["contact_email"] == "anna.svensson@example.se"
    assert body["fields"]["email"] == "anna.svensson@example.se"


def test_an_email_answer_is_validated_and_kept() -> None:
    state = json.loads((FIXTURES / "fault_report_address_answer.json").read_text("utf-8"))
    state["slots"].update(address="Storgatan 12", description="Släckt", phone="")
    state["slots"]["requested_slot"] = "email"
    state["latest_message"].update(text=" Anna.Svensson@example.se. ", intent={"name": "inform"})
    events, responses = validate(Tracker.from_dict(state))
    assert events == [SlotSet("email", "Anna.Svensson@example.se")]
    assert responses == []


@pytest.mark.parametrize("text", ["det är något konstigt", "blablabla"])
def test_an_answer_that_names_no_category_is_asked_again(text: str) -> None:
    state = json.loads((FIXTURES / "fault_report_address_answer.json").read_text("utf-8"))
    state["slots"].update(category=None, requested_slot="category")
    state["latest_message"].update(text=text, intent={"name": "inform", "confidence": 0.9})
    events, responses = validate(Tracker.from_dict(state))
    assert events == [SlotSet("category", None)]
    assert responses == ["utter_fault_report_invalid_category"]


@pytest.mark.parametrize(
    ("lang", "titles"),
    [
        ("sv", ["Typ av fel", "Adress", "Beskrivning", "Telefon", "E-post"]),
        ("en", ["Type of fault", "Address", "Description", "Phone", "E-mail"]),
    ],
)
def test_correction_question_has_one_button_per_summary_field(lang: str, titles: list[str]) -> None:
    state = json.loads((FIXTURES / "fault_report_correction_answer.json").read_text("utf-8"))
    state["slots"]["lang"] = lang
    dispatcher = CollectingDispatcher()
    events = asyncio.run(
        ActionAskFaultReportCorrection().run(dispatcher, Tracker.from_dict(state), DOMAIN)
    )
    assert events == []
    payloads = ["category", "address", "description", "phone", "email"]
    assert dispatcher.messages == [
        message(
            "utter_ask_fault_report_correction",
            buttons=[
                {"title": title, "payload": payload}
                for title, payload in zip(titles, payloads, strict=True)
            ],
        )
    ]
    # The labels are the summary's, written once in the content pack.
    variations = DOMAIN["responses"]["utter_ask_fault_report_correction"]
    assert all("buttons" not in variation for variation in variations)
    assert ActionAskFaultReportCorrection().name() in DOMAIN["actions"]
