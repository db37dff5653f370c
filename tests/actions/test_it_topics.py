from __future__ import annotations

import re
from typing import Any

import pytest
import yaml
from conftest import ROOT, load_tracker, message, run_action, text_message

from actions.content import load_content
from actions.it_fields import CATEGORIES
from actions.it_topics import ActionAnswerItTopic
from actions.language import ActionDetectLanguage


def test_printer_answer_from_content_then_did_it_help_and_prefill() -> None:
    events, messages = run_action(ActionAnswerItTopic(), load_tracker("it_printer_question"))
    answer = load_content("it_help.yml")["topics"]["it_printer"]["answer"]["sv"]
    assert messages == [text_message(answer), message("utter_ask_it_helped")]
    assert events == [
        {"event": "slot", "timestamp": None, "name": "it_topic", "value": "it_printer"},
        {"event": "slot", "timestamp": None, "name": "category", "value": "printer"},
        {
            "event": "slot",
            "timestamp": None,
            "name": "description",
            "value": "skrivaren på plan 2 skriver inte ut",
        },
        {"event": "slot", "timestamp": None, "name": "system", "value": None},
        {"event": "slot", "timestamp": None, "name": "outage_match", "value": None},
        {"event": "slot", "timestamp": None, "name": "ticket_confirmed", "value": None},
        {"event": "slot", "timestamp": None, "name": "location", "value": None},
        {"event": "slot", "timestamp": None, "name": "urgency", "value": None},
    ]


def test_english_conversation_gets_the_english_answer() -> None:
    _, messages = run_action(ActionAnswerItTopic(), load_tracker("it_meeting_question_en"))
    answer = load_content("it_help.yml")["topics"]["it_meeting_tools"]["answer"]["en"]
    assert messages[0] == text_message(answer)


def test_password_reset_clears_the_previous_verification_and_asks_nothing_more() -> None:
    tracker = load_tracker("it_verification_employee_id", verification_status="verified")
    tracker.latest_message["intent"] = {"name": "it_password_reset", "confidence": 0.99}
    tracker.latest_message["text"] = "glömt lösenordet, E10004"
    events, messages = run_action(ActionAnswerItTopic(), tracker)
    answer = load_content("it_help.yml")["topics"]["it_password_reset"]["answer"]["sv"]
    assert messages == [text_message(answer)]
    assert [(e["name"], e["value"]) for e in events] == [
        ("it_topic", "it_password_reset"),
        ("category", "password"),
        ("description", "glömt lösenordet, E10004"),
        ("system", None),
        ("outage_match", None),
        ("ticket_confirmed", None),
        ("location", None),
        ("urgency", None),
        ("verification_id", None),
        ("masked_phone", None),
        ("verification_status", None),
        ("otp_code", None),
        ("directory_result", None),
        ("employee_id", "E10004"),
    ]


def test_language_slot_follows_message_metadata() -> None:
    tracker = load_tracker("it_meeting_question_en", lang="sv")
    events, messages = run_action(ActionDetectLanguage(), tracker)
    assert events == [{"event": "slot", "timestamp": None, "name": "lang", "value": "en"}]
    assert messages == []


def test_language_slot_unchanged_for_unknown_or_same_language() -> None:
    tracker = load_tracker("it_meeting_question_en")
    assert run_action(ActionDetectLanguage(), tracker) == ([], [])
    tracker.latest_message["metadata"] = {"lang": "de"}
    assert run_action(ActionDetectLanguage(), tracker) == ([], [])


def slot(name: str, value: Any) -> dict[str, Any]:
    return {"event": "slot", "timestamp": None, "name": name, "value": value}


def answer(topic: str, lang: str = "sv") -> str:
    return str(load_content("it_help.yml")["topics"][topic]["answer"][lang])


def test_a_new_topic_mid_ticket_replaces_the_unsent_draft_and_says_so() -> None:
    # printer ticket half filled in (name, e-mail, location), then "how do I install Visio?"
    events, messages = run_action(ActionAnswerItTopic(), load_tracker("it_ticket_topic_switch"))
    assert messages == [
        message("utter_it_draft_dropped", category="Skrivare"),
        text_message(answer("it_software")),
        message("utter_ask_it_helped"),
    ]
    # the new case starts afresh: nothing of the printer ticket is left to mix in, and no
    # interrupted form that "fortsätt" could resume; who the user is stays
    assert events == [
        slot("it_topic", "it_software"),
        slot("category", "software"),
        slot("description", "förresten, hur installerar jag visio"),
        slot("system", None),
        slot("outage_match", None),
        slot("ticket_confirmed", None),
        slot("location", None),
        slot("urgency", None),
    ]


def test_a_paused_ticket_is_not_resumable_after_a_new_topic() -> None:
    # "avbryt" kept the draft for "fortsätt"; a new question overwrites its category and
    # description, so the pause ends here instead of resuming a ticket about two problems
    tracker = load_tracker("it_ticket_paused_then_new_topic")
    events, messages = run_action(ActionAnswerItTopic(), tracker)
    assert messages == [
        message("utter_it_draft_dropped", category="Skrivare"),
        text_message(answer("it_wifi")),
        message("utter_ask_it_helped"),
    ]
    assert slot("interrupted_form", None) in events
    assert slot("category", "network") in events
    assert slot("location", None) in events


def test_the_same_topic_again_mid_ticket_keeps_the_draft() -> None:
    tracker = load_tracker("it_ticket_topic_switch")
    tracker.latest_message["intent"] = {"name": "it_printer", "confidence": 0.97}
    tracker.latest_message["text"] = "skrivaren skriver fortfarande inte ut"
    events, messages = run_action(ActionAnswerItTopic(), tracker)
    assert messages == [text_message(answer("it_printer")), message("utter_ask_it_helped")]
    # "nej" (to the ticket form) or "fortsätt" goes on with the same draft
    assert events == [
        slot("it_topic", "it_printer"),
        slot("description", "skrivaren på plan 2 skriver inte ut"),
        slot("system", None),
        slot("outage_match", None),
        slot("ticket_confirmed", None),
        slot("interrupted_form", "it_ticket_form"),
    ]


def test_a_password_reset_mid_ticket_drops_the_draft_and_starts_the_verification() -> None:
    tracker = load_tracker("it_ticket_topic_switch")
    tracker.latest_message["intent"] = {"name": "it_password_reset", "confidence": 0.97}
    tracker.latest_message["text"] = "jag har glömt lösenordet också"
    events, messages = run_action(ActionAnswerItTopic(), tracker)
    assert messages == [
        message("utter_it_draft_dropped", category="Skrivare"),
        text_message(answer("it_password_reset")),
    ]
    assert slot("category", "password") in events
    assert slot("location", None) in events
    assert events[-1] == slot("employee_id", None)


def test_leaving_the_verification_form_for_a_question_needs_no_apology() -> None:
    tracker = load_tracker("it_verification_employee_id", interrupted_form="it_verification_form")
    tracker.latest_message["intent"] = {"name": "it_wifi", "confidence": 0.97}
    tracker.latest_message["text"] = "hur kommer jag på wifi"
    events, messages = run_action(ActionAnswerItTopic(), tracker)
    assert messages == [text_message(answer("it_wifi")), message("utter_ask_it_helped")]
    assert events[-1] == slot("interrupted_form", None)


def _domain_it_topics() -> list[str]:
    domain = yaml.safe_load((ROOT / "bot" / "domain" / "it_helpdesk.yml").read_text("utf-8"))
    return [
        intent
        for intent in domain["intents"]
        if isinstance(intent, str) and intent.startswith("it_") and intent != "it_outage_status"
    ]


def test_every_it_topic_intent_has_content() -> None:
    assert sorted(_domain_it_topics()) == sorted(load_content("it_help.yml")["topics"])


@pytest.mark.parametrize("topic", _domain_it_topics())
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_it_topic_answers_in_both_languages_with_numbered_steps(
    topic: str, lang: str
) -> None:
    entry = load_content("it_help.yml")["topics"][topic]
    text = answer(topic, lang)
    assert entry["category"] in CATEGORIES
    if entry.get("automated"):
        # the bot does the work itself (reset/unlock): an explanation, not steps
        assert len(text) > 80
        return
    steps = re.findall(r"^(\d+)\. \S", text, flags=re.MULTILINE)
    assert len(steps) >= 3
    assert steps == [str(n) for n in range(1, len(steps) + 1)]
    assert text.splitlines()[0].rstrip().endswith(":")  # a heading line before the steps


def test_english_and_swedish_answers_have_the_same_steps() -> None:
    for topic in _domain_it_topics():
        sv, en = answer(topic, "sv"), answer(topic, "en")
        assert re.findall(r"^\d+\.", sv, re.MULTILINE) == re.findall(r"^\d+\.", en, re.MULTILINE)
