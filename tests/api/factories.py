"""Small builders for test data."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import StaffUser, Ticket


def ticket_body(session_id: str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "queue": "it_support",
        "topic": "it_printer",
        "channel": "chat",
        "session_id": session_id,
        "priority": "normal",
        "fields": {"location": "Stadshuset plan 3", "printer": "HP-3F"},
        "transcript": [
            {
                "role": "user",
                "text": "Skrivaren fungerar inte",
                "timestamp": "2026-11-22T08:00:00Z",
            },
            {"role": "bot", "text": "Jag skapar ett ärende.", "timestamp": "2026-11-22T08:00:02Z"},
        ],
        "lang": "sv",
    }
    body.update(overrides)
    return body


def create_ticket(
    client: TestClient, headers: dict[str, str], key: str, session_id: str, **overrides: Any
) -> dict[str, Any]:
    response = client.post(
        "/api/v1/tickets",
        json=ticket_body(session_id, **overrides),
        headers={**headers, "Idempotency-Key": key},
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def demo_staff(session: Session, email: str = "it@mittkoping.example") -> StaffUser:
    return session.scalars(select(StaffUser).where(StaffUser.email == email)).one()


def ticket_by_reference(session: Session, reference: str) -> Ticket:
    return session.scalars(select(Ticket).where(Ticket.reference == reference)).one()
