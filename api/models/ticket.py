"""Tickets (cases handed to staff), their messages, and the reference sequence."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.models.base import Base, UTCDateTime, enum_type, utcnow
from api.models.queue import Queue
from api.models.staff import StaffUser


class TicketStatus(enum.StrEnum):
    NEW = "new"
    OPEN = "open"
    PENDING = "pending"
    RESOLVED = "resolved"
    CLOSED = "closed"


class Priority(enum.StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"


class Channel(enum.StrEnum):
    CHAT = "chat"
    SPEECH = "speech"
    API = "api"


class MessageRole(enum.StrEnum):
    USER = "user"
    BOT = "bot"
    STAFF = "staff"


class Ticket(Base):
    __tablename__ = "ticket"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(32), unique=True)
    # SHA-256 of the citizen's look-up secret; the secret itself is shown once and never stored.
    secret_hash: Mapped[str] = mapped_column(String(64))
    idempotency_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    queue_id: Mapped[str] = mapped_column(ForeignKey("queue.id"), index=True)
    topic: Mapped[str] = mapped_column(String(100))
    channel: Mapped[Channel] = mapped_column(enum_type(Channel))
    status: Mapped[TicketStatus] = mapped_column(enum_type(TicketStatus), default=TicketStatus.NEW)
    priority: Mapped[Priority] = mapped_column(enum_type(Priority), default=Priority.NORMAL)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), index=True)
    session_id: Mapped[str | None] = mapped_column(String(64), index=True)
    lang: Mapped[str] = mapped_column(String(2), default="sv")
    contact_email: Mapped[str | None] = mapped_column(String(320))
    fields: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    first_response_due: Mapped[datetime] = mapped_column(UTCDateTime)
    resolution_due: Mapped[datetime] = mapped_column(UTCDateTime)
    first_response_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    queue: Mapped[Queue] = relationship(lazy="joined")
    assignee: Mapped[StaffUser | None] = relationship(lazy="joined")
    messages: Mapped[list[Message]] = relationship(
        back_populates="ticket", order_by="Message.id", cascade="all, delete-orphan"
    )


class Message(Base):
    __tablename__ = "message"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id", ondelete="CASCADE"), index=True)
    role: Mapped[MessageRole] = mapped_column(enum_type(MessageRole))
    text: Mapped[str] = mapped_column(Text)
    # Internal notes are for staff only and never reach the citizen.
    internal: Mapped[bool] = mapped_column(default=False)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Staff replies: when the chat gateway handed the reply to the citizen's session.
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    emailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    ticket: Mapped[Ticket] = relationship(back_populates="messages")
    author: Mapped[StaffUser | None] = relationship()


class ReferenceSequence(Base):
    """Last used number per reference prefix and year (`IT-2026-000123`)."""

    __tablename__ = "reference_sequence"
    __table_args__ = (UniqueConstraint("prefix", "year"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    prefix: Mapped[str] = mapped_column(String(8))
    year: Mapped[int] = mapped_column(Integer)
    last_value: Mapped[int] = mapped_column(Integer)
