"""Citizen-facing status look-up by reference and secret (rate-limited, no enumeration)."""

from __future__ import annotations

import hmac
import re

from fastapi import APIRouter, Request

from api.db import SessionDep
from api.errors import RateLimited
from api.schemas.errors import error_responses
from api.schemas.tickets import PublicStatusQuery, TicketStatusOut
from api.services.rate_limit import SlidingWindowLimiter
from api.services.tickets import status_body, ticket_for_secret
from api.settings import Settings

router = APIRouter(prefix="/api/v1/public", tags=["public"])

SESSION_HEADER = "X-Session-Id"
_SESSION_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


def rate_limit_key(request: Request) -> str:
    """Who is asking: the chat session when the bot relays the question, else the client IP.

    Every chat user reaches this route through the one action server, so its IP says nothing;
    the bot proves itself with its token and names the session in `X-Session-Id`.
    """
    settings: Settings = request.app.state.settings
    session_id = request.headers.get(SESSION_HEADER, "")
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    expected = settings.bot_service_token.get_secret_value().encode()
    from_bot = scheme.lower() == "bearer" and hmac.compare_digest(token.encode(), expected)
    if from_bot and _SESSION_ID.fullmatch(session_id):
        return f"session:{session_id}"
    return f"ip:{request.client.host if request.client else 'unknown'}"


@router.post(
    "/ticket-status",
    summary="Ticket status by reference and secret (citizens; rate-limited)",
    responses=error_responses("not_found", "invalid_request", "rate_limited"),
)
def public_ticket_status(
    body: PublicStatusQuery, request: Request, session: SessionDep
) -> TicketStatusOut:
    """Status by reference + secret; a wrong secret answers exactly like an unknown reference."""
    limiter: SlidingWindowLimiter = request.app.state.public_status_limiter
    if not limiter.allow(rate_limit_key(request)):
        raise RateLimited()
    return status_body(session, ticket_for_secret(session, body.reference, body.secret))
