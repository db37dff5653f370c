"""Interruptions inside forms: "avbryt", "varför?", and questions that are not answers."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from conftest import ROOT, load_tracker, message, run_action
from rasa.shared.core.slot_mappings import SlotMapping

from actions.interruptions import ActionCancelForm, ActionExplainRequestedSlot

IT_FORMS = ("it_ticket_form", "it_verification_form")
# Questions and small talk that must never be stored as a form answer, in every form here.
NOT_ANSWERS = ("bot_challenge", "out_of_scope", "greet", "thanks", "goodbye")
# Also not answers inside the IT forms: the rules answer or pause for them.
IT_NOT_ANSWERS = (*NOT_ANSWERS, "ticket_status", "it_outage_status")
# What an answer looks like to the NLU: a bare value, or a name the model is unsure about.
ANSWERS = ("inform", "nlu_fallback", "affirm", "deny")


def slot(name: str, value: Any) -> dict[str, Any]:
    return {"event": "slot", "timestamp": None, "name": name, "value": value}


def test_stop_remembers_the_form_and_keeps_the_answers() -> None:
    tracker = load_tracker("it_ticket_email_answer")
    events, messages = run_action(ActionCancelForm(), tracker)
    assert messages == [message("utter_form_cancelled")]
    assert events == [slot("interrupted_form", "it_ticket_form")]


def test_stop_outside_a_form_has_nothing_to_remember() -> None:
    tracker = load_tracker("it_printer_question")
    assert run_action(ActionCancelForm(), tracker) == ([], [message("utter_form_cancelled")])


@pytest.mark.parametrize(
    ("requested_slot", "response"),
    [
        ("urgency", "utter_explain_urgency"),
        ("email", "utter_explain_email"),
        ("otp_code", "utter_explain_otp_code"),
        ("ticket_secret", "utter_explain_generic"),  # no explanation of its own
        (None, "utter_explain_generic"),
    ],
)
def test_why_explains_the_requested_slot(
    requested_slot: str | None, response: str, domain: dict[str, Any]
) -> None:
    tracker = load_tracker("it_ticket_email_answer", requested_slot=requested_slot)
    events, messages = run_action(ActionExplainRequestedSlot(), tracker, domain)
    assert (events, messages) == ([], [message(response)])


def _form_slot_mappings(domain: dict[str, Any], form: str) -> list[tuple[str, dict[str, Any]]]:
    """(slot, mapping) of every from_text mapping that fills one of the form's slots."""
    return [
        (name, mapping)
        for name in domain["forms"][form]["required_slots"]
        for mapping in domain["slots"][name]["mappings"]
        if mapping["type"] == "from_text"
        and any(c.get("active_loop") == form for c in mapping.get("conditions", []))
    ]


def _fills(mapping: dict[str, Any], form: str, intent: str, domain: dict[str, Any]) -> bool:
    """Rasa's own check whether a message with `intent` may fill the slot in `form`."""
    tracker = SimpleNamespace(
        active_loop_name=form, latest_message=SimpleNamespace(intent={"name": intent})
    )
    rasa_domain = SimpleNamespace(forms=domain["forms"])
    return bool(SlotMapping.intent_is_desired(mapping, tracker, rasa_domain))  # type: ignore[arg-type]


@pytest.mark.parametrize("form", [*IT_FORMS, "ticket_status_form"])
def test_questions_inside_a_form_are_never_taken_as_answers(
    form: str, domain: dict[str, Any]
) -> None:
    questions = IT_NOT_ANSWERS if form in IT_FORMS else NOT_ANSWERS
    mappings = _form_slot_mappings(domain, form)
    assert mappings
    taken = [
        (name, intent)
        for name, mapping in mappings
        for intent in questions
        if _fills(mapping, form, intent, domain)
    ]
    assert taken == []
    refused = [
        (name, intent)
        for name, mapping in mappings
        for intent in ANSWERS
        if not _fills(mapping, form, intent, domain)
    ]
    assert refused == []


def test_a_description_may_read_like_an_it_topic(domain: dict[str, Any]) -> None:
    (mapping,) = [
        m for name, m in _form_slot_mappings(domain, "it_ticket_form") if name == "description"
    ]
    assert _fills(mapping, "it_ticket_form", "it_printer", domain)
    (mapping,) = [
        m for name, m in _form_slot_mappings(domain, "it_ticket_form") if name == "reporter_name"
    ]
    assert not _fills(mapping, "it_ticket_form", "it_printer", domain)


def _rules() -> list[dict[str, Any]]:
    rules: list[dict[str, Any]] = []
    for path in sorted(Path(ROOT, "bot", "data", "rules").glob("*.yml")):
        rules += yaml.safe_load(path.read_text(encoding="utf-8")).get("rules") or []
    return rules


def _answer_rule(form: str, intent: str) -> list[dict[str, Any]] | None:
    """The steps of the rule that handles `intent` while `form` is active, if there is one."""
    for rule in _rules():
        if {"active_loop": form} in rule.get("condition", []) and rule["steps"][0] == {
            "intent": intent
        }:
            return list(rule["steps"])
    return None


@pytest.mark.parametrize("form", [*IT_FORMS, "ticket_status_form"])
@pytest.mark.parametrize(
    ("intent", "answer"),
    [
        ("bot_challenge", "utter_iamabot"),
        ("out_of_scope", "action_route_out_of_scope"),
        ("greet", "utter_greet_in_form"),
        ("thanks", "utter_thanks_in_form"),
    ],
)
def test_a_question_inside_a_form_is_answered_and_the_form_goes_on(
    form: str, intent: str, answer: str
) -> None:
    assert _answer_rule(form, intent) == [
        {"intent": intent},
        {"action": answer},
        {"action": form},
        {"active_loop": form},
    ]


@pytest.mark.parametrize("form", IT_FORMS)
def test_is_a_system_down_inside_an_it_form_is_answered_and_the_form_goes_on(form: str) -> None:
    assert _answer_rule(form, "it_outage_status") == [
        {"intent": "it_outage_status"},
        {"action": "action_show_outages"},
        {"action": form},
        {"active_loop": form},
    ]


@pytest.mark.parametrize("form", IT_FORMS)
def test_a_status_question_pauses_an_it_form_for_the_status_form(form: str) -> None:
    assert _answer_rule(form, "ticket_status") == [
        {"intent": "ticket_status"},
        {"action": "action_cancel_form"},
        {"action": "action_deactivate_loop"},
        {"active_loop": None},
        {"action": "ticket_status_form"},
        {"active_loop": "ticket_status_form"},
    ]


@pytest.mark.parametrize("form", [*IT_FORMS, "ticket_status_form"])
def test_goodbye_inside_a_form_leaves_it_with_the_answers_kept(form: str) -> None:
    assert _answer_rule(form, "goodbye") == [
        {"intent": "goodbye"},
        {"action": "action_cancel_form"},
        {"action": "action_deactivate_loop"},
        {"active_loop": None},
        {"action": "utter_goodbye"},
    ]


@pytest.mark.parametrize("form", IT_FORMS)
def test_a_new_it_topic_inside_a_form_promises_no_resume(form: str) -> None:
    # action_answer_it_topic drops the unsent draft; "avbryt"'s "skriv fortsätt" would lie
    steps = _answer_rule(form, "it_wifi")
    assert steps is not None
    assert steps[:4] == [
        {"intent": "it_wifi"},
        {"action": "action_deactivate_loop"},
        {"active_loop": None},
        {"action": "action_answer_it_topic"},
    ]
