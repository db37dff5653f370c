"""What staff do with tickets: find the ones they may see, claim, note, reply, re-route, resolve.

Every change writes the audit log. An agent only ever gets tickets of their own queues: any
other ticket raises TicketNotFound, exactly like an unknown reference (no enumeration).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from api.errors import DomainError, NotFound, UnknownQueue
from api.models import (
    AuditLogEntry,
    Message,
    MessageRole,
    Priority,
    Queue,
    StaffUser,
    Ticket,
    TicketStatus,
    utcnow,
)
from api.services import audit as audit_log
from api.services.replies import add_staff_reply
from api.services.sla import due_after

DONE_STATUSES = (TicketStatus.RESOLVED, TicketStatus.CLOSED)
PERSONAL_ID_FIELD = "personal_id"


class TicketNotFound(NotFound):
    """Unknown reference, or a ticket outside the staff member's queues."""

    detail = "No such ticket"


class TicketAlreadyClosed(DomainError):
    """The ticket is closed; nothing more can change on it."""

    status_code = 409
    error = "ticket_closed"
    detail = "The ticket is closed"


@dataclass(frozen=True)
class SlaState:
    first_response_breached: bool
    resolution_breached: bool

    @property
    def breached(self) -> bool:
        return self.first_response_breached or self.resolution_breached


def sla_state(ticket: Ticket, now: datetime | None = None) -> SlaState:
    """Whether the first response or the resolution is (or was) later than promised."""
    current = now or utcnow()
    first = ticket.first_response_at
    resolved = ticket.resolved_at
    return SlaState(
        first_response_breached=(first or current) > ticket.first_response_due,
        resolution_breached=(resolved or current) > ticket.resolution_due,
    )


def _breach_clause(now: datetime) -> ColumnElement[bool]:
    # Every branch is NULL-free so that NOT(...) selects the tickets in time.
    first, resolved = Ticket.first_response_at, Ticket.resolved_at
    return or_(
        and_(first.is_(None), Ticket.first_response_due < now),
        and_(first.is_not(None), first > Ticket.first_response_due),
        and_(resolved.is_(None), Ticket.resolution_due < now),
        and_(resolved.is_not(None), resolved > Ticket.resolution_due),
    )


def visible_queue_ids(staff: StaffUser, session: Session) -> set[str]:
    """Queues the staff member may see: all for admins, their own for agents."""
    if staff.is_admin:
        return set(session.scalars(select(Queue.id)))
    return staff.queue_ids()


def list_queues(session: Session, staff: StaffUser) -> list[Queue]:
    """The queues the staff member may see, by name."""
    ids = visible_queue_ids(staff, session)
    return list(session.scalars(select(Queue).where(Queue.id.in_(ids)).order_by(Queue.name_sv)))


def list_tickets(
    session: Session,
    staff: StaffUser,
    *,
    queue: str | None = None,
    status: list[TicketStatus] | None = None,
    sla_breached: bool | None = None,
    mine: bool = False,
    limit: int = 200,
    now: datetime | None = None,
) -> list[Ticket]:
    """Tickets the staff member may see, most urgent first, filtered as asked."""
    current = now or utcnow()
    ids = visible_queue_ids(staff, session)
    if queue is not None:
        ids &= {queue}
    query = select(Ticket).where(Ticket.queue_id.in_(ids))
    if status:
        query = query.where(Ticket.status.in_(status))
    if sla_breached is True:
        query = query.where(_breach_clause(current))
    elif sla_breached is False:
        query = query.where(~_breach_clause(current))
    if mine:
        query = query.where(Ticket.assignee_id == staff.id)
    query = query.order_by(Ticket.first_response_due, Ticket.id).limit(limit)
    return list(session.scalars(query).unique())


def get_ticket(session: Session, staff: StaffUser, reference: str) -> Ticket:
    """The ticket with this reference if the staff member may see it, else TicketNotFound."""
    ticket = session.scalar(select(Ticket).where(Ticket.reference == reference))
    if ticket is None or ticket.queue_id not in visible_queue_ids(staff, session):
        raise TicketNotFound()
    return ticket


def audit(
    session: Session,
    staff: StaffUser,
    action: str,
    ticket: Ticket | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditLogEntry:
    """Append one audit entry for a staff action."""
    return audit_log.record(
        session, action, actor="staff", ticket=ticket, staff_user=staff, detail=detail
    )


def audit_trail(session: Session, ticket: Ticket) -> list[AuditLogEntry]:
    """The ticket's audit entries, oldest first."""
    query = select(AuditLogEntry).where(AuditLogEntry.ticket_id == ticket.id)
    return list(session.scalars(query.order_by(AuditLogEntry.id)))


def staff_names(session: Session, entries: list[AuditLogEntry]) -> dict[int, str]:
    """Names of the staff members who wrote these audit entries."""
    ids = {e.staff_user_id for e in entries if e.staff_user_id is not None}
    if not ids:
        return {}
    rows = session.execute(select(StaffUser.id, StaffUser.name).where(StaffUser.id.in_(ids)))
    return {row.id: row.name for row in rows}


def _open_if_new(ticket: Ticket) -> None:
    if ticket.status is TicketStatus.NEW:
        ticket.status = TicketStatus.OPEN


def _refuse_closed(ticket: Ticket) -> None:
    if ticket.status is TicketStatus.CLOSED:
        raise TicketAlreadyClosed()


def claim(session: Session, staff: StaffUser, ticket: Ticket) -> Ticket:
    """Assign the ticket to the staff member and open it."""
    _refuse_closed(ticket)
    previous = ticket.assignee_id
    ticket.assignee_id = staff.id
    ticket.assignee = staff
    _open_if_new(ticket)
    audit(session, staff, "ticket.claimed", ticket, {"previous_assignee_id": previous})
    session.commit()
    return ticket


def reply(session: Session, staff: StaffUser, ticket: Ticket, text: str) -> Message:
    """Store a reply to the citizen (delivered in their chat); commits.

    The e-mail notice is the caller's to send, after this commit (`replies.send_reply_notice`).
    """
    _refuse_closed(ticket)
    message = add_staff_reply(session, ticket, staff, text)
    _open_if_new(ticket)
    audit(session, staff, "ticket.replied", ticket, {"message_id": message.id})
    session.commit()
    return message


def add_note(session: Session, staff: StaffUser, ticket: Ticket, text: str) -> Message:
    """An internal note: staff only, never delivered to the citizen."""
    _refuse_closed(ticket)
    note = Message(
        ticket=ticket, role=MessageRole.STAFF, text=text, internal=True, author_id=staff.id
    )
    session.add(note)
    session.flush()
    audit(session, staff, "ticket.note_added", ticket, {"message_id": note.id})
    session.commit()
    return note


def change(
    session: Session,
    staff: StaffUser,
    ticket: Ticket,
    *,
    priority: Priority | None = None,
    queue_id: str | None = None,
) -> Ticket:
    """Change priority and/or queue; a new queue brings its own SLA hours."""
    _refuse_closed(ticket)
    if priority is not None and priority is not ticket.priority:
        audit(
            session,
            staff,
            "ticket.priority_changed",
            ticket,
            {"from": ticket.priority.value, "to": priority.value},
        )
        ticket.priority = priority
    if queue_id is not None and queue_id != ticket.queue_id:
        queue = session.get(Queue, queue_id)
        if queue is None:
            raise UnknownQueue()
        audit(
            session,
            staff,
            "ticket.queue_changed",
            ticket,
            {"from": ticket.queue_id, "to": queue_id},
        )
        ticket.queue_id = queue.id
        ticket.queue = queue
        # The new queue's SLA, counted in its opening hours from when the case arrived.
        ticket.first_response_due = due_after(
            ticket.created_at, queue.sla_first_response_hours, queue.opening_hours
        )
        ticket.resolution_due = due_after(
            ticket.created_at, queue.sla_resolution_hours, queue.opening_hours
        )
    session.commit()
    return ticket


def set_status(session: Session, staff: StaffUser, ticket: Ticket, status: TicketStatus) -> Ticket:
    """Move the ticket to `status`; resolving or closing stamps the resolution time.

    Reopening (back to open or pending) clears it: the case is not resolved any more, so its
    SLA state, the breach filter and the statistics count it as open again.
    """
    _refuse_closed(ticket)
    if status is ticket.status:
        return ticket
    audit(
        session,
        staff,
        "ticket.status_changed",
        ticket,
        {"from": ticket.status.value, "to": status.value},
    )
    ticket.status = status
    if status in DONE_STATUSES and ticket.resolved_at is None:
        ticket.resolved_at = utcnow()
    elif status not in DONE_STATUSES:
        ticket.resolved_at = None
    session.commit()
    return ticket


def reveal_personal_id(session: Session, staff: StaffUser, ticket: Ticket) -> str | None:
    """The unmasked personnummer of the ticket's form; the look-up itself is audited."""
    value = ticket.fields.get(PERSONAL_ID_FIELD)
    if value is None:
        return None
    audit(session, staff, "ticket.personal_id_revealed", ticket, {"field": PERSONAL_ID_FIELD})
    session.commit()
    return str(value)
