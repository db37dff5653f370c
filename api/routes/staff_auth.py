"""Staff login/logout and the dependency every staff route uses to know who is asking.

Two ways in, one token: `POST /api/v1/staff/login` returns it as a bearer token; the `/staff`
login form puts it in a signed, HttpOnly, SameSite=Lax cookie. Cookie-authenticated requests
that change something must also carry the session's CSRF token (header `X-CSRF-Token` or
form field `csrf_token`).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from api.db import SessionDep
from api.errors import DomainError, RateLimited, Unauthorized
from api.models import StaffUser
from api.schemas.errors import error_responses
from api.schemas.staff import LoginRequest, LoginResponse, StaffMe
from api.services import staff_auth
from api.services.staff_auth import (
    TOKEN_TTL_SECONDS,
    InvalidToken,
    LoginRateLimiter,
    RevokedTokens,
    TokenClaims,
)

COOKIE_NAME = "ingang_staff"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class CsrfFailed(DomainError):
    status_code = 403
    error = "csrf_failed"
    detail = "Missing or wrong CSRF token"


@dataclass(frozen=True)
class StaffContext:
    """The signed-in staff member and the token they came with."""

    staff: StaffUser
    claims: TokenClaims
    via_cookie: bool
    csrf_token: str


def session_secret(request: Request) -> str:
    return str(request.app.state.settings.session_secret.get_secret_value())


# Sync routes run in a thread pool: create the per-app singletons below only once.
_STATE_LOCK = threading.Lock()


def revoked_tokens(request: Request) -> RevokedTokens:
    """The app's deny list of logged-out tokens (made on first use)."""
    state = request.app.state
    with _STATE_LOCK:
        if not hasattr(state, "staff_revoked_tokens"):
            state.staff_revoked_tokens = RevokedTokens()
    return state.staff_revoked_tokens  # type: ignore[no-any-return]


def login_limiter(request: Request) -> LoginRateLimiter:
    """The app's failed-login counter (made on first use)."""
    state = request.app.state
    with _STATE_LOCK:
        if not hasattr(state, "staff_login_limiter"):
            state.staff_login_limiter = LoginRateLimiter()
    return state.staff_login_limiter  # type: ignore[no-any-return]


def _bearer(request: Request) -> str | None:
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def identify(request: Request, session: Session) -> StaffContext | None:
    """Who is asking (bearer token first, then the session cookie), or None."""
    bearer = _bearer(request)
    token = bearer or request.cookies.get(COOKIE_NAME)
    if not token:
        return None
    secret = session_secret(request)
    try:
        claims = staff_auth.read_token(secret, token, revoked_tokens(request))
    except InvalidToken:
        return None
    staff = session.get(StaffUser, claims.staff_id)
    if staff is None or not staff.active:
        return None
    csrf = staff_auth.csrf_token_for(secret, claims.token_id)
    return StaffContext(staff, claims, via_cookie=bearer is None, csrf_token=csrf)


# Declares the bearer scheme in OpenAPI (the "Authorize" button of /docs); `identify` reads
# the header itself because the session cookie is the other way in.
_staff_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="StaffBearer",
    description="`access_token` from `POST /api/v1/staff/login`",
)


def require_staff(
    request: Request,
    session: SessionDep,
    _bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_staff_bearer)],
) -> StaffContext:
    """FastAPI dependency: the signed-in staff member; 401 without, 403 on a CSRF failure."""
    context = identify(request, session)
    if context is None:
        raise Unauthorized()
    if context.via_cookie and request.method not in SAFE_METHODS:
        given = request.headers.get(CSRF_HEADER)
        if not staff_auth.check_csrf(session_secret(request), context.claims.token_id, given):
            raise CsrfFailed()
    return context


StaffDep = Annotated[StaffContext, Depends(require_staff)]


def login(request: Request, session: Session, email: str, password: str) -> StaffUser:
    """Check the password under the rate limit; raise Unauthorized or RateLimited."""
    limiter = login_limiter(request)
    keys = staff_auth.limiter_keys(request.client.host if request.client else None, email)
    if limiter.is_blocked(keys):
        raise RateLimited()
    staff = staff_auth.authenticate(session, email, password)
    if staff is None:
        limiter.record_failure(keys)
        raise Unauthorized("Fel e-postadress eller lösenord. / Wrong e-mail or password.")
    limiter.reset(keys[1:])  # the account's count; the client's stays
    return staff


router = APIRouter(prefix="/api/v1/staff", tags=["staff: auth"])


@router.post(
    "/login",
    summary="Log in with e-mail and password; returns a bearer token",
    response_model=LoginResponse,
    responses=error_responses("unauthorized", "invalid_request", "rate_limited"),
)
def api_login(body: LoginRequest, request: Request, session: SessionDep) -> LoginResponse:
    staff = login(request, session, body.email, body.password)
    token = staff_auth.issue_token(session_secret(request), staff.id)
    return LoginResponse(access_token=token, expires_in=TOKEN_TTL_SECONDS, staff=StaffMe.of(staff))


@router.post(
    "/logout",
    summary="Log out: the token (or session cookie) stops working",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses("unauthorized", "csrf_failed"),
)
def api_logout(context: StaffDep, request: Request) -> Response:
    revoked_tokens(request).revoke(context.claims)
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    response.delete_cookie(COOKIE_NAME, path="/")
    return response


@router.get(
    "/me",
    summary="The signed-in staff member",
    response_model=StaffMe,
    responses=error_responses("unauthorized"),
)
def api_me(context: StaffDep) -> StaffMe:
    return StaffMe.of(context.staff)
