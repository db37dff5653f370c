"""Staff-facing ticket API: list, detail, claim, reply, note, change, status, reveal.

Every id route looks the ticket up through `staff_tickets.get_ticket`, which answers 404 for a
ticket outside the caller's queues, the same as for an unknown reference.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Query, Request
from sqlalchemy.orm import Session

from api.db import SessionDep
from api.models import Message, Ticket, TicketStatus
from api.routes.staff_auth import StaffDep
from api.schemas.errors import error_responses
from api.schemas.staff import (
    MessageOut,
    PersonalIdOut,
    QueueOut,
    StatusChange,
    TextBody,
    TicketChange,
    TicketDetail,
    TicketSummary,
)
from api.services import staff_tickets
from api.services.notify import ReplyNotifier
from api.services.replies import reply_notice, send_reply_notice

router = APIRouter(prefix="/api/v1/staff", tags=["staff: tickets"])

_AUTH = error_responses("unauthorized")
_ID = error_responses("unauthorized", "not_found")
_CHANGE = error_responses(
    "unauthorized", "csrf_failed", "not_found", "ticket_closed", "invalid_request"
)


def schedule_reply_notice(
    request: Request, background: BackgroundTasks, ticket: Ticket, message: Message
) -> None:
    """E-mail the citizen about a committed reply, after the response (when SMTP is on)."""
    notifier: ReplyNotifier | None = request.app.state.reply_notifier
    notice = reply_notice(ticket, message)
    if notifier is not None and notice is not None:
        background.add_task(send_reply_notice, notifier, request.app.state.session_factory, notice)


def ticket_detail(session: Session, ticket: Ticket) -> TicketDetail:
    """The detail body, read fresh from the database (also used by the /staff pages)."""
    session.refresh(ticket)
    trail = staff_tickets.audit_trail(session, ticket)
    return TicketDetail.build(ticket, trail, staff_tickets.staff_names(session, trail))


@router.get(
    "/queues",
    summary="Queues you may see",
    response_model=list[QueueOut],
    responses=_AUTH,
)
def list_queues(context: StaffDep, session: SessionDep) -> list[QueueOut]:
    return [
        QueueOut(
            id=q.id,
            prefix=q.prefix,
            name_sv=q.name_sv,
            name_en=q.name_en,
            sla_first_response_hours=q.sla_first_response_hours,
            sla_resolution_hours=q.sla_resolution_hours,
        )
        for q in staff_tickets.list_queues(session, context.staff)
    ]


@router.get(
    "/tickets",
    summary="List tickets in your queues, filtered by queue, status and SLA breach",
    response_model=list[TicketSummary],
    responses=error_responses("unauthorized", "invalid_request"),
)
def list_tickets(
    context: StaffDep,
    session: SessionDep,
    queue: Annotated[str | None, Query(description="Queue id, e.g. it_support")] = None,
    status: Annotated[list[TicketStatus] | None, Query(description="Repeatable")] = None,
    sla_breached: Annotated[
        bool | None, Query(description="true: first response or resolution overdue")
    ] = None,
    mine: Annotated[bool, Query(description="Only tickets assigned to you")] = False,
    limit: Annotated[int, Query(ge=1, le=500)] = 200,
) -> list[TicketSummary]:
    tickets = staff_tickets.list_tickets(
        session,
        context.staff,
        queue=queue,
        status=status,
        sla_breached=sla_breached,
        mine=mine,
        limit=limit,
    )
    return [TicketSummary.of(t) for t in tickets]


@router.get(
    "/tickets/{reference}",
    summary="Ticket detail: fields (personnummer masked), transcript, internal notes, audit",
    response_model=TicketDetail,
    responses=_ID,
)
def get_ticket(reference: str, context: StaffDep, session: SessionDep) -> TicketDetail:
    ticket = staff_tickets.get_ticket(session, context.staff, reference)
    return ticket_detail(session, ticket)


@router.post(
    "/tickets/{reference}/claim",
    summary="Assign the ticket to yourself (and open it)",
    response_model=TicketDetail,
    responses=_CHANGE,
)
def claim(reference: str, context: StaffDep, session: SessionDep) -> TicketDetail:
    ticket = staff_tickets.get_ticket(session, context.staff, reference)
    staff_tickets.claim(session, context.staff, ticket)
    return ticket_detail(session, ticket)


@router.post(
    "/tickets/{reference}/replies",
    summary="Reply to the user: delivered in their chat (and by e-mail when configured)",
    response_model=MessageOut,
    status_code=201,
    responses=_CHANGE,
)
def reply(
    reference: str,
    body: TextBody,
    request: Request,
    background: BackgroundTasks,
    context: StaffDep,
    session: SessionDep,
) -> MessageOut:
    ticket = staff_tickets.get_ticket(session, context.staff, reference)
    message = staff_tickets.reply(session, context.staff, ticket, body.text)
    schedule_reply_notice(request, background, ticket, message)
    return MessageOut.of(message)


@router.post(
    "/tickets/{reference}/notes",
    summary="Add an internal note (staff only, never shown to the user)",
    response_model=MessageOut,
    status_code=201,
    responses=_CHANGE,
)
def add_note(reference: str, body: TextBody, context: StaffDep, session: SessionDep) -> MessageOut:
    ticket = staff_tickets.get_ticket(session, context.staff, reference)
    note = staff_tickets.add_note(session, context.staff, ticket, body.text)
    return MessageOut.of(note)


@router.patch(
    "/tickets/{reference}",
    summary="Change priority and/or queue",
    response_model=TicketDetail,
    responses=error_responses(
        "unauthorized",
        "csrf_failed",
        "not_found",
        "ticket_closed",
        "invalid_request",
        "unknown_queue",
    ),
)
def change(
    reference: str, body: TicketChange, context: StaffDep, session: SessionDep
) -> TicketDetail:
    ticket = staff_tickets.get_ticket(session, context.staff, reference)
    staff_tickets.change(
        session, context.staff, ticket, priority=body.priority, queue_id=body.queue
    )
    return ticket_detail(session, ticket)


@router.post(
    "/tickets/{reference}/status",
    summary="Set the status: open, pending, resolved or closed",
    response_model=TicketDetail,
    responses=_CHANGE,
)
def set_status(
    reference: str, body: StatusChange, context: StaffDep, session: SessionDep
) -> TicketDetail:
    ticket = staff_tickets.get_ticket(session, context.staff, reference)
    staff_tickets.set_status(session, context.staff, ticket, TicketStatus(body.status))
    return ticket_detail(session, ticket)


@router.post(
    "/tickets/{reference}/personal-id",
    summary="Reveal the unmasked personnummer (the look-up is written to the audit log)",
    response_model=PersonalIdOut,
    responses=_CHANGE,
)
def reveal_personal_id(reference: str, context: StaffDep, session: SessionDep) -> PersonalIdOut:
    ticket = staff_tickets.get_ticket(session, context.staff, reference)
    return PersonalIdOut(
        personal_id=staff_tickets.reveal_personal_id(session, context.staff, ticket)
    )
