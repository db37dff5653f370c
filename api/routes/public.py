"""Citizen-facing status look-up by reference and secret (rate-limited, no enumeration)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from api.db import SessionDep
from api.errors import RateLimited
from api.schemas.tickets import PublicStatusQuery, TicketStatusOut
from api.services.rate_limit import SlidingWindowLimiter
from api.services.tickets import status_body, ticket_for_secret

router = APIRouter(prefix="/api/v1/public", tags=["public"])


@router.post("/ticket-status", responses={404: {}, 429: {}})
def public_ticket_status(
    body: PublicStatusQuery, request: Request, session: SessionDep
) -> TicketStatusOut:
    """Status by reference + secret; a wrong secret answers exactly like an unknown reference."""
    limiter: SlidingWindowLimiter = request.app.state.public_status_limiter
    client = request.client.host if request.client else "unknown"
    if not limiter.allow(client):
        raise RateLimited()
    return status_body(session, ticket_for_secret(session, body.reference, body.secret))
