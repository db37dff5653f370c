"""Bot-facing tickets: create (idempotent) and status for the chat session."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Query, Request, Response, status

from api.db import SessionDep
from api.metrics import Metrics
from api.schemas.chat import SESSION_ID_PATTERN
from api.schemas.tickets import TicketCreate, TicketCreated, TicketStatusOut
from api.security import BotAuth
from api.services.tickets import create_ticket, status_body, ticket_for_session

router = APIRouter(prefix="/api/v1/tickets", tags=["tickets"], dependencies=[BotAuth])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses={200: {"description": "Replay of an earlier create with the same Idempotency-Key"}},
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


@router.get("/{reference}/status")
def ticket_status(
    reference: str,
    session: SessionDep,
    session_id: Annotated[str, Query(pattern=SESSION_ID_PATTERN)],
) -> TicketStatusOut:
    """Status of a ticket that belongs to the chat session; any other gets 404."""
    return status_body(session, ticket_for_session(session, reference, session_id))
