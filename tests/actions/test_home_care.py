"""Home care application: personal id checked and masked, correction, ticket to elderly care."""

from __future__ import annotations

import asyncio
import json
import logging
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
from actions.home_care import (
    ActionAskHomeCareConfirmed,
    ActionAskHomeCareCorrection,
    ActionSubmitHomeCare,
    ValidateHomeCareForm,
)
from actions.interruptions import ActionCancelForm
from actions.tickets import hide_mistyped_personal_ids
from actions.transcript import build_transcript

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures" / "citizen"
DOMAIN = yaml.safe_load((ROOT / "bot/domain/life_home_care.yml").read_text(encoding="utf-8"))
PERSONAL_ID = "19420315-1230"
SERIAL = "1230"


def tracker_from(name: str, **slots: Any) -> Tracker:
    state: dict[str, Any] = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    state["slots"].update(slots)
    return Tracker.from_dict(state)


def run(action: Any, tracker: Tracker) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, DOMAIN))
    return events, dispatcher.messages


def test_personal_id_is_normalized_from_a_sentence() -> None:
    events, messages = run(
        ValidateHomeCareForm(), tracker_from("home_care_personal_id_answer.json")
    )
    assert events == [SlotSet("personal_id", PERSONAL_ID)]
    assert messages == []


def test_personal_id_with_a_wrong_check_digit_is_asked_again() -> None:
    events, messages = run(ValidateHomeCareForm(), tracker_from("home_care_wrong_personal_id.json"))
    assert events == [SlotSet("personal_id", None)]
    assert [m["response"] for m in messages] == ["utter_home_care_invalid_personal_id"]


def test_summary_masks_the_personal_id() -> None:
    events, messages = run(
        ActionAskHomeCareConfirmed(), tracker_from("home_care_confirm_answer.json")
    )
    assert events == []
    assert [(m["response"], m["summary"]) for m in messages] == [
        (
            "utter_home_care_summary",
            "Ansöker för någon annan: ja\nNamn: Astrid Lund\nPersonnummer: 19420315-****\n"
            "Adress: Kyrkvägen 4\nTelefon: 070-174 06 05\n"
            "Behov av hjälp: Hjälp med dusch och inköp",
        )
    ]


def test_summary_in_english() -> None:
    tracker = tracker_from("home_care_confirm_answer.json", lang="en", on_behalf=False)
    _, messages = run(ActionAskHomeCareConfirmed(), tracker)
    assert messages[0]["summary"].splitlines()[:3] == [
        "Applying for someone else: no",
        "Name: Astrid Lund",
        "Personal identity number: 19420315-****",
    ]


def test_correcting_the_personal_id_reopens_only_that_field() -> None:
    events, _ = run(ValidateHomeCareForm(), tracker_from("home_care_confirm_answer.json"))
    assert events == [
        SlotSet("home_care_confirmed", None),
        SlotSet("personal_id", None),
        SlotSet("home_care_correction", None),
    ]


class FakeApi:
    def __init__(self) -> None:
        self.bodies: list[dict[str, Any]] = []

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.bodies.append(json.loads(request.content))
        return httpx.Response(
            201,
            json={
                "reference": "AO-2026-000007",
                "secret": "p4Zr9w",
                "status": "new",
                "queue": "elderly_care",
                "queue_name": "Äldreomsorg",
                "first_response_due": "2026-11-23T08:00:00Z",
                "resolution_due": "2026-11-27T08:00:00Z",
                "sla_first_response_hours": 8,
            },
        )


def test_submit_sends_the_id_only_in_fields_and_never_logs_it(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    api = FakeApi()
    client = ApiClient("http://api.test", "bot-token", transport=httpx.MockTransport(api.handler))
    monkeypatch.setattr(ApiClient, "from_env", classmethod(lambda cls: client))
    caplog.set_level(logging.DEBUG)

    events, messages = run(ActionSubmitHomeCare(), tracker_from("home_care_submit.json"))

    (body,) = api.bodies
    assert (body["queue"], body["topic"]) == ("elderly_care", "life_elderly_care")
    assert body["fields"] == {
        "applicant_name": "Astrid Lund",
        "personal_id": PERSONAL_ID,
        "address": "Kyrkvägen 4",
        "phone": "+46701740605",
        "on_behalf": True,
        "needs": "Hjälp med dusch och inköp",
    }
    transcript = json.dumps(body["transcript"], ensure_ascii=False)
    assert "hon har 19420315-****" in transcript
    assert SERIAL not in transcript
    assert [(m["response"], m["reference"]) for m in messages] == [
        ("utter_life_case_created", "AO-2026-000007")
    ]
    assert events == [
        SlotSet(slot, None)
        for slot in [
            "applicant_name",
            "personal_id",
            "address",
            "phone",
            "on_behalf",
            "needs",
            "home_care_confirmed",
            "home_care_correction",
            "interrupted_form",
        ]
    ]
    assert not any(SERIAL in record.getMessage() for record in caplog.records)


def test_validating_the_id_logs_nothing_about_it(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    run(ValidateHomeCareForm(), tracker_from("home_care_personal_id_answer.json"))
    assert not any(
        "194203151230" in r.getMessage() or SERIAL in r.getMessage() for r in caplog.records
    )


def test_a_mistyped_personal_id_is_hidden_in_the_transcript() -> None:
    tracker = tracker_from("home_care_wrong_personal_id.json")
    turns = build_transcript(tracker.events)
    assert [t["text"] for t in turns if t["role"] == "user"][-2:] == ["Astrid Lund", "[dolt]"]


def test_a_mistyped_personal_id_at_the_summary_is_hidden_in_the_ticket(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    api = FakeApi()
    client = ApiClient("http://api.test", "bot-token", transport=httpx.MockTransport(api.handler))
    monkeypatch.setattr(ApiClient, "from_env", classmethod(lambda cls: client))
    run(ActionSubmitHomeCare(), tracker_from("home_care_submit_after_correction.json"))
    (body,) = api.bodies
    user_turns = [turn["text"] for turn in body["transcript"] if turn["role"] == "user"]
    assert user_turns[-3:] == ["nej, personnumret ska vara [dolt]", "19420315-****", "ja"]
    assert "1231" not in json.dumps(body["transcript"])
    assert body["fields"]["personal_id"] == PERSONAL_ID


@pytest.mark.parametrize(
    ("text", "intent", "lang"),
    [("/deny", "deny", "sv"), ("för mig själv", "inform", "sv"), ("No, for myself", "deny", "en")],
)
def test_applying_for_oneself_is_on_behalf_false(text: str, intent: str, lang: str) -> None:
    state: dict[str, Any] = json.loads((FIXTURES / "home_care_personal_id_answer.json").read_text())
    state["slots"].update(lang=lang, on_behalf=None, requested_slot="on_behalf")
    state["latest_message"].update(text=text, intent={"name": intent, "confidence": 0.9})
    events, messages = run(ValidateHomeCareForm(), Tracker.from_dict(state))
    assert events == [SlotSet("on_behalf", False)]
    assert messages == []


def test_an_application_for_oneself_is_sent_with_on_behalf_false(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    api = FakeApi()
    client = ApiClient("http://api.test", "bot-token", transport=httpx.MockTransport(api.handler))
    monkeypatch.setattr(ApiClient, "from_env", classmethod(lambda cls: client))
    tracker = tracker_from("home_care_submit.json", on_behalf=False)
    _, summary = run(ActionAskHomeCareConfirmed(), tracker)
    assert summary[0]["summary"].splitlines()[0] == "Ansöker för någon annan: nej"
    run(ActionSubmitHomeCare(), tracker)
    (body,) = api.bodies
    assert body["fields"]["on_behalf"] is False  # a "no" is an answer, not a skipped field


def test_stop_keeps_the_answers_and_resume_validates_them_again_without_complaint() -> None:
    state: dict[str, Any] = json.loads((FIXTURES / "home_care_resume.json").read_text())
    stop_at = next(i for i, e in enumerate(state["events"]) if e.get("text") == "avbryt")
    at_stop = {
        **state,
        "events": state["events"][: stop_at + 1],
        "slots": {**state["slots"], "requested_slot": "phone", "interrupted_form": None},
        "latest_message": {**state["events"][stop_at]["parse_data"], "metadata": {}},
    }
    events, messages = run(ActionCancelForm(), Tracker.from_dict(at_stop))
    assert events == [SlotSet("interrupted_form", "home_care_form")]
    assert [m["response"] for m in messages] == ["utter_form_cancelled"]

    # "fortsätt": the form comes back, its earlier answers are validated again and kept.
    events, messages = run(ValidateHomeCareForm(), tracker_from("home_care_resume.json"))
    assert events == [
        SlotSet("on_behalf", False),
        SlotSet("applicant_name", "Astrid Lund"),
        SlotSet("personal_id", PERSONAL_ID),
        SlotSet("address", "Kyrkvägen 4"),
    ]
    assert messages == []


def test_english_application_answers_summary_and_reference(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def answer(slot: str, text: str, intent: str = "inform") -> list[dict[str, Any]]:
        state: dict[str, Any] = json.loads(
            (FIXTURES / "home_care_personal_id_answer.json").read_text()
        )
        state["slots"].update(lang="en", requested_slot=slot, **{slot: None})
        state["latest_message"].update(text=text, intent={"name": intent, "confidence": 0.9})
        events, messages = run(ValidateHomeCareForm(), Tracker.from_dict(state))
        assert messages == [], messages
        return events

    assert answer("on_behalf", "yes, for my mother") == [SlotSet("on_behalf", True)]
    assert answer("applicant_name", "Her name is Astrid Lund") == [
        SlotSet("applicant_name", "Astrid Lund")
    ]
    assert answer("personal_id", "it is 19420315-1230") == [SlotSet("personal_id", PERSONAL_ID)]
    assert answer("address", "she lives at Kyrkvägen 4") == [SlotSet("address", "Kyrkvägen 4")]

    api = FakeApi()
    client = ApiClient("http://api.test", "bot-token", transport=httpx.MockTransport(api.handler))
    monkeypatch.setattr(ApiClient, "from_env", classmethod(lambda cls: client))
    _, messages = run(ActionSubmitHomeCare(), tracker_from("home_care_submit.json", lang="en"))
    (body,) = api.bodies
    assert body["lang"] == "en"
    assert [(m["response"], m["due"]) for m in messages] == [
        ("utter_life_case_created", "Monday 23 November at 09:00")
    ]


@pytest.mark.parametrize(
    ("requested_slot", "text", "expected"),
    [
        ("home_care_confirmed", "nej, det är 420315-1231", "nej, det är [dolt]"),
        ("needs", "hjälp med dusch, 19420315 1231", "hjälp med dusch, [dolt]"),
        ("home_care_confirmed", "nej, det är 19420315-1230", "nej, det är 19420315-1230"),
        ("phone", "0701740605", "0701740605"),  # a phone number, asked for
        ("needs", "ring 0701740605", "ring [dolt]"),
        ("needs", "hon behöver hjälp 3 dagar i veckan", "hon behöver hjälp 3 dagar i veckan"),
    ],
)
def test_personnummer_shaped_numbers_that_are_not_valid_are_hidden(
    requested_slot: str, text: str, expected: str
) -> None:
    events = [
        {"event": "slot", "name": "requested_slot", "value": requested_slot},
        {"event": "user", "text": text, "parse_data": {"intent": {"name": "inform"}}},
    ]
    hidden = hide_mistyped_personal_ids(events)
    assert hidden[1]["text"] == expected
    assert events[1]["text"] == text  # the tracker's own events stay as they were


@pytest.mark.parametrize(
    ("lang", "titles"),
    [
        (
            "sv",
            ["Ansöker för någon annan", "Namn", "Personnummer", "Adress", "Telefon",
             "Behov av hjälp"],
        ),
        (
            "en",
            ["Applying for someone else", "Name", "Personal identity number", "Address",
             "Phone", "Help needed"],
        ),
    ],
)  # fmt: skip
def test_correction_question_has_one_button_per_summary_field(lang: str, titles: list[str]) -> None:
    tracker = tracker_from("home_care_confirm_answer.json", lang=lang, home_care_confirmed="no")
    events, messages = run(ActionAskHomeCareCorrection(), tracker)
    assert events == []
    payloads = ["on_behalf", "applicant_name", "personal_id", "address", "phone", "needs"]
    assert messages == [
        message(
            "utter_ask_home_care_correction",
            buttons=[
                {"title": title, "payload": payload}
                for title, payload in zip(titles, payloads, strict=True)
            ],
        )
    ]
    # The labels are the summary's, written once in the content pack.
    variations = DOMAIN["responses"]["utter_ask_home_care_correction"]
    assert all("buttons" not in variation for variation in variations)
    assert ActionAskHomeCareCorrection().name() in DOMAIN["actions"]
