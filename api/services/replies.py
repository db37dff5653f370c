"""Staff replies: written by staff, delivered to the citizen's chat session (and e-mail)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import Message, MessageRole, StaffUser, Ticket, utcnow
from api.services.notify import ReplyNotifier


@dataclass(frozen=True)
class PendingReply:
    reference: str
    text: str
    at: datetime


def add_staff_reply(
    session: Session,
    ticket: Ticket,
    staff_user: StaffUser,
    text: str,
    notifier: ReplyNotifier | None = None,
) -> Message:
    """Store a reply for the citizen; set the first response time; e-mail when possible.

    Flushes, does not commit: the caller owns the transaction (and the audit entry).
    """
    now = utcnow()
    message = Message(
        ticket=ticket,
        role=MessageRole.STAFF,
        text=text,
        internal=False,
        author_id=staff_user.id,
        created_at=now,
    )
    session.add(message)
    if ticket.first_response_at is None:
        ticket.first_response_at = now
    ticket.updated_at = now
    session.flush()
    if (
        notifier is not None
        and ticket.contact_email
        and notifier.notify_staff_reply(ticket, message)
    ):
        message.emailed_at = utcnow()
        session.flush()
    return message


def take_pending_replies(session: Session, session_id: str) -> list[PendingReply]:
    """Staff replies not yet delivered to the chat session, oldest first; marks them delivered.

    Flushes, does not commit: the gateway commits only when its answer is complete.
    """
    rows = session.scalars(
        select(Message)
        .join(Ticket, Message.ticket_id == Ticket.id)
        .where(
            Ticket.session_id == session_id,
            Message.role == MessageRole.STAFF,
            Message.internal.is_(False),
            Message.delivered_at.is_(None),
        )
        .order_by(Message.created_at, Message.id)
    ).all()
    now = utcnow()
    pending = []
    for message in rows:
        message.delivered_at = now
        pending.append(
            PendingReply(
                reference=message.ticket.reference, text=message.text, at=message.created_at
            )
        )
    session.flush()
    return pending
