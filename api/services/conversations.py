"""Conversation log for statistics: topic, confidence and fallback per turn, never the text."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import Conversation, ConversationTurn, utcnow

FALLBACK_INTENT = "nlu_fallback"
HANDOFF_INTENT = "human_handoff"


def find_conversation(session: Session, session_id: str) -> Conversation | None:
    return session.scalar(select(Conversation).where(Conversation.session_id == session_id))


def get_or_create_conversation(
    session: Session, session_id: str, *, lang: str = "sv", channel: str = "chat"
) -> Conversation:
    conversation = find_conversation(session, session_id)
    if conversation is None:
        now = utcnow()
        conversation = Conversation(
            session_id=session_id,
            lang=lang,
            channel=channel,
            started_at=now,
            last_turn_at=now,
            turn_count=0,
        )
        session.add(conversation)
        session.flush()
    return conversation


def is_fallback(topic: str | None, confidence: float, threshold: float) -> bool:
    """A turn the bot did not understand: the fallback intent, no intent, or low confidence."""
    return topic is None or topic == FALLBACK_INTENT or confidence < threshold


def record_turn(
    session: Session,
    conversation: Conversation,
    *,
    topic: str | None,
    confidence: float,
    lang: str,
    threshold: float,
    at: datetime | None = None,
) -> ConversationTurn:
    """Append one turn (no text) and update the conversation's counters."""
    at = at or utcnow()
    turn = ConversationTurn(
        conversation=conversation,
        topic=topic,
        confidence=confidence,
        is_fallback=is_fallback(topic, confidence, threshold),
        lang=lang,
        created_at=at,
    )
    session.add(turn)
    conversation.turn_count += 1
    conversation.last_turn_at = at
    conversation.lang = lang
    if topic == HANDOFF_INTENT and conversation.handed_off_at is None:
        conversation.handed_off_at = at
    session.flush()
    return turn


def mark_ticket_created(
    session: Session, session_id: str, *, channel: str = "chat", at: datetime | None = None
) -> None:
    """The session's case went to staff: counts as a handoff in the statistics."""
    at = at or utcnow()
    conversation = get_or_create_conversation(session, session_id, channel=channel)
    conversation.ticket_created = True
    if conversation.handed_off_at is None:
        conversation.handed_off_at = at
    session.flush()
