"""Staff publish and close outage notices; the bot's public list follows."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import AuditLogEntry
from tests.api.test_staff_auth import bearer


def test_published_outage_is_listed_for_the_bot_until_closed(
    client: TestClient, db_session: Session
) -> None:
    headers = bearer(client)
    response = client.post(
        "/api/v1/staff/outages",
        json={"system": "Lönesystemet", "message": "Nere för underhåll."},
        headers=headers,
    )
    assert response.status_code == 201
    outage = response.json()
    assert outage["active"] is True
    assert any(o["id"] == outage["id"] for o in client.get("/api/v1/outages").json())

    closed = client.post(f"/api/v1/staff/outages/{outage['id']}/close", headers=headers)
    assert closed.status_code == 200
    assert closed.json()["active"] is False
    assert all(o["id"] != outage["id"] for o in client.get("/api/v1/outages").json())
    listed = client.get(
        "/api/v1/staff/outages", params={"include_closed": True}, headers=headers
    ).json()
    assert any(o["id"] == outage["id"] and not o["active"] for o in listed)

    actions = db_session.scalars(
        select(AuditLogEntry.action).where(AuditLogEntry.action.like("outage.%"))
    ).all()
    assert actions == ["outage.published", "outage.closed"]


def test_closing_an_unknown_outage_is_404(client: TestClient) -> None:
    response = client.post("/api/v1/staff/outages/999999/close", headers=bearer(client))
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
