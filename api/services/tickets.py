"""Create tickets from the bot and read their status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.errors import IdempotencyConflict, NotFound, UnknownQueue
from api.models import (
    Channel,
    Message,
    MessageRole,
    Priority,
    Queue,
    Ticket,
    TicketStatus,
    utcnow,
)
from api.schemas.tickets import StaffReplyOut, TicketCreate, TicketStatusOut
from api.services import audit
from api.services.conversations import mark_ticket_created
from api.services.references import (
    format_reference,
    hash_secret,
    new_secret,
    next_sequence_value,
    secret_matches,
)
from api.services.sla import due_after


class TicketNotFound(NotFound):
    detail = "Inget ärende hittades. / No case found."


@dataclass(frozen=True)
class CreatedTicket:
    ticket: Ticket
    secret: str
    created: bool  # False: an idempotent replay of an earlier create


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _replay(session: Session, ticket: Ticket, data: TicketCreate) -> CreatedTicket:
    if ticket.session_id != data.session_id:
        raise IdempotencyConflict()
    # Only the hash is stored, so a replay issues a fresh secret; the bot shows the latest one.
    secret = new_secret()
    ticket.secret_hash = hash_secret(secret)
    audit.record(session, "ticket.secret_reissued", actor="bot", ticket=ticket)
    session.commit()
    return CreatedTicket(ticket=ticket, secret=secret, created=False)


def create_ticket(
    session: Session, data: TicketCreate, idempotency_key: str, now: datetime | None = None
) -> CreatedTicket:
    """Create the ticket, or return the one created earlier with the same idempotency key."""
    existing = session.scalar(select(Ticket).where(Ticket.idempotency_key == idempotency_key))
    if existing is not None:
        return _replay(session, existing, data)
    queue = session.get(Queue, data.queue)
    if queue is None:
        raise UnknownQueue(f"Unknown queue: {data.queue}")

    now = now or utcnow()
    secret = new_secret()
    try:
        with session.begin_nested():
            number = next_sequence_value(session, queue.prefix, now.year)
            ticket = Ticket(
                reference=format_reference(queue.prefix, now.year, number),
                secret_hash=hash_secret(secret),
                idempotency_key=idempotency_key,
                queue=queue,
                topic=data.topic,
                channel=Channel(data.channel),
                status=TicketStatus.NEW,
                priority=Priority(data.priority),
                session_id=data.session_id,
                lang=data.lang,
                contact_email=data.contact_email,
                fields=data.fields,
                first_response_due=due_after(
                    now, queue.sla_first_response_hours, queue.opening_hours
                ),
                resolution_due=due_after(now, queue.sla_resolution_hours, queue.opening_hours),
                created_at=now,
                updated_at=now,
            )
            session.add(ticket)
            session.flush()
    except IntegrityError:
        # A concurrent create with the same key won the race: answer with its ticket.
        winner = session.scalar(select(Ticket).where(Ticket.idempotency_key == idempotency_key))
        if winner is None:
            raise
        return _replay(session, winner, data)

    for line in data.transcript:
        session.add(
            Message(
                ticket=ticket,
                role=MessageRole(line.role),
                text=line.text,
                created_at=_aware(line.timestamp),
            )
        )
    audit.record(
        session,
        "ticket.created",
        actor="bot",
        ticket=ticket,
        detail={"queue": queue.id, "topic": data.topic, "channel": data.channel},
    )
    mark_ticket_created(session, data.session_id, channel=data.channel, at=now)
    session.commit()
    return CreatedTicket(ticket=ticket, secret=secret, created=True)


def last_staff_reply(session: Session, ticket: Ticket) -> Message | None:
    return session.scalar(
        select(Message)
        .where(
            Message.ticket_id == ticket.id,
            Message.role == MessageRole.STAFF,
            Message.internal.is_(False),
        )
        .order_by(Message.created_at.desc(), Message.id.desc())
        .limit(1)
    )


def ticket_for_session(session: Session, reference: str, session_id: str) -> Ticket:
    """The ticket when it belongs to `session_id`; otherwise the same error as unknown."""
    ticket = session.scalar(select(Ticket).where(Ticket.reference == reference.strip().upper()))
    if ticket is None or ticket.session_id is None or ticket.session_id != session_id:
        raise TicketNotFound()
    return ticket


def ticket_for_secret(session: Session, reference: str, secret: str) -> Ticket:
    """The ticket when `secret` matches; a wrong secret looks exactly like an unknown reference."""
    ticket = session.scalar(select(Ticket).where(Ticket.reference == reference.strip().upper()))
    # Compare against a dummy hash when the reference is unknown so both paths cost the same.
    stored = ticket.secret_hash if ticket is not None else hash_secret("unknown-reference")
    if not secret_matches(secret, stored) or ticket is None:
        raise TicketNotFound()
    return ticket


def status_body(session: Session, ticket: Ticket) -> TicketStatusOut:
    """The status a citizen may see (shared with the public look-up)."""
    reply = last_staff_reply(session, ticket)
    return TicketStatusOut(
        reference=ticket.reference,
        status=ticket.status.value,
        queue_name=ticket.queue.name(ticket.lang),
        updated_at=ticket.updated_at,
        last_staff_reply=StaffReplyOut(text=reply.text, at=reply.created_at) if reply else None,
    )
