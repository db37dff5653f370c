"""Questions inside the citizen forms: never an answer; a rule answers, the form asks again.

The forms' slots have custom mappings, so "not an answer" is the validator extracting nothing:
then Rasa rejects the form and bot/data/rules/life_interruptions.yml takes over.
"""

from __future__ import annotations

import asyncio
import functools
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES, ROOT
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.fault_report import ValidateFaultReportForm
from actions.home_care import ValidateHomeCareForm
from actions.life_forms import (
    INTERRUPT_INTENTS,
    QUESTION_INTENTS,
    CitizenFormValidation,
    asks_instead,
)

FORMS: dict[str, tuple[type[CitizenFormValidation], str]] = {
    # form → (its validator, a fixture of the form asking its questions)
    "fault_report_form": (ValidateFaultReportForm, "fault_report_address_answer.json"),
    "home_care_form": (ValidateHomeCareForm, "home_care_personal_id_answer.json"),
}
DOMAIN_DIR = ROOT / "bot" / "domain"
LIFE_EVENTS = [
    next(iter(intent)) if isinstance(intent, dict) else intent
    for intent in yaml.safe_load((DOMAIN_DIR / "life_events.yml").read_text("utf-8"))["intents"]
]
# Questions and small talk as a citizen writes them, with the intent the NLU gives them.
QUESTIONS = [
    ("bot_challenge", "är du en robot?"),
    ("bot_challenge", "pratar jag med en dator nu"),
    ("out_of_scope", "när har vårdcentralen öppet?"),
    ("greet", "god morgon"),
    ("thanks", "tack ska du ha"),
    ("goodbye", "hej då"),
    ("ticket_status", "hur går det med mitt ärende"),
    ("life_elderly_care", "vad kostar hemtjänst?"),
    ("life_elderly_care", "Hej, vad kostar hemtjänsten"),
    ("life_waste_water", "när töms soporna"),
    ("life_report_fault", "hur lång tid tar det innan ni lagar den?"),
]


@functools.cache
def merged_domain() -> dict[str, Any]:
    """The merged domain's slots, forms and responses, as the action server receives them."""
    merged: dict[str, Any] = {"slots": {}, "forms": {}, "responses": {}}
    for path in sorted(DOMAIN_DIR.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key in merged:
            merged[key].update(data.get(key) or {})
    return merged


def asked_slots(form: str) -> list[str]:
    """Every slot the form asks for, the correction step included."""
    prefix = FORMS[form][0].prefix
    return [*merged_domain()["forms"][form]["required_slots"], f"{prefix}_correction"]


def turn(form: str, requested_slot: str, text: str, intent: str) -> Tracker:
    """The form asks for `requested_slot`; the user writes `text`, read as `intent`."""
    validator, fixture = FORMS[form]
    state: dict[str, Any] = json.loads((FIXTURES / "citizen" / fixture).read_text("utf-8"))
    state["slots"]["requested_slot"] = requested_slot
    state["slots"][requested_slot] = None
    if requested_slot.endswith("_correction"):  # asked only after "nej" at the summary
        state["slots"][f"{validator.prefix}_confirmed"] = "no"
    state["latest_message"].update(text=text, intent={"name": intent, "confidence": 0.9})
    state["events"][-1].update(
        text=text, parse_data={"intent": {"name": intent, "confidence": 0.9}, "text": text}
    )
    return Tracker.from_dict(state)


def validate(form: str, tracker: Tracker) -> tuple[list[dict[str, Any]], list[str | None]]:
    dispatcher = CollectingDispatcher()
    validator = FORMS[form][0]()
    events = asyncio.run(validator.run(dispatcher, tracker, merged_domain()))
    return [dict(event) for event in events], [m["response"] for m in dispatcher.messages]


def filled(events: list[dict[str, Any]]) -> dict[str, Any]:
    """Slots the validator filled; Rasa rejects the form when there are none.

    (`requested_slot` does not count: FormAction.validate ignores it too.)
    """
    return {e["name"]: e["value"] for e in events if e["name"] != "requested_slot"}


@pytest.mark.parametrize(("intent", "text"), QUESTIONS)
@pytest.mark.parametrize(
    ("form", "requested_slot"),
    [(form, slot) for form in FORMS for slot in asked_slots(form)],
)
def test_a_question_is_never_taken_as_an_answer(
    form: str, requested_slot: str, intent: str, text: str
) -> None:
    events, responses = validate(form, turn(form, requested_slot, text, intent))
    assert filled(events) == {}
    assert responses == []  # no "that is not a valid name": a rule answers the question


def test_are_you_a_robot_does_not_become_the_applicant_name() -> None:
    tracker = turn("home_care_form", "applicant_name", "är du en robot", "bot_challenge")
    assert validate("home_care_form", tracker) == ([], [])


def test_a_question_does_not_become_the_fault_description() -> None:
    tracker = turn("fault_report_form", "description", "vad händer nu?", "life_report_fault")
    assert validate("fault_report_form", tracker) == ([], [])


@pytest.mark.parametrize(
    ("form", "requested_slot", "text", "intent", "value"),
    [
        # a plain yes or no is an answer whatever the NLU made of it
        ("fault_report_form", "phone", "nej tack", "thanks", ""),
        ("fault_report_form", "email", "Nej tack.", "thanks", ""),
        ("home_care_form", "on_behalf", "ja tack", "thanks", True),
        ("home_care_form", "home_care_confirmed", "ja tack", "thanks", "yes"),
        # a value the field's parser reads is the answer, even when the NLU misread it
        ("fault_report_form", "address", "Storgatan 12", "out_of_scope", "Storgatan 12"),
        ("fault_report_form", "phone", "070-123 45 67", "greet", "+46701234567"),
        ("fault_report_form", "email", "anna@example.se", "out_of_scope", "anna@example.se"),
        ("home_care_form", "personal_id", "19420315-1230", "out_of_scope", "19420315-1230"),
        ("home_care_form", "address", "Kyrkvägen 4", "out_of_scope", "Kyrkvägen 4"),
        ("home_care_form", "phone", "0701740605", "ticket_status", "+46701740605"),
        ("home_care_form", "on_behalf", "för min pappa", "out_of_scope", True),
        # a button's payload is the category id
        ("fault_report_form", "category", "tree", "out_of_scope", "tree"),
        # a life-event message that tells is the description or the needs
        (
            "fault_report_form",
            "description",
            "Lampan är släckt, kan ni laga den?",
            "life_report_fault",
            "Lampan är släckt, kan ni laga den?",
        ),
        (
            "home_care_form",
            "needs",
            "Hon behöver hjälp med städning och dusch",
            "life_elderly_care",
            "Hon behöver hjälp med städning och dusch",
        ),
    ],
)
def test_an_answer_the_nlu_misread_is_still_the_answer(
    form: str, requested_slot: str, text: str, intent: str, value: Any
) -> None:
    events, responses = validate(form, turn(form, requested_slot, text, intent))
    assert filled(events) == {requested_slot: value}
    assert responses == []


@pytest.mark.parametrize("form", FORMS)
def test_a_correction_button_is_an_answer_whatever_the_nlu_read(form: str) -> None:
    prefix = FORMS[form][0].prefix
    tracker = turn(form, f"{prefix}_correction", "address", "out_of_scope")
    events, responses = validate(form, tracker)
    assert events == [
        SlotSet(f"{prefix}_correction", None),
        SlotSet("address", None),
        SlotSet(f"{prefix}_confirmed", None),
    ]
    assert responses == []


@pytest.mark.parametrize("intent", sorted(INTERRUPT_INTENTS))
def test_stop_why_handoff_and_resume_are_never_answers_even_as_yes_or_no(intent: str) -> None:
    tracker = turn("home_care_form", "on_behalf", "nej", intent)
    assert validate("home_care_form", tracker) == ([], [])


@pytest.mark.parametrize("form", FORMS)
def test_no_mapping_fills_a_citizen_form_slot_from_the_raw_text(form: str) -> None:
    # from_text mappings would store a question before the validator sees it; the shared
    # slots' from_text mappings belong to the IT ticket form only.
    slots = merged_domain()["slots"]
    leaks = [
        (name, mapping)
        for name in asked_slots(form)
        for mapping in slots[name]["mappings"]
        if mapping["type"] not in ("custom", "from_entity")
        and not any(
            c.get("active_loop") not in (None, *FORMS) for c in mapping.get("conditions", [])
        )
    ]
    assert leaks == []


def _rules() -> list[dict[str, Any]]:
    rules: list[dict[str, Any]] = []
    for path in sorted(Path(ROOT, "bot", "data", "rules").glob("*.yml")):
        rules += yaml.safe_load(path.read_text(encoding="utf-8")).get("rules") or []
    return rules


def _in_form_rules(form: str) -> dict[str, list[dict[str, Any]]]:
    """First intent → steps of each rule that handles it while `form` is active."""
    return {
        rule["steps"][0]["intent"]: list(rule["steps"])
        for rule in _rules()
        if {"active_loop": form} in rule.get("condition", []) and "intent" in rule["steps"][0]
    }


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(
    ("intent", "answer"),
    [
        ("bot_challenge", "utter_iamabot"),
        ("out_of_scope", "action_route_out_of_scope"),
        ("greet", "utter_greet_in_form"),
        ("thanks", "utter_thanks_in_form"),
        *((intent, "action_answer_life_event") for intent in LIFE_EVENTS),
    ],
)
def test_a_question_inside_a_citizen_form_is_answered_and_the_form_asks_again(
    form: str, intent: str, answer: str
) -> None:
    # The checklist action says that no offer is pending (RulePolicy wants every rule complete).
    checklist = answer == "action_answer_life_event"
    slot_steps = [{"slot_was_set": [{"offered_form": None}]}] if checklist else []
    assert _in_form_rules(form)[intent] == [
        {"intent": intent},
        {"action": answer},
        *slot_steps,
        {"action": form},
        {"active_loop": form},
    ]


@pytest.mark.parametrize("form", FORMS)
def test_goodbye_inside_a_citizen_form_leaves_it_with_the_answers_kept(form: str) -> None:
    assert _in_form_rules(form)["goodbye"] == [
        {"intent": "goodbye"},
        {"action": "action_cancel_form"},
        {"action": "action_deactivate_loop"},
        {"active_loop": None},
        {"action": "utter_goodbye"},
    ]


@pytest.mark.parametrize("form", FORMS)
def test_a_status_question_pauses_a_citizen_form_for_the_status_form(form: str) -> None:
    assert _in_form_rules(form)["ticket_status"] == [
        {"intent": "ticket_status"},
        {"action": "action_cancel_form"},
        {"action": "action_deactivate_loop"},
        {"active_loop": None},
        {"action": "ticket_status_form"},
        {"active_loop": "ticket_status_form"},
    ]


@pytest.mark.parametrize("form", FORMS)
def test_every_turn_the_validators_refuse_has_a_rule(form: str) -> None:
    # A refused turn without a rule of its own would leave the form to a general rule.
    refused = {*INTERRUPT_INTENTS, *QUESTION_INTENTS, *LIFE_EVENTS} - {"resume"}
    assert refused <= set(_in_form_rules(form))
    assert all(asks_instead(intent, "vad gäller det?") for intent in QUESTION_INTENTS)
    assert all(asks_instead(intent, "vad gäller det?") for intent in LIFE_EVENTS)
