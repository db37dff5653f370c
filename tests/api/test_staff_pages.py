"""The /staff pages as HTML: escaping, headers, SLA state, form actions."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import AuditLogEntry
from api.routes.staff_pages import TICKET_ACTIONS
from tests.api.factories import create_ticket, ticket_by_reference
from tests.api.test_staff_auth import cookie_login


def test_user_text_is_escaped_on_the_ticket_page(
    client: TestClient, bot_headers: dict[str, str]
) -> None:
    transcript = [
        {"role": "user", "text": "<script>alert(1)</script>", "timestamp": "2026-11-22T08:00:00Z"}
    ]
    reference = create_ticket(client, bot_headers, "xss", "sess-xss", transcript=transcript)[
        "reference"
    ]
    cookie_login(client)
    page = client.get(f"/staff/tickets/{reference}")
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def test_staff_pages_are_not_cached_framed_or_open_to_foreign_scripts(client: TestClient) -> None:
    page = client.get("/staff")
    assert page.headers["cache-control"] == "no-store"
    assert page.headers["x-frame-options"] == "DENY"
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in client.get("/").headers["content-security-policy"]


def test_queue_page_lists_the_ticket_with_its_sla_state(
    client: TestClient, bot_headers: dict[str, str]
) -> None:
    reference = create_ticket(client, bot_headers, "page-list", "sess-pl")["reference"]
    cookie_login(client)
    page = client.get("/staff")
    assert f'href="/staff/tickets/{reference}"' in page.text
    assert "I tid" in page.text


def test_reply_form_posts_and_redirects_back_to_the_ticket(
    client: TestClient, bot_headers: dict[str, str]
) -> None:
    reference = create_ticket(client, bot_headers, "page-reply", "sess-pr")["reference"]
    csrf = cookie_login(client)
    response = client.post(
        f"/staff/tickets/{reference}/reply",
        data={"csrf_token": csrf, "text": "Hej från handläggaren"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/staff/tickets/{reference}?done=replied"
    delivered = client.post("/api/v1/sessions/sess-pr/replies/deliver", headers=bot_headers)
    assert [r["text"] for r in delivered.json()] == ["Hej från handläggaren"]


def test_unknown_form_action_changes_nothing(
    client: TestClient, bot_headers: dict[str, str]
) -> None:
    reference = create_ticket(client, bot_headers, "page-bad", "sess-pb")["reference"]
    csrf = cookie_login(client)
    page = client.post(f"/staff/tickets/{reference}/explode", data={"csrf_token": csrf})
    assert page.status_code == 404
    detail = client.get(f"/api/v1/staff/tickets/{reference}").json()
    assert [a["action"] for a in detail["audit"]] == ["ticket.created"]


def test_empty_reply_is_not_sent(client: TestClient, bot_headers: dict[str, str]) -> None:
    reference = create_ticket(client, bot_headers, "page-empty", "sess-pe")["reference"]
    csrf = cookie_login(client)
    page = client.post(f"/staff/tickets/{reference}/reply", data={"csrf_token": csrf, "text": "  "})
    assert page.status_code == 200
    assert "Fyll i texten först." in page.text
    assert 'role="alert"' in page.text
    assert client.post("/api/v1/sessions/sess-pe/replies/deliver", headers=bot_headers).json() == []


def test_queue_page_hides_resolved_tickets_unless_asked(
    client: TestClient, bot_headers: dict[str, str]
) -> None:
    reference = create_ticket(client, bot_headers, "page-done", "sess-pd")["reference"]
    csrf = cookie_login(client)
    client.post(
        f"/staff/tickets/{reference}/status", data={"csrf_token": csrf, "status": "resolved"}
    )
    link = f'href="/staff/tickets/{reference}"'
    assert link not in client.get("/staff").text
    assert link not in client.get("/staff", params={"status": ""}).text
    assert link in client.get("/staff", params={"status": "all"}).text
    assert link in client.get("/staff", params={"status": "resolved"}).text


PAGE_ACTIONS = {
    "claim": {},
    "reply": {"text": "Hej från fel kö"},
    "note": {"text": "Anteckning från fel kö"},
    "status": {"status": "resolved"},
    "change": {"priority": "high", "queue": "it_support"},
    "reveal": {},
}


def test_page_action_list_covers_every_form_action() -> None:
    assert set(PAGE_ACTIONS) == TICKET_ACTIONS


@pytest.mark.parametrize(("action", "form"), PAGE_ACTIONS.items(), ids=list(PAGE_ACTIONS))
def test_form_actions_on_another_queues_ticket_are_not_found_and_change_nothing(
    client: TestClient,
    bot_headers: dict[str, str],
    db_session: Session,
    action: str,
    form: dict[str, str],
) -> None:
    fields = {"personal_id": "19420315-1238"}
    other = create_ticket(
        client,
        bot_headers,
        f"page-mk-{action}",
        "sess-page-mk",
        queue="contact_centre",
        topic="moving",
        fields=fields,
    )["reference"]
    csrf = cookie_login(client)  # the IT agent: contact_centre is not theirs
    response = client.post(
        f"/staff/tickets/{other}/{action}",
        data={"csrf_token": csrf, **form},
        follow_redirects=False,
    )
    assert response.status_code == 404
    assert "19420315-1238" not in response.text
    ticket = ticket_by_reference(db_session, other)
    db_session.refresh(ticket)
    assert (ticket.status.value, ticket.priority.value, ticket.queue_id) == (
        "new",
        "normal",
        "contact_centre",
    )
    assert ticket.assignee_id is None
    assert [m.role.value for m in ticket.messages] == ["user", "bot"]
    actions = db_session.scalars(
        select(AuditLogEntry.action).where(AuditLogEntry.ticket_id == ticket.id)
    ).all()
    assert list(actions) == ["ticket.created"]


def test_queue_filter_outside_the_agents_queues_shows_nothing(
    client: TestClient, bot_headers: dict[str, str]
) -> None:
    other = create_ticket(
        client, bot_headers, "page-mk-list", "sess-mk-list", queue="contact_centre", topic="moving"
    )["reference"]
    cookie_login(client)
    listed = client.get("/api/v1/staff/tickets", params={"queue": "contact_centre"})
    assert listed.status_code == 200
    assert listed.json() == []
    page = client.get("/staff", params={"queue": "contact_centre", "status": "all"})
    assert page.status_code == 200
    assert other not in page.text
