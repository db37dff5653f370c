from __future__ import annotations

from api_stub import ApiStub
from conftest import load_tracker, message, run_action

from actions.api_client import Outage
from actions.it_outages import (
    ActionCheckOutage,
    ActionFollowOutage,
    ActionMentionOutage,
    ActionShowOutages,
    matching_outage,
)

LIFECARE = {
    "id": 7,
    "system": "Lifecare",
    "message": "Inloggningen fungerar inte.",
    "started_at": "2026-11-22T06:30:00Z",
    "expected_end": "2026-11-22T10:00:00Z",
    "active": True,
}


def test_alias_matches_the_published_system() -> None:
    outage = Outage(1, "Raindance", "Nere.", "2026-11-22T06:30:00Z", None)
    assert matching_outage([outage], "ekonomisystemet") == outage
    assert matching_outage([outage], "Lifecare") is None


def test_matching_outage_is_offered_instead_of_a_ticket(api: ApiStub) -> None:
    api.respond("GET", "/api/v1/outages", 200, [LIFECARE])
    events, messages = run_action(ActionCheckOutage(), load_tracker("it_system_access_not_helped"))
    assert messages == [
        message(
            "utter_outage_match",
            system="Lifecare",
            message="Inloggningen fungerar inte.",
            since="2026-11-22 07:30",
            expected_end="2026-11-22 11:00",
        )
    ]
    assert events == [
        {"event": "slot", "timestamp": None, "name": "outage_match", "value": True},
        {"event": "slot", "timestamp": None, "name": "system", "value": "Lifecare"},
    ]


def test_no_matching_outage_goes_on_to_the_ticket(api: ApiStub) -> None:
    api.respond("GET", "/api/v1/outages", 200, [dict(LIFECARE, system="Teams")])
    events, messages = run_action(ActionCheckOutage(), load_tracker("it_system_access_not_helped"))
    assert (events, messages) == (
        [{"event": "slot", "timestamp": None, "name": "outage_match", "value": False}],
        [],
    )


def test_outage_check_does_not_block_a_ticket_when_the_api_is_down(api: ApiStub) -> None:
    api.respond("GET", "/api/v1/outages", 503, {"detail": "down"})
    events, messages = run_action(ActionCheckOutage(), load_tracker("it_system_access_not_helped"))
    assert (events, messages) == (
        [{"event": "slot", "timestamp": None, "name": "outage_match", "value": False}],
        [],
    )


def test_outage_status_for_a_named_system(api: ApiStub) -> None:
    api.respond("GET", "/api/v1/outages", 200, [dict(LIFECARE, expected_end=None)])
    events, messages = run_action(ActionShowOutages(), load_tracker("it_system_access_not_helped"))
    assert messages == [
        message(
            "utter_outage_item",
            system="Lifecare",
            message="Inloggningen fungerar inte.",
            since="2026-11-22 07:30",
            expected_end="okänd",
        )
    ]
    assert events == [{"event": "slot", "timestamp": None, "name": "system", "value": None}]


def test_outage_status_without_outages(api: ApiStub) -> None:
    api.respond("GET", "/api/v1/outages", 200, [])
    tracker = load_tracker("it_printer_question")
    assert run_action(ActionShowOutages(), tracker) == ([], [message("utter_no_outages")])


def test_following_the_outage_files_nothing_and_ends_the_offer(api: ApiStub) -> None:
    tracker = load_tracker("it_system_access_not_helped", system="Lifecare", outage_match=True)
    events, messages = run_action(ActionFollowOutage(), tracker)
    assert messages == [message("utter_outage_followed", system="Lifecare")]
    assert events == [{"event": "slot", "timestamp": None, "name": "outage_match", "value": None}]
    assert api.requests == []  # no ticket


def test_outage_status_for_a_named_system_without_an_outage(api: ApiStub) -> None:
    api.respond("GET", "/api/v1/outages", 200, [dict(LIFECARE, system="Teams")])
    events, messages = run_action(ActionShowOutages(), load_tracker("it_system_access_not_helped"))
    assert messages == [message("utter_no_outage_for_system", system="Lifecare")]
    assert events == [{"event": "slot", "timestamp": None, "name": "system", "value": None}]


def test_outage_status_when_the_api_is_down_says_so(api: ApiStub) -> None:
    api.respond("GET", "/api/v1/outages", 503, {"detail": "down"})
    events, messages = run_action(ActionShowOutages(), load_tracker("it_system_access_not_helped"))
    # not "no outages": the bot does not know
    assert (events, messages) == ([], [message("utter_service_unavailable")])


def test_all_outages_are_listed_after_an_intro(api: ApiStub) -> None:
    teams = dict(LIFECARE, id=8, system="Teams", message="Ljudet hackar.", expected_end=None)
    api.respond("GET", "/api/v1/outages", 200, [LIFECARE, teams])
    events, messages = run_action(ActionShowOutages(), load_tracker("it_printer_question"))
    assert [m["response"] for m in messages] == [
        "utter_outages_intro",
        "utter_outage_item",
        "utter_outage_item",
    ]
    assert messages[2]["system"] == "Teams"
    assert events == []


def test_a_handoff_about_a_system_with_an_outage_tells_it_first(api: ApiStub) -> None:
    api.respond("GET", "/api/v1/outages", 200, [LIFECARE])
    events, messages = run_action(
        ActionMentionOutage(), load_tracker("it_system_access_not_helped")
    )
    assert messages == [
        message(
            "utter_outage_known",
            system="Lifecare",
            message="Inloggningen fungerar inte.",
            since="2026-11-22 07:30",
            expected_end="2026-11-22 11:00",
        )
    ]
    assert events == []  # said, not asked: the handoff follows


def test_a_handoff_without_a_matching_outage_says_nothing_extra(api: ApiStub) -> None:
    api.respond("GET", "/api/v1/outages", 200, [dict(LIFECARE, system="Teams")])
    tracker = load_tracker("it_system_access_not_helped")
    assert run_action(ActionMentionOutage(), tracker) == ([], [])


def test_a_handoff_is_not_held_up_when_outages_cannot_be_read(api: ApiStub) -> None:
    api.respond("GET", "/api/v1/outages", 503, {"detail": "down"})
    tracker = load_tracker("it_system_access_not_helped")
    assert run_action(ActionMentionOutage(), tracker) == ([], [])


def test_no_system_in_question_means_no_outage_look_up(api: ApiStub) -> None:
    # a password reset names no system: nothing to compare, no API call
    tracker = load_tracker("it_verification_done", system=None, it_topic="it_password_reset")
    assert run_action(ActionMentionOutage(), tracker) == ([], [])
    assert run_action(ActionCheckOutage(), tracker) == (
        [{"event": "slot", "timestamp": None, "name": "outage_match", "value": False}],
        [],
    )
    assert api.requests == []


def test_after_a_failed_reset_a_named_system_is_checked_before_the_ticket(api: ApiStub) -> None:
    # "jag är utelåst från Lifecare" → unlock failed → "ja, skapa ärende"
    api.respond("GET", "/api/v1/outages", 200, [LIFECARE])
    tracker = load_tracker("it_verification_done", system="Lifecare", it_topic="it_account_locked")
    events, messages = run_action(ActionCheckOutage(), tracker)
    assert [m["response"] for m in messages] == ["utter_outage_match"]
    assert events[0] == {"event": "slot", "timestamp": None, "name": "outage_match", "value": True}
