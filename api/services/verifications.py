"""One-time SMS codes that prove an employee is who they say (before reset or unlock).

The code exists only in the SMS; the database keeps an HMAC of it and nothing is logged.
Every code sent, refused start and failed confirmation (wrong, expired, locked) is in the
audit log with the employee and verification ids, never the code.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from api.errors import (
    NotVerified,
    TooManyAttempts,
    UnknownEmployee,
    VerificationExpired,
    WrongCode,
)
from api.models import Verification, utcnow
from api.services import audit
from api.services.directory import (
    DirectoryAdapter,
    SmsSender,
    mask_phone,
    new_temporary_password,
)


@dataclass(frozen=True)
class VerificationPolicy:
    key: bytes  # HMAC key for the stored code hashes
    ttl_seconds: int
    max_attempts: int


@dataclass(frozen=True)
class StartedVerification:
    verification_id: str
    masked_phone: str
    expires_at: datetime


def _code_hash(key: bytes, verification_id: str, code: str) -> str:
    message = f"{verification_id}:{code.strip()}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def start_verification(
    session: Session,
    directory: DirectoryAdapter,
    sms: SmsSender,
    policy: VerificationPolicy,
    employee_id: str,
) -> StartedVerification:
    """Send a 6-digit code to the employee's phone; commits."""
    employee = directory.find_employee(employee_id)
    if employee is None:
        raise UnknownEmployee()
    verification_id = uuid.uuid4().hex
    code = f"{secrets.randbelow(1_000_000):06d}"
    now = utcnow()
    verification = Verification(
        id=verification_id,
        employee_id=employee.id,
        code_hash=_code_hash(policy.key, verification_id, code),
        attempts=0,
        created_at=now,
        expires_at=now + timedelta(seconds=policy.ttl_seconds),
    )
    session.add(verification)
    session.flush()
    sms.send(
        employee.phone,
        f"Din engångskod till Mittköpings kommun: {code}. Den gäller i "
        f"{policy.ttl_seconds // 60} minuter. Dela den inte med någon.",
    )
    _audit(session, "directory.code_sent", verification)
    session.commit()
    return StartedVerification(verification_id, mask_phone(employee.phone), verification.expires_at)


def refuse_start(session: Session, employee_id: str) -> None:
    """Audit a start refused by the rate limit (no code made, no SMS sent). Commits."""
    audit.record(
        session,
        "directory.verification_refused",
        actor="bot",
        detail={"employee_id": employee_id.strip().upper()[:32], "reason": "rate_limited"},
    )
    session.commit()


def _audit(session: Session, action: str, verification: Verification, **detail: int | str) -> None:
    # The ids and counts only: the code is never written anywhere but the SMS.
    audit.record(
        session,
        action,
        actor="bot",
        detail={
            "employee_id": verification.employee_id,
            "verification_id": verification.id,
            **detail,
        },
    )


def confirm_code(
    session: Session, policy: VerificationPolicy, verification_id: str, code: str
) -> None:
    """Accept the right code once; count wrong ones. Failures are audited and committed first."""
    verification = session.get(Verification, verification_id)
    if verification is None:
        raise NotVerified("Unknown verification")
    if verification.attempts >= policy.max_attempts:
        _audit(session, "directory.code_locked", verification)
        session.commit()
        raise TooManyAttempts()
    if verification.expires_at <= utcnow():
        _audit(session, "directory.code_expired", verification)
        session.commit()
        raise VerificationExpired()
    if verification.confirmed_at is not None:
        return
    expected = verification.code_hash
    if hmac.compare_digest(_code_hash(policy.key, verification_id, code), expected):
        verification.confirmed_at = utcnow()
        _audit(session, "directory.code_confirmed", verification)
        session.commit()
        return
    verification.attempts += 1
    attempts_left = max(policy.max_attempts - verification.attempts, 0)
    _audit(session, "directory.code_wrong", verification, attempts_left=attempts_left)
    if attempts_left == 0:
        _audit(session, "directory.code_locked", verification)
    session.commit()
    if attempts_left == 0:
        raise TooManyAttempts()
    raise WrongCode(attempts_left=attempts_left)


def _use_verification(session: Session, verification_id: str) -> Verification:
    verification = session.get(Verification, verification_id)
    now = utcnow()
    if (
        verification is None
        or verification.confirmed_at is None
        or verification.used_at is not None
        or verification.expires_at <= now
    ):
        raise NotVerified()
    verification.used_at = now
    return verification


def reset_password(
    session: Session, directory: DirectoryAdapter, sms: SmsSender, verification_id: str
) -> str:
    """Set a temporary password and send it by SMS; returns the masked phone. Commits."""
    verification = _use_verification(session, verification_id)
    employee = directory.find_employee(verification.employee_id)
    if employee is None:
        raise UnknownEmployee()
    temporary = new_temporary_password()
    directory.set_temporary_password(employee.id, temporary)
    sms.send(
        employee.phone,
        f"Ditt tillfälliga lösenord: {temporary}. Du måste byta det när du loggar in.",
    )
    audit.record(
        session, "directory.password_reset", actor="bot", detail={"employee_id": employee.id}
    )
    session.commit()
    return mask_phone(employee.phone)


def unlock_account(session: Session, directory: DirectoryAdapter, verification_id: str) -> None:
    """Unlock the verified employee's account. Commits."""
    verification = _use_verification(session, verification_id)
    directory.unlock_account(verification.employee_id)
    audit.record(
        session,
        "directory.account_unlocked",
        actor="bot",
        detail={"employee_id": verification.employee_id},
    )
    session.commit()
