from __future__ import annotations

from conftest import load_tracker, message, run_action, text_message

from actions.content import load_content
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
