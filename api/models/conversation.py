"""Conversation log for statistics: who talked about what and how sure the bot was.

Never stores what was said: no message text, only topic, confidence and timestamps.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.models.base import Base, UTCDateTime, utcnow


class Conversation(Base):
    __tablename__ = "conversation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[str] = mapped_column(String(64), unique=True)
    channel: Mapped[str] = mapped_column(String(16), default="chat")
    lang: Mapped[str] = mapped_column(String(2), default="sv")
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    last_turn_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    turn_count: Mapped[int] = mapped_column(Integer, default=0)
    # Set when the user asked for a person or a ticket was created for the session.
    handed_off_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ticket_created: Mapped[bool] = mapped_column(default=False)

    turns: Mapped[list[ConversationTurn]] = relationship(
        back_populates="conversation", order_by="ConversationTurn.id"
    )


class ConversationTurn(Base):
    __tablename__ = "conversation_turn"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversation.id", ondelete="CASCADE"), index=True
    )
    topic: Mapped[str | None] = mapped_column(String(100), index=True)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    is_fallback: Mapped[bool] = mapped_column(default=False)
    lang: Mapped[str] = mapped_column(String(2), default="sv")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    conversation: Mapped[Conversation] = relationship(back_populates="turns")
