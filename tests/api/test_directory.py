from __future__ import annotations

import logging
import re
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import Employee, SmsOutboxMessage, Verification

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
