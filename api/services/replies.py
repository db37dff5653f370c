"""Staff replies: written by staff, delivered to the citizen's chat session (and e-mail)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import Session, sessionmaker

from api.models import Message, MessageRole, StaffUser, Ticket, utcnow
from api.services.notify import ReplyNotice, ReplyNotifier


@dataclass(frozen=True)
class PendingReply:
    reference: str
    text: str
    at: datetime


def add_staff_reply(session: Session, ticket: Ticket, staff_user: StaffUser, text: str) -> Message:
    """Store a reply for the citizen and set the first response time.

    Flushes, does not commit: the caller owns the transaction (and the audit entry). The
    e-mail notice, if any, goes out only after the commit (`reply_notice`, `send_reply_notice`).
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
    return message


def reply_notice(ticket: Ticket, message: Message) -> ReplyNotice | None:
    """The e-mail notice for a stored reply, or None when the citizen left no address."""
    if not ticket.contact_email:
        return None
    return ReplyNotice(
        message_id=message.id,
        reference=ticket.reference,
        to_address=ticket.contact_email,
    )


def send_reply_notice(
    notifier: ReplyNotifier, session_factory: sessionmaker[Session], notice: ReplyNotice
) -> bool:
    """Send the notice (no transaction open meanwhile), then stamp `emailed_at` in its own.

    Meant to run after the reply's commit, e.g. as a background task of the request.
    """
    if not notifier.send(notice):
        return False
    with session_factory() as session:
        session.execute(
            update(Message).where(Message.id == notice.message_id).values(emailed_at=utcnow())
        )
        session.commit()
    return True


def take_pending_replies(session: Session, session_id: str) -> list[PendingReply]:
    """Staff replies not yet delivered to the chat session, oldest first; marks them delivered.

    Flushes, does not commit: the gateway commits only when its answer is complete.
    """
    return _take_pending(session, Ticket.session_id == session_id)


def take_pending_replies_for_ticket(session: Session, ticket: Ticket) -> list[PendingReply]:
    """The ticket's undelivered staff replies, oldest first; marks them delivered. Flushes.

    For a chat that proved the ticket's secret, e.g. opened from the reply e-mail's link in
    another session than the one that created the ticket.
    """
    return _take_pending(session, Ticket.id == ticket.id)


def _take_pending(session: Session, which: ColumnElement[bool]) -> list[PendingReply]:
    rows = session.scalars(
        select(Message)
        .join(Ticket, Message.ticket_id == Ticket.id)
        .where(
            which,
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
