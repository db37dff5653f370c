"""Numbers for the stats page, over a date range (UTC days, both ends included).

- conversations: conversations started in the range.
- automation rate: share of those that ended with neither a ticket nor a handoff request.
- handoff rate: share with a ticket or a `human_handoff` request (1 - automation rate).
- fallback rate: share of turns in the range the bot did not understand.
- median first response: over tickets created in the range that have a staff reply.
- SLA breaches: tickets created in the range whose first response / resolution came after its
  due time, or is still missing when the due time has passed.
- topics: product topics only (`it_*`, `life_*`, handoff, ticket status, out of scope), not the
  small talk and form answers (greet, affirm, inform, nlu_fallback…) that every chat has.
  `topic_counts` has every product topic of the range, `top_topics` the ten most frequent.
"""

from __future__ import annotations

import statistics
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.models import Conversation, ConversationTurn, Ticket, TicketStatus
from api.schemas.stats import SlaBreaches, StatsOut, TopicCount

TOP_TOPICS = 10
DONE = (TicketStatus.RESOLVED, TicketStatus.CLOSED)
PRODUCT_TOPIC_PREFIXES = ("it_", "life_")
PRODUCT_TOPICS = frozenset({"human_handoff", "ticket_status", "out_of_scope"})


def is_product_topic(topic: str) -> bool:
    """True for the intents that name what the user came for (see the module docstring)."""
    return topic.startswith(PRODUCT_TOPIC_PREFIXES) or topic in PRODUCT_TOPICS


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _bounds(from_date: date, to_date: date) -> tuple[datetime, datetime]:
    start = datetime.combine(from_date, time.min, tzinfo=UTC)
    return start, datetime.combine(to_date + timedelta(days=1), time.min, tzinfo=UTC)


def _first_response_breached(ticket: Ticket, now: datetime) -> bool:
    answered = ticket.first_response_at
    return (answered or now) > ticket.first_response_due


def _resolution_breached(ticket: Ticket, now: datetime) -> bool:
    if ticket.resolved_at is not None:
        return ticket.resolved_at > ticket.resolution_due
    return ticket.status not in DONE and now > ticket.resolution_due


def compute_stats(
    session: Session, from_date: date, to_date: date, now: datetime | None = None
) -> StatsOut:
    now = now or datetime.now(UTC)
    start, end = _bounds(from_date, to_date)

    in_range = Conversation.started_at >= start, Conversation.started_at < end
    conversations = session.scalar(select(func.count()).where(*in_range)) or 0
    handed_off = (
        session.scalar(
            select(func.count()).where(
                *in_range,
                (Conversation.handed_off_at.is_not(None)) | Conversation.ticket_created.is_(True),
            )
        )
        or 0
    )

    turn_range = ConversationTurn.created_at >= start, ConversationTurn.created_at < end
    turns = session.scalar(select(func.count()).where(*turn_range)) or 0
    fallbacks = (
        session.scalar(
            select(func.count()).where(*turn_range, ConversationTurn.is_fallback.is_(True))
        )
        or 0
    )
    topic_rows = session.execute(
        select(ConversationTurn.topic, func.count().label("n"))
        .where(*turn_range, ConversationTurn.topic.is_not(None))
        .group_by(ConversationTurn.topic)
    ).all()
    topic_counts = sorted(
        (
            TopicCount(topic=str(topic), count=int(n))
            for topic, n in topic_rows
            if is_product_topic(str(topic))
        ),
        key=lambda t: (-t.count, t.topic),
    )

    tickets = session.scalars(
        select(Ticket).where(Ticket.created_at >= start, Ticket.created_at < end)
    ).all()
    waits = [
        (t.first_response_at - t.created_at).total_seconds() / 60
        for t in tickets
        if t.first_response_at is not None
    ]

    return StatsOut(
        from_date=from_date,
        to_date=to_date,
        conversations=conversations,
        turns=turns,
        tickets=len(tickets),
        automation_rate=_rate(conversations - handed_off, conversations),
        handoff_rate=_rate(handed_off, conversations),
        fallback_rate=_rate(fallbacks, turns),
        top_topics=topic_counts[:TOP_TOPICS],
        topic_counts=topic_counts,
        median_first_response_minutes=round(statistics.median(waits), 2) if waits else None,
        sla_breaches=SlaBreaches(
            first_response=sum(_first_response_breached(t, now) for t in tickets),
            resolution=sum(_resolution_breached(t, now) for t in tickets),
        ),
    )
