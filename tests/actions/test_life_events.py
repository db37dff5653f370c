"""Life-event checklists from the content pack, and the form that follows some of them."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.content import load_content
from actions.departments import contact
from actions.life_events import (
    ActionAcceptFormOffer,
    ActionAnswerLifeEvent,
    ActionDeclineFormOffer,
    render_checklist,
)

FIXTURES = Path(__file__).parent / "fixtures" / "citizen"
LIFE_EVENTS = [
    "life_moving_in",
    "life_new_child",
    "life_school",
    "life_elderly_care",
    "life_disability_support",
    "life_building_permit",
    "life_waste_water",
    "life_report_fault",
    "life_financial_aid",
    "life_start_business",
    "life_death",
    "life_job",
    "life_parking",
]


def tracker_from(name: str, **changes: Any) -> Tracker:
    state: dict[str, Any] = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    for key, value in changes.items():
        if key == "intent":
            state["latest_message"]["intent"]["name"] = value
        else:
            state["slots"][key] = value
    return Tracker.from_dict(state)


def run(action: Any, tracker: Tracker) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, {}))
    return events, dispatcher.messages


def test_content_pack_has_a_checklist_for_every_life_event() -> None:
    assert sorted(load_content("life_events.yml")["events"]) == sorted(LIFE_EVENTS)


@pytest.mark.parametrize("event_id", LIFE_EVENTS)
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_checklist_has_steps_links_and_a_phone_number(event_id: str, lang: str) -> None:
    content = load_content("life_events.yml")
    text = render_checklist(event_id, lang, content)
    event = content["events"][event_id]
    lines = text.splitlines()
    assert lines[0] == event["title"][lang]
    assert lines[1].startswith("1. ")
    assert contact(event["contact"], lang).phone in lines[-1]
    assert all(link["url"] in text for link in event["links"])


def test_parking_checklist_exact_text_in_swedish() -> None:
    text = render_checklist("life_parking", "sv", load_content("life_events.yml"))
    assert text == (
        "Parkering\n"
        "1. Parkeringstillstånd för rörelsehindrade: ansök i e-tjänsten. Bifoga läkarintyg.\n"
        "2. Boendeparkering: ansök om du bor i centrum. Det kostar 400 kronor i månaden.\n"
        "3. Fått en felparkeringsavgift? Betala inom 8 dagar eller bestrid den skriftligt.\n"
        "4. Fick du boten på privat mark? Kontakta bolaget som står på lappen.\n"
        "Det här gör kommunen: Parkeringstillstånd, boendeparkering och parkeringsavgifter på "
        "kommunens gator.\n"
        "Läs mer: Parkering https://www.mittkoping.example/parkering\n"
        # the queue's opening hours from queues.yml, the phone number from municipality.yml
        "Frågor? Ring Gata och park på 070-174 06 40, måndag–torsdag 8.00–16.00, "  # noqa: RUF001 (typographic dash in content)
        "fredag 8.00–15.00 (akuta fel dygnet runt)."  # noqa: RUF001
    )


def test_answer_sends_the_checklist_and_clears_any_offer() -> None:
    events, messages = run(ActionAnswerLifeEvent(), tracker_from("life_event_question.json"))
    content = load_content("life_events.yml")
    assert messages == [
        {
            "text": render_checklist("life_parking", "sv", content),
            "buttons": [],
            "elements": [],
            "custom": {},
            "template": None,
            "response": None,
            "image": None,
            "attachment": None,
        }
    ]
    assert events == [SlotSet("offered_form", None)]


def test_answer_follows_the_lang_slot() -> None:
    tracker = tracker_from("life_event_question.json", lang="en", intent="life_job")
    _, messages = run(ActionAnswerLifeEvent(), tracker)
    assert messages[0]["text"].splitlines()[0] == "Working for Mittköping Municipality"


def test_elderly_care_offers_the_application_and_starts_it_empty() -> None:
    tracker = tracker_from(
        "life_event_question.json", intent="life_elderly_care", personal_id="19420315-1230"
    )
    events, messages = run(ActionAnswerLifeEvent(), tracker)
    assert [m["response"] for m in messages] == [None, "utter_offer_home_care"]
    assert events == [
        SlotSet("applicant_name", None),
        SlotSet("personal_id", None),
        SlotSet("address", None),
        SlotSet("phone", None),
        SlotSet("on_behalf", None),
        SlotSet("needs", None),
        SlotSet("home_care_confirmed", None),
        SlotSet("home_care_correction", None),
        SlotSet("offered_form", "home_care_form"),
    ]


def test_fault_report_clears_old_answers_but_keeps_the_address_in_the_message() -> None:
    events, _ = run(ActionAnswerLifeEvent(), tracker_from("life_event_fault_with_address.json"))
    assert events == [
        SlotSet("category", None),
        SlotSet("description", None),
        SlotSet("phone", None),
        SlotSet("email", None),
        SlotSet("fault_report_confirmed", None),
        SlotSet("fault_report_correction", None),
        SlotSet("address", "Storgatan 12"),
        SlotSet("offered_form", None),
    ]


def test_accepting_and_declining_the_offer_use_it_up() -> None:
    tracker = tracker_from("life_event_question.json", offered_form="home_care_form")
    events, messages = run(ActionAcceptFormOffer(), tracker)
    assert (events, messages) == ([SlotSet("offered_form", None)], [])
    events, messages = run(ActionDeclineFormOffer(), tracker)
    assert events == [SlotSet("offered_form", None)]
    assert [m["response"] for m in messages] == ["utter_life_offer_declined"]


FAULT_SLOTS_CLEARED = [
    SlotSet("category", None),
    SlotSet("description", None),
    SlotSet("phone", None),
    SlotSet("email", None),
    SlotSet("fault_report_confirmed", None),
    SlotSet("fault_report_correction", None),
    SlotSet("address", None),
]


def fault_message(text: str, lang: str = "sv") -> Tracker:
    state: dict[str, Any] = json.loads((FIXTURES / "life_event_question.json").read_text("utf-8"))
    state["latest_message"].update(text=text, intent={"name": "life_report_fault"})
    state["events"][-1]["text"] = text
    state["slots"]["lang"] = lang
    return Tracker.from_dict(state)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Hur gör jag en felanmälan?", "sv"),
        ("hur felanmäler man", "sv"),
        ("Var anmäler jag fel till kommunen", "sv"),
        ("How do I report a fault?", "en"),
    ],
)
def test_a_question_about_fault_reports_gets_the_form_offered(text: str, lang: str) -> None:
    events, messages = run(ActionAnswerLifeEvent(), fault_message(text, lang))
    assert [m["response"] for m in messages] == [None, "utter_offer_fault_report"]
    assert events == [*FAULT_SLOTS_CLEARED, SlotSet("offered_form", "fault_report_form")]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("jag vill felanmäla", None),  # says what it wants: the form starts
        ("Hur felanmäler jag en trasig gatlampa?", None),  # names the fault
        ("Vem ska jag ringa om hålet i gatan på Kyrkvägen 4?", "Kyrkvägen 4"),
        ("felanmälan", None),
    ],
)
def test_a_message_that_reports_a_fault_starts_the_form_without_an_offer(
    text: str, address: str | None
) -> None:
    events, messages = run(ActionAnswerLifeEvent(), fault_message(text))
    assert [m["response"] for m in messages] == [None]
    assert events == [
        *FAULT_SLOTS_CLEARED[:-1],
        SlotSet("address", address),
        SlotSet("offered_form", None),
    ]


def test_accepting_the_fault_report_offer_uses_it_up() -> None:
    tracker = tracker_from("life_event_question.json", offered_form="fault_report_form")
    assert run(ActionAcceptFormOffer(), tracker) == ([SlotSet("offered_form", None)], [])


@pytest.mark.parametrize(
    ("fixture", "intent", "text"),
    [
        ("home_care_personal_id_answer.json", "life_elderly_care", "vad kostar hemtjänst?"),
        ("home_care_personal_id_answer.json", "life_report_fault", "hur anmäler jag fel?"),
        ("fault_report_address_answer.json", "life_waste_water", "när töms soporna?"),
    ],
)
def test_a_question_inside_a_citizen_form_gets_the_checklist_and_leaves_the_form_alone(
    fixture: str, intent: str, text: str
) -> None:
    state: dict[str, Any] = json.loads((FIXTURES / fixture).read_text(encoding="utf-8"))
    state["latest_message"].update(text=text, intent={"name": intent, "confidence": 0.9})
    events, messages = run(ActionAnswerLifeEvent(), Tracker.from_dict(state))
    checklist = render_checklist(intent, "sv", load_content("life_events.yml"))
    # no offer, no new form prepared: the answers so far stay and the rule resumes the form
    assert [(m["text"], m["response"]) for m in messages] == [(checklist, None)]
    assert events == [SlotSet("offered_form", None)]
