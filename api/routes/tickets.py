"""Bot-facing tickets: create (idempotent) and status for the chat session."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Query, Request, Response, status

from api.db import SessionDep
from api.errors import RateLimited
from api.metrics import Metrics
from api.routes.public import rate_limit_key
from api.schemas.chat import SESSION_ID_PATTERN
from api.schemas.errors import error_responses
from api.schemas.tickets import (
    DeliveredReply,
    SecretProof,
    TicketCreate,
    TicketCreated,
    TicketStatusOut,
)
from api.security import BotAuth
from api.services import audit
from api.services.rate_limit import SlidingWindowLimiter
from api.services.replies import take_pending_replies_for_ticket
from api.services.tickets import (
    create_ticket,
    status_body,
    ticket_for_secret,
    ticket_for_session,
)

router = APIRouter(prefix="/api/v1/tickets", tags=["tickets"], dependencies=[BotAuth])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Create a ticket with transcript and form fields (idempotent)",
    responses={
        200: {
            "model": TicketCreated,
            "description": "Replay of an earlier create with the same Idempotency-Key",
        },
        **error_responses(
            "unauthorized", "idempotency_conflict", "invalid_request", "unknown_queue"
        ),
    },
)
def create(
    body: TicketCreate,
    request: Request,
    response: Response,
    session: SessionDep,
    idempotency_key: Annotated[str, Header(alias="Idempotency-Key", min_length=1, max_length=200)],
) -> TicketCreated:
    """Create a ticket with transcript and form fields; a retry returns the same ticket."""
    result = create_ticket(session, body, idempotency_key)
    ticket = result.ticket
    if result.created:
        metrics: Metrics = request.app.state.metrics
        metrics.tickets_created.labels(ticket.queue_id).inc()
    else:
        response.status_code = status.HTTP_200_OK
    return TicketCreated(
        reference=ticket.reference,
        secret=result.secret,
        status=ticket.status.value,
        queue=ticket.queue_id,
        queue_name=ticket.queue.name(ticket.lang),
        first_response_due=ticket.first_response_due,
        resolution_due=ticket.resolution_due,
        sla_first_response_hours=ticket.queue.sla_first_response_hours,
    )


@router.get(
    "/{reference}/status",
    summary="Status of a ticket of this chat session",
    responses=error_responses("unauthorized", "not_found", "invalid_request"),
)
def ticket_status(
    reference: str,
    session: SessionDep,
    session_id: Annotated[str, Query(pattern=SESSION_ID_PATTERN)],
) -> TicketStatusOut:
    """Status of a ticket that belongs to the chat session; any other gets 404."""
    return status_body(session, ticket_for_session(session, reference, session_id))


@router.post(
    "/{reference}/replies/deliver",
    summary="Undelivered staff replies of a ticket, for a chat that proved its secret",
    responses=error_responses("unauthorized", "not_found", "invalid_request", "rate_limited"),
)
def deliver_ticket_replies(
    reference: str, body: SecretProof, request: Request, session: SessionDep
) -> list[DeliveredReply]:
    """Staff replies of the ticket not yet delivered, for a chat that proved its secret.

    For a chat that is not the ticket's own session (opened from the e-mail link, another
    device); they are marked delivered, so the ticket's own session does not get them again.
    A wrong secret answers exactly like an unknown reference, and the look-ups count against
    the same per-client limit as `POST /public/ticket-status` (`X-Session-Id` from the bot).
    """
    limiter: SlidingWindowLimiter = request.app.state.public_status_limiter
    if not limiter.allow(rate_limit_key(request)):
        raise RateLimited()
    ticket = ticket_for_secret(session, reference, body.secret)
    replies = take_pending_replies_for_ticket(session, ticket)
    if replies:
        audit.record(
            session,
            "ticket.replies_delivered",
            actor="bot",
            ticket=ticket,
            detail={"count": len(replies), "by": "secret"},
        )
    session.commit()
    return [DeliveredReply(reference=r.reference, text=r.text, at=r.at) for r in replies]
