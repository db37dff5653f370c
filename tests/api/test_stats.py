from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.models import Conversation, ConversationTurn, Ticket, TicketStatus
from api.services.stats import compute_stats


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2030, month, day, hour, minute, tzinfo=UTC)


def add_conversation(
    session: Session,
    session_id: str,
    started: datetime,
    turns: list[tuple[str, float, bool]],
    *,
    handed_off: bool = False,
    ticket: bool = False,
) -> None:
    conversation = Conversation(
        session_id=session_id,
        started_at=started,
        last_turn_at=started,
        turn_count=len(turns),
        handed_off_at=started if handed_off or ticket else None,
        ticket_created=ticket,
    )
    session.add(conversation)
    for index, (topic, confidence, fallback) in enumerate(turns):
        session.add(
            ConversationTurn(
                conversation=conversation,
                topic=topic,
                confidence=confidence,
                is_fallback=fallback,
                created_at=started + timedelta(minutes=index),
            )
        )


def add_ticket(
    session: Session,
    reference: str,
    created: datetime,
    first_response: datetime | None = None,
    resolved: datetime | None = None,
) -> None:
    session.add(
        Ticket(
            reference=reference,
            secret_hash="0" * 64,
            queue_id="it_support",
            topic="it_printer",
            channel="chat",
            status=TicketStatus.RESOLVED if resolved else TicketStatus.NEW,
            session_id=None,
            fields={},
            first_response_due=created + timedelta(hours=4),
            resolution_due=created + timedelta(hours=24),
            first_response_at=first_response,
            resolved_at=resolved,
            created_at=created,
            updated_at=created,
        )
    )


@pytest.fixture
def seeded(db_session: Session) -> Session:
    """4 conversations and 4 tickets in 2030-03-01..02, one of each just outside."""
    add_conversation(
        db_session,
        "c1",
        at(1, 10),
        [("greet", 0.99, False), ("it_printer", 0.9, False), ("goodbye", 0.95, False)],
    )
    add_conversation(
        db_session,
        "c2",
        at(1, 11),
        [("it_password_reset", 0.8, False), ("nlu_fallback", 0.4, True)],
    )
    add_conversation(
        db_session,
        "c3",
        at(2, 9),
        [("it_printer", 0.3, True), ("human_handoff", 0.97, False)],
        handed_off=True,
    )
    add_conversation(db_session, "c4", at(2, 10), [("it_printer", 0.92, False)], ticket=True)
    add_conversation(db_session, "c5", at(5, 10), [("greet", 0.99, False)], ticket=True)

    add_ticket(db_session, "IT-2030-000001", at(1, 9), at(1, 9, 30), resolved=at(1, 15))
    add_ticket(db_session, "IT-2030-000002", at(1, 10), at(1, 16), resolved=at(3, 10))
    add_ticket(db_session, "IT-2030-000003", at(2, 8))
    add_ticket(db_session, "IT-2030-000004", at(2, 9), at(2, 10, 30))
    add_ticket(db_session, "IT-2030-000005", at(20, 9, month=2))  # outside, breached
    db_session.commit()
    return db_session


def test_stats_on_a_known_data_set(seeded: Session) -> None:
    stats = compute_stats(seeded, date(2030, 3, 1), date(2030, 3, 2), now=at(2, 13))
    assert stats.conversations == 4
    assert stats.turns == 8
    assert stats.tickets == 4
    assert stats.automation_rate == 0.5
    assert stats.handoff_rate == 0.5
    assert stats.fallback_rate == 0.25
    # Product topics only: greet, goodbye and nlu_fallback are not what anyone came for.
    assert [(t.topic, t.count) for t in stats.top_topics] == [
        ("it_printer", 3),
        ("human_handoff", 1),
        ("it_password_reset", 1),
    ]
    assert stats.topic_counts == stats.top_topics
    assert stats.median_first_response_minutes == 90.0
    assert (stats.sla_breaches.first_response, stats.sla_breaches.resolution) == (2, 1)


def test_topic_counts_cover_every_product_topic_beyond_the_top_ten(db_session: Session) -> None:
    product = [f"it_topic_{n:02d}" for n in range(11)] + ["life_moving_in", "out_of_scope"]
    turns = [(topic, 0.9, False) for topic in product for _ in range(2)]
    turns += [("ticket_status", 0.9, False)]  # the one the top ten leave out
    turns += [(t, 0.99, False) for t in ("greet", "affirm", "inform", "nlu_fallback", "lifeline")]
    add_conversation(db_session, "c-many", at(10, 9), turns)
    db_session.commit()
    stats = compute_stats(db_session, date(2030, 3, 10), date(2030, 3, 10), now=at(10, 13))
    counts = {t.topic: t.count for t in stats.topic_counts}
    assert counts == {**dict.fromkeys(product, 2), "ticket_status": 1}
    assert len(stats.top_topics) == 10
    assert "ticket_status" not in {t.topic for t in stats.top_topics}
    assert stats.turns == len(turns)  # the other intents still count as turns


def test_stats_of_an_empty_range_have_no_rates(seeded: Session) -> None:
    stats = compute_stats(seeded, date(2031, 1, 1), date(2031, 1, 31), now=at(2, 13))
    assert (stats.conversations, stats.turns, stats.tickets) == (0, 0, 0)
    assert (stats.automation_rate, stats.fallback_rate, stats.median_first_response_minutes) == (
        None,
        None,
        None,
    )


def test_a_single_day_range_includes_the_whole_day(seeded: Session) -> None:
    stats = compute_stats(seeded, date(2030, 3, 2), date(2030, 3, 2), now=at(2, 13))
    assert (stats.conversations, stats.turns, stats.tickets) == (2, 3, 2)
    assert stats.automation_rate == 0.0


def _staff_token(client: TestClient) -> str:
    response = client.post(
        "/api/v1/staff/login",
        json={"email": "admin@mittkoping.example", "password": "demo-admin-2026"},
    )
    assert response.status_code == 200, response.text
    token: str = response.json()["access_token"]
    return token


def test_stats_route_needs_staff_login_and_reads_the_range(
    client: TestClient, seeded: Session
) -> None:
    assert client.get("/api/v1/stats").status_code == 401
    headers = {"Authorization": f"Bearer {_staff_token(client)}"}
    response = client.get("/api/v1/stats?from=2030-03-01&to=2030-03-02", headers=headers)
    assert response.status_code == 200
    body = response.json()
    assert (body["conversations"], body["tickets"], body["automation_rate"]) == (4, 4, 0.5)
    assert body["top_topics"][0] == {"topic": "it_printer", "count": 3}
    bad = client.get("/api/v1/stats?from=2030-03-02&to=2030-03-01", headers=headers)
    assert (bad.status_code, bad.json()["error"]) == (422, "invalid_range")
