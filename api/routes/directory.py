"""Bot-facing employee directory: SMS verification, password reset, account unlock."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, status

from api.db import SessionDep
from api.errors import RateLimited
from api.routes.public import rate_limit_key
from api.schemas.directory import (
    CodeConfirm,
    PasswordResetSent,
    Unlocked,
    VerificationRef,
    VerificationStart,
    VerificationStarted,
    Verified,
)
from api.schemas.errors import error_responses
from api.security import BotAuth
from api.services import verifications
from api.services.directory import DirectoryAdapter, LocalDirectory, OutboxSmsSender, SmsSender
from api.services.rate_limit import SlidingWindowLimiter
from api.services.verifications import VerificationPolicy
from api.settings import Settings

router = APIRouter(prefix="/api/v1/directory", tags=["directory"], dependencies=[BotAuth])


def get_policy(request: Request) -> VerificationPolicy:
    settings: Settings = request.app.state.settings
    return VerificationPolicy(
        key=settings.session_secret.get_secret_value().encode(),
        ttl_seconds=settings.verification_ttl_seconds,
        max_attempts=settings.verification_max_attempts,
    )


def get_directory(session: SessionDep) -> DirectoryAdapter:
    return LocalDirectory(session)


def get_sms_sender(session: SessionDep) -> SmsSender:
    return OutboxSmsSender(session)


def start_allowed(request: Request, employee_id: str) -> bool:
    """Under both limits: codes per employee id, and per chat session (`X-Session-Id`).

    Every chat user comes through the action server's one address, so without the session
    header only the per-employee limit applies (an address limit would stop everyone at once).
    """
    state = request.app.state
    client = rate_limit_key(request)
    if client.startswith("session:"):
        per_session: SlidingWindowLimiter = state.verification_session_limiter
        if not per_session.allow(client):
            return False
    per_employee: SlidingWindowLimiter = state.verification_employee_limiter
    return per_employee.allow("employee:" + employee_id.strip().upper())


PolicyDep = Annotated[VerificationPolicy, Depends(get_policy)]
DirectoryDep = Annotated[DirectoryAdapter, Depends(get_directory)]
SmsDep = Annotated[SmsSender, Depends(get_sms_sender)]


@router.post(
    "/verifications",
    status_code=status.HTTP_201_CREATED,
    summary="Send a one-time code by SMS to the employee's registered phone",
    responses=error_responses(
        "unauthorized", "unknown_employee", "invalid_request", "rate_limited"
    ),
)
def start_verification(
    body: VerificationStart,
    request: Request,
    session: SessionDep,
    directory: DirectoryDep,
    sms: SmsDep,
    policy: PolicyDep,
) -> VerificationStarted:
    """Send a one-time code by SMS to the employee's registered phone.

    Limited per employee id and per chat session (429 `rate_limited`, audited): nobody can
    make endless SMS or fresh sets of attempts.
    """
    if not start_allowed(request, body.employee_id):
        verifications.refuse_start(session, body.employee_id)
        raise RateLimited()
    started = verifications.start_verification(session, directory, sms, policy, body.employee_id)
    return VerificationStarted(
        verification_id=started.verification_id,
        masked_phone=started.masked_phone,
        expires_at=started.expires_at,
    )


@router.post(
    "/verifications/{verification_id}/confirm",
    summary="Check the one-time code",
    responses=error_responses(
        "wrong_code",
        "unauthorized",
        "not_verified",
        "expired",
        "invalid_request",
        "too_many_attempts",
    ),
)
def confirm_verification(
    verification_id: str, body: CodeConfirm, session: SessionDep, policy: PolicyDep
) -> Verified:
    """Check the code: 400 wrong (with attempts_left), 410 expired, 429 too many attempts."""
    verifications.confirm_code(session, policy, verification_id, body.code)
    return Verified(verified=True)


@router.post(
    "/password-resets",
    summary="Send a temporary password by SMS to a verified employee",
    responses=error_responses(
        "unauthorized", "not_verified", "unknown_employee", "invalid_request"
    ),
)
def reset_password(
    body: VerificationRef, session: SessionDep, directory: DirectoryDep, sms: SmsDep
) -> PasswordResetSent:
    """Send a temporary password by SMS (never into the chat)."""
    sent_to = verifications.reset_password(session, directory, sms, body.verification_id)
    return PasswordResetSent(sent_to=sent_to)


@router.post(
    "/unlocks",
    summary="Unlock a verified employee's account",
    responses=error_responses("unauthorized", "not_verified", "invalid_request"),
)
def unlock(body: VerificationRef, session: SessionDep, directory: DirectoryDep) -> Unlocked:
    """Unlock the verified employee's account."""
    verifications.unlock_account(session, directory, body.verification_id)
    return Unlocked(unlocked=True)
