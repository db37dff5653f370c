"""`POST /api/v1/tickets/{reference}/replies/deliver`: replies for a chat that proved the secret.

The chat opened from the reply e-mail's link runs in a new session; once the user gave the
ticket's code, the bot fetches the staff replies through this route.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import AuditLogEntry
from api.services.replies import add_staff_reply
from tests.api.factories import create_ticket, demo_staff, ticket_by_reference


def deliver(client: TestClient, headers: dict[str, str], reference: str, secret: str) -> Any:
    return client.post(
        f"/api/v1/tickets/{reference}/replies/deliver", json={"secret": secret}, headers=headers
    )


def test_replies_go_once_to_a_chat_that_proves_the_secret(
    client: TestClient, bot_headers: dict[str, str], db_session: Session
) -> None:
    created = create_ticket(client, bot_headers, "by-secret", "sess-origin")
    reference = created["reference"]
    ticket = ticket_by_reference(db_session, reference)
    add_staff_reply(db_session, ticket, demo_staff(db_session), "Första svaret")
    add_staff_reply(db_session, ticket, demo_staff(db_session), "Andra svaret")
    db_session.commit()
    headers = {**bot_headers, "X-Session-Id": "sess-from-email"}

    first = deliver(client, headers, reference.lower(), f" {created['secret']} ")
    assert first.status_code == 200
    assert [(r["reference"], r["text"]) for r in first.json()] == [
        (reference, "Första svaret"),
        (reference, "Andra svaret"),
    ]
    assert all(r["at"] for r in first.json())
    assert deliver(client, headers, reference, created["secret"]).json() == []
    # Delivered is delivered: the ticket's own session does not get them a second time.
    origin = client.post("/api/v1/sessions/sess-origin/replies/deliver", headers=bot_headers)
    assert origin.json() == []
    audit = db_session.scalars(
        select(AuditLogEntry).where(
            AuditLogEntry.ticket_id == ticket.id,
            AuditLogEntry.action == "ticket.replies_delivered",
        )
    ).all()
    assert [(a.actor, a.detail) for a in audit] == [("bot", {"count": 2, "by": "secret"})]


def test_wrong_secret_looks_like_an_unknown_reference_and_delivers_nothing(
    client: TestClient, bot_headers: dict[str, str], db_session: Session
) -> None:
    created = create_ticket(client, bot_headers, "by-secret-wrong", "sess-wrong")
    ticket = ticket_by_reference(db_session, created["reference"])
    add_staff_reply(db_session, ticket, demo_staff(db_session), "Svar")
    db_session.commit()
    wrong = deliver(client, bot_headers, created["reference"], "WRONG23456")
    unknown = deliver(client, bot_headers, "IT-1999-000001", "WRONG23456")
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.json() == unknown.json()
    kept = client.post("/api/v1/sessions/sess-wrong/replies/deliver", headers=bot_headers)
    assert [r["text"] for r in kept.json()] == ["Svar"]


def test_delivery_needs_the_bot_token(client: TestClient, bot_headers: dict[str, str]) -> None:
    created = create_ticket(client, bot_headers, "by-secret-token", "sess-token")
    response = deliver(client, {}, created["reference"], created["secret"])
    assert response.status_code == 401


@pytest.mark.parametrize("settings_overrides", [{"public_status_limit": 2}])
def test_delivery_shares_the_status_look_up_limit_per_chat_session(
    client: TestClient, bot_headers: dict[str, str], settings_overrides: dict[str, Any]
) -> None:
    chat_a = {**bot_headers, "X-Session-Id": "chat-a"}
    client.post(
        "/api/v1/public/ticket-status",
        json={"reference": "IT-1999-000001", "secret": "AAAAAAAAAA"},
        headers=chat_a,
    )
    codes = [deliver(client, chat_a, "IT-1999-000001", "AAAAAAAAAA").status_code for _ in range(2)]
    assert codes == [404, 429]
    assert deliver(client, chat_a, "IT-1999-000001", "AAAAAAAAAA").json()["error"] == "rate_limited"
    chat_b = {**bot_headers, "X-Session-Id": "chat-b"}
    assert deliver(client, chat_b, "IT-1999-000001", "AAAAAAAAAA").status_code == 404
