from __future__ import annotations

import logging
import re
import time
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import AuditLogEntry, Employee, SmsOutboxMessage, Verification

BASE = "/api/v1/directory"


def start(client: TestClient, headers: dict[str, str], employee_id: str = "E10001") -> str:
    response = client.post(
        f"{BASE}/verifications", json={"employee_id": employee_id}, headers=headers
    )
    assert response.status_code == 201, response.text
    verification_id: str = response.json()["verification_id"]
    return verification_id


def last_sms(session: Session) -> SmsOutboxMessage:
    sms = session.scalars(select(SmsOutboxMessage).order_by(SmsOutboxMessage.id.desc())).first()
    assert sms is not None
    return sms


def code_from_sms(session: Session) -> str:
    match = re.search(r"\b(\d{6})\b", last_sms(session).body)
    assert match
    return match.group(1)


def wrong_code(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def confirm(
    client: TestClient, headers: dict[str, str], vid: str, code: str
) -> tuple[int, dict[str, Any]]:
    response = client.post(
        f"{BASE}/verifications/{vid}/confirm", json={"code": code}, headers=headers
    )
    return response.status_code, response.json()


def test_code_goes_by_sms_to_the_registered_phone_and_is_stored_hashed(
    client: TestClient, bot_headers: dict[str, str], db_session: Session
) -> None:
    response = client.post(
        f"{BASE}/verifications", json={"employee_id": "E10001"}, headers=bot_headers
    )
    body = response.json()
    assert response.status_code == 201
    assert body["masked_phone"] == "070-*** ** 21"
    sms = last_sms(db_session)
    assert sms.to_phone == "+46701740621"
    code = code_from_sms(db_session)
    verification = db_session.get(Verification, body["verification_id"])
    assert verification is not None
    assert code not in verification.code_hash
    assert code not in response.text


def test_unknown_employee_is_404(client: TestClient, bot_headers: dict[str, str]) -> None:
    response = client.post(
        f"{BASE}/verifications", json={"employee_id": "E99999"}, headers=bot_headers
    )
    assert response.status_code == 404
    assert response.json()["error"] == "unknown_employee"


def test_right_code_verifies(
    client: TestClient, bot_headers: dict[str, str], db_session: Session
) -> None:
    vid = start(client, bot_headers)
    assert confirm(client, bot_headers, vid, code_from_sms(db_session)) == (200, {"verified": True})


def test_wrong_codes_count_down_then_too_many_attempts_even_for_the_right_code(
    client: TestClient, bot_headers: dict[str, str], db_session: Session
) -> None:
    vid = start(client, bot_headers)
    code = code_from_sms(db_session)
    first = confirm(client, bot_headers, vid, wrong_code(code))
    second = confirm(client, bot_headers, vid, wrong_code(code))
    third = confirm(client, bot_headers, vid, wrong_code(code))
    assert (first[0], first[1]["error"], first[1]["attempts_left"]) == (400, "wrong_code", 2)
    assert (second[0], second[1]["attempts_left"]) == (400, 1)
    assert (third[0], third[1]["error"]) == (429, "too_many_attempts")
    assert confirm(client, bot_headers, vid, code)[0] == 429


def test_expired_code_is_410(
    client: TestClient, bot_headers: dict[str, str], db_session: Session
) -> None:
    vid = start(client, bot_headers)
    code = code_from_sms(db_session)
    verification = db_session.get(Verification, vid)
    assert verification is not None
    verification.expires_at -= timedelta(hours=1)
    db_session.commit()
    status, body = confirm(client, bot_headers, vid, code)
    assert (status, body["error"]) == (410, "expired")


def test_reset_and_unlock_need_a_confirmed_verification(
    client: TestClient, bot_headers: dict[str, str]
) -> None:
    vid = start(client, bot_headers)
    for path in ("password-resets", "unlocks"):
        response = client.post(f"{BASE}/{path}", json={"verification_id": vid}, headers=bot_headers)
        assert (response.status_code, response.json()["error"]) == (403, "not_verified")
    unknown = client.post(f"{BASE}/unlocks", json={"verification_id": "nope"}, headers=bot_headers)
    assert unknown.status_code == 403


def test_password_reset_sends_a_temporary_password_by_sms_once(
    client: TestClient, bot_headers: dict[str, str], db_session: Session
) -> None:
    vid = start(client, bot_headers)
    confirm(client, bot_headers, vid, code_from_sms(db_session))
    response = client.post(
        f"{BASE}/password-resets", json={"verification_id": vid}, headers=bot_headers
    )
    assert response.json() == {"sent_to": "070-*** ** 21"}
    sms = last_sms(db_session)
    assert sms.to_phone == "+46701740621"
    assert "tillfälliga lösenord" in sms.body
    password = sms.body.split(": ", 1)[1].split(".", 1)[0]
    assert password not in response.text
    employee = db_session.get(Employee, "E10001")
    assert employee is not None and employee.password_reset_at is not None
    again = client.post(
        f"{BASE}/password-resets", json={"verification_id": vid}, headers=bot_headers
    )
    assert again.status_code == 403


def test_unlock_unlocks_the_verified_account(
    client: TestClient, bot_headers: dict[str, str], db_session: Session
) -> None:
    vid = start(client, bot_headers, "E10002")  # locked in the demo directory
    confirm(client, bot_headers, vid, code_from_sms(db_session))
    response = client.post(f"{BASE}/unlocks", json={"verification_id": vid}, headers=bot_headers)
    assert response.json() == {"unlocked": True}
    employee = db_session.get(Employee, "E10002")
    assert employee is not None and employee.account_locked is False


def test_codes_and_phone_numbers_never_reach_the_logs(
    client: TestClient,
    bot_headers: dict[str, str],
    db_session: Session,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    vid = start(client, bot_headers)
    code = code_from_sms(db_session)
    confirm(client, bot_headers, vid, wrong_code(code))
    confirm(client, bot_headers, vid, code)
    client.post(f"{BASE}/password-resets", json={"verification_id": vid}, headers=bot_headers)
    password = last_sms(db_session).body.split(": ", 1)[1].split(".", 1)[0]
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert caplog.records, "expected some log output to check"
    for secret in (code, wrong_code(code), password, "+46701740621", "701740621"):
        assert secret not in logged


def starts(client: TestClient, headers: dict[str, str], employee_id: str, n: int) -> list[int]:
    return [
        client.post(
            f"{BASE}/verifications", json={"employee_id": employee_id}, headers=headers
        ).status_code
        for _ in range(n)
    ]


def audit_rows(session: Session, prefix: str = "directory.") -> list[tuple[str, dict[str, Any]]]:
    rows = session.scalars(
        select(AuditLogEntry)
        .where(AuditLogEntry.action.startswith(prefix))
        .order_by(AuditLogEntry.id)
    )
    return [(row.action, row.detail) for row in rows]


def sms_count(session: Session) -> int:
    return len(session.scalars(select(SmsOutboxMessage)).all())


def test_three_codes_per_employee_then_rate_limited_without_sms(
    client: TestClient, bot_headers: dict[str, str], db_session: Session
) -> None:
    before = sms_count(db_session)
    # Different chat sessions, and the id typed differently: still the same employee.
    codes = [
        client.post(
            f"{BASE}/verifications",
            json={"employee_id": employee_id},
            headers={**bot_headers, "X-Session-Id": f"chat-{n}"},
        ).status_code
        for n, employee_id in enumerate(["E10001", "e10001", " E10001 ", "E10001"])
    ]
    assert codes == [201, 201, 201, 429]
    refused = client.post(
        f"{BASE}/verifications", json={"employee_id": "E10001"}, headers=bot_headers
    )
    assert refused.json()["error"] == "rate_limited"
    assert sms_count(db_session) == before + 3
    assert starts(client, bot_headers, "E10002", 1) == [201]  # another employee is not affected
    refusals = [d for a, d in audit_rows(db_session) if a == "directory.verification_refused"]
    assert refusals == [{"employee_id": "E10001", "reason": "rate_limited"}] * 2


@pytest.mark.parametrize("settings_overrides", [{"verification_start_limit": 100}])
def test_one_chat_session_gets_five_codes_at_most(
    client: TestClient, bot_headers: dict[str, str], settings_overrides: dict[str, Any]
) -> None:
    chat = {**bot_headers, "X-Session-Id": "chat-many"}
    # Unknown ids count too: trying employee numbers one after another is what this stops.
    codes = [
        client.post(
            f"{BASE}/verifications", json={"employee_id": f"E9000{n}"}, headers=chat
        ).status_code
        for n in range(6)
    ]
    assert codes == [404] * 5 + [429]
    assert starts(client, chat, "E10001", 1) == [429]
    assert starts(client, {**bot_headers, "X-Session-Id": "chat-other"}, "E10001", 1) == [201]


@pytest.mark.parametrize(
    "settings_overrides",
    [{"verification_start_limit": 1, "verification_start_window_seconds": 0.3}],
)
def test_the_limit_lets_go_after_its_window(
    client: TestClient, bot_headers: dict[str, str], settings_overrides: dict[str, Any]
) -> None:
    assert starts(client, bot_headers, "E10001", 2) == [201, 429]
    time.sleep(0.35)
    assert starts(client, bot_headers, "E10001", 1) == [201]


def test_failed_expired_and_locked_confirmations_are_audited_without_the_code(
    client: TestClient, bot_headers: dict[str, str], db_session: Session
) -> None:
    vid = start(client, bot_headers)
    code = code_from_sms(db_session)
    for _ in range(4):  # wrong, wrong, wrong (locks), then one more on the locked one
        confirm(client, bot_headers, vid, wrong_code(code))
    expiring = start(client, bot_headers, "E10002")
    verification = db_session.get(Verification, expiring)
    assert verification is not None
    verification.expires_at -= timedelta(hours=1)
    db_session.commit()
    confirm(client, bot_headers, expiring, code_from_sms(db_session))

    rows = audit_rows(db_session)
    mine = [(a, d.get("attempts_left")) for a, d in rows if d.get("verification_id") == vid]
    assert mine == [
        ("directory.code_sent", None),
        ("directory.code_wrong", 2),
        ("directory.code_wrong", 1),
        ("directory.code_wrong", 0),
        ("directory.code_locked", None),
        ("directory.code_locked", None),
    ]
    assert all(d["employee_id"] == "E10001" for a, d in rows if d.get("verification_id") == vid)
    assert [a for a, d in rows if d.get("verification_id") == expiring] == [
        "directory.code_sent",
        "directory.code_expired",
    ]
    written = str(rows)
    for secret in (code, wrong_code(code), code_from_sms(db_session)):
        assert secret not in written
