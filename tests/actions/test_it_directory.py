from __future__ import annotations

import logging
from typing import Any

import pytest
from api_stub import ApiStub
from conftest import load_tracker, message, run_action

from actions.it_directory import ActionCompleteDirectoryRequest, ValidateItVerificationForm

CONFIRM = "/api/v1/directory/verifications/ver-123/confirm"


def slot(name: str, value: Any) -> dict[str, Any]:
    return {"event": "slot", "timestamp": None, "name": name, "value": value}


def test_employee_id_starts_a_verification(api: ApiStub, domain: dict[str, Any]) -> None:
    api.respond(
        "POST",
        "/api/v1/directory/verifications",
        201,
        {
            "verification_id": "ver-123",
            "masked_phone": "070-*** ** 21",
            "expires_at": "2026-11-22T07:10:00Z",
        },
    )
    events, messages = run_action(
        ValidateItVerificationForm(), load_tracker("it_verification_employee_id"), domain
    )
    assert messages == []
    assert events == [
        slot("employee_id", "E10001"),
        slot("verification_id", "ver-123"),
        slot("masked_phone", "070-*** ** 21"),
    ]  # both domain slots are still required: Rasa's form asks for the code itself
    assert api.requests[0].body == {"employee_id": "E10001"}
    # the API limits new codes per chat session too, not only per employee id
    assert api.requests[0].headers["x-session-id"] == "s-verify"


def test_unknown_employee_is_asked_again(api: ApiStub, domain: dict[str, Any]) -> None:
    api.respond(
        "POST",
        "/api/v1/directory/verifications",
        404,
        {"detail": "no", "error": "unknown_employee"},
    )
    events, messages = run_action(
        ValidateItVerificationForm(), load_tracker("it_verification_employee_id"), domain
    )
    assert messages == [message("utter_unknown_employee")]
    assert events == [slot("employee_id", None)]


def test_too_many_codes_requested_sends_none_and_ends_the_form(
    api: ApiStub, domain: dict[str, Any]
) -> None:
    api.respond(
        "POST",
        "/api/v1/directory/verifications",
        429,
        {"detail": "slow down", "error": "rate_limited"},
    )
    events, messages = run_action(
        ValidateItVerificationForm(), load_tracker("it_verification_employee_id"), domain
    )
    # not "service unavailable": the user should wait, and the completion offers a ticket
    assert messages == [message("utter_too_many_codes")]
    assert events == [
        slot("employee_id", "E10001"),
        slot("verification_status", "failed"),
        slot("requested_slot", None),
    ]


def test_right_code_ends_the_form_and_is_not_kept(
    api: ApiStub, domain: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    api.respond("POST", CONFIRM, 200, {"verified": True})
    events, messages = run_action(
        ValidateItVerificationForm(), load_tracker("it_verification_code"), domain
    )
    assert messages == []
    assert events == [
        slot("otp_code", None),
        slot("verification_status", "verified"),
        slot("requested_slot", None),
    ]
    assert api.requests[0].body == {"code": "482913"}
    assert "482913" not in caplog.text and "482 913" not in caplog.text


def test_wrong_code_says_how_many_attempts_are_left(
    api: ApiStub, domain: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    api.respond(
        "POST", CONFIRM, 400, {"detail": "wrong", "error": "wrong_code", "attempts_left": 2}
    )
    events, messages = run_action(
        ValidateItVerificationForm(), load_tracker("it_verification_code"), domain
    )
    assert messages == [message("utter_wrong_code", attempts_left=2)]
    assert events == [slot("otp_code", None)]
    assert "482913" not in caplog.text and "482 913" not in caplog.text


@pytest.mark.parametrize(
    ("status", "error", "outcome"),
    [(410, "expired", "expired"), (429, "too_many_attempts", "too_many_attempts")],
)
def test_expired_or_blocked_code_ends_the_form(
    api: ApiStub, domain: dict[str, Any], status: int, error: str, outcome: str
) -> None:
    api.respond("POST", CONFIRM, status, {"detail": "no", "error": error})
    events, messages = run_action(
        ValidateItVerificationForm(), load_tracker("it_verification_code"), domain
    )
    assert messages == []
    assert events == [
        slot("otp_code", None),
        slot("verification_status", outcome),
        slot("requested_slot", None),
    ]


def test_verified_password_reset_is_confirmed_with_the_masked_phone(api: ApiStub) -> None:
    api.respond("POST", "/api/v1/directory/password-resets", 200, {"sent_to": "070-*** ** 21"})
    events, messages = run_action(
        ActionCompleteDirectoryRequest(), load_tracker("it_verification_done")
    )
    assert messages == [message("utter_password_reset_done", sent_to="070-*** ** 21")]
    assert events == [slot("directory_result", "done"), slot("verification_id", None)]
    assert api.requests[0].body == {"verification_id": "ver-123"}


def test_verified_unlock(api: ApiStub) -> None:
    api.respond("POST", "/api/v1/directory/unlocks", 200, {"unlocked": True})
    tracker = load_tracker("it_verification_done", it_topic="it_account_locked")
    events, messages = run_action(ActionCompleteDirectoryRequest(), tracker)
    assert messages == [message("utter_account_unlocked")]
    assert events == [slot("directory_result", "done"), slot("verification_id", None)]


def test_too_many_attempts_offers_a_ticket(api: ApiStub) -> None:
    tracker = load_tracker("it_verification_done", verification_status="too_many_attempts")
    events, messages = run_action(ActionCompleteDirectoryRequest(), tracker)
    assert messages == [message("utter_too_many_attempts"), message("utter_offer_ticket")]
    assert events == [slot("directory_result", "failed"), slot("verification_id", None)]
    assert api.requests == []


def test_directory_refusal_offers_a_ticket(api: ApiStub) -> None:
    api.respond(
        "POST", "/api/v1/directory/password-resets", 403, {"detail": "no", "error": "not_verified"}
    )
    events, messages = run_action(
        ActionCompleteDirectoryRequest(), load_tracker("it_verification_done")
    )
    assert messages == [message("utter_service_unavailable"), message("utter_offer_ticket")]
    assert events == [slot("directory_result", "failed"), slot("verification_id", None)]


def test_cleared_slots_at_form_start_are_not_checked(api: ApiStub, domain: dict[str, Any]) -> None:
    tracker = load_tracker("it_verification_employee_id", employee_id=None)
    tracker.events[-1]["value"] = None
    events, messages = run_action(ValidateItVerificationForm(), tracker, domain)
    assert messages == []
    assert events == [slot("employee_id", None)]
    assert api.requests == []
