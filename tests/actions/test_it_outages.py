from __future__ import annotations

from api_stub import ApiStub
from conftest import load_tracker, message, run_action

from actions.api_client import Outage
from actions.it_outages import ActionCheckOutage, ActionShowOutages, matching_outage

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
