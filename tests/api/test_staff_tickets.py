"""Staff ticket API: queue scoping on every id route, filters, and what each action changes."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import AuditLogEntry, utcnow
from api.services.sla import due_after
from tests.api.factories import create_ticket, ticket_by_reference
from tests.api.test_staff_auth import bearer

IT_AGENT = ("it@mittkoping.example", "demo-agent-2026")
MK_AGENT = ("kontaktcenter@mittkoping.example", "demo-agent-2026")
ADMIN = ("admin@mittkoping.example", "demo-admin-2026")

# Every staff route that takes a ticket reference, with a valid body. The test below checks
# this list against the app's routes, so a new id route cannot be left out.
ID_ROUTES: list[tuple[str, str, dict[str, Any] | None]] = [
    ("GET", "/api/v1/staff/tickets/{reference}", None),
    ("POST", "/api/v1/staff/tickets/{reference}/claim", None),
    ("POST", "/api/v1/staff/tickets/{reference}/replies", {"text": "Hej"}),
    ("POST", "/api/v1/staff/tickets/{reference}/notes", {"text": "Notering"}),
    ("PATCH", "/api/v1/staff/tickets/{reference}", {"priority": "high"}),
    ("POST", "/api/v1/staff/tickets/{reference}/status", {"status": "resolved"}),
    ("POST", "/api/v1/staff/tickets/{reference}/personal-id", None),
]


def it_ticket(client: TestClient, bot_headers: dict[str, str], key: str, **overrides: Any) -> str:
    fields = {"personal_id": "19420315-1238", "printer": "HP-3F"}
    body = create_ticket(client, bot_headers, key, f"sess-{key}", fields=fields, **overrides)
    return str(body["reference"])


def mk_ticket(client: TestClient, bot_headers: dict[str, str], key: str) -> str:
    body = create_ticket(
        client, bot_headers, key, f"sess-{key}", queue="contact_centre", topic="moving"
    )
    return str(body["reference"])


def audit_actions(db_session: Session, reference: str) -> list[str]:
    ticket = ticket_by_reference(db_session, reference)
    rows = db_session.scalars(
        select(AuditLogEntry.action)
        .where(AuditLogEntry.ticket_id == ticket.id)
        .order_by(AuditLogEntry.id)
    )
    return list(rows)


def test_id_route_list_covers_every_staff_route_with_a_reference(client: TestClient) -> None:
    paths = client.app.openapi()["paths"]  # type: ignore[attr-defined]
    documented = {
        (method.upper(), path)
        for path, operations in paths.items()
        if path.startswith("/api/v1/staff/") and "{reference}" in path
        for method in operations
    }
    assert documented == {(method, path) for method, path, _ in ID_ROUTES}


@pytest.mark.parametrize(
    ("method", "path", "body"), ID_ROUTES, ids=[f"{m} {p}" for m, p, _ in ID_ROUTES]
)
def test_another_queues_ticket_answers_404_like_an_unknown_one(
    client: TestClient,
    bot_headers: dict[str, str],
    db_session: Session,
    method: str,
    path: str,
    body: dict[str, Any] | None,
) -> None:
    other = mk_ticket(client, bot_headers, "scope-mk")
    headers = bearer(client, *IT_AGENT)
    hidden = client.request(method, path.format(reference=other), json=body, headers=headers)
    unknown = client.request(
        method, path.format(reference="MK-2026-999999"), json=body, headers=headers
    )
    assert hidden.status_code == unknown.status_code == 404
    assert hidden.json() == unknown.json()
    assert audit_actions(db_session, other) == ["ticket.created"]  # nothing happened
    # The agent of that queue gets past the scope check on the same route.
    allowed = client.request(
        method, path.format(reference=other), json=body, headers=bearer(client, *MK_AGENT)
    )
    assert allowed.status_code in (200, 201)


def test_other_queues_ticket_page_is_not_found_too(
    client: TestClient, bot_headers: dict[str, str]
) -> None:
    from tests.api.test_staff_auth import cookie_login

    other = mk_ticket(client, bot_headers, "scope-page")
    cookie_login(client)  # the IT agent
    assert client.get(f"/staff/tickets/{other}").status_code == 404


def test_agent_lists_only_their_queues_and_admin_sees_all(
    client: TestClient, bot_headers: dict[str, str]
) -> None:
    it_ref = it_ticket(client, bot_headers, "list-it")
    mk_ref = mk_ticket(client, bot_headers, "list-mk")
    agent = client.get("/api/v1/staff/tickets", headers=bearer(client, *IT_AGENT)).json()
    admin = client.get("/api/v1/staff/tickets", headers=bearer(client, *ADMIN)).json()
    assert {t["reference"] for t in agent} == {it_ref}
    assert {it_ref, mk_ref} <= {t["reference"] for t in admin}
    queues = client.get("/api/v1/staff/queues", headers=bearer(client, *IT_AGENT)).json()
    assert [q["id"] for q in queues] == ["it_support"]


def test_filters_by_queue_status_and_sla_breach(
    client: TestClient, bot_headers: dict[str, str], db_session: Session
) -> None:
    late = it_ticket(client, bot_headers, "sla-late")
    on_time = it_ticket(client, bot_headers, "sla-ok")
    mk_ref = mk_ticket(client, bot_headers, "sla-mk")
    ticket = ticket_by_reference(db_session, late)
    ticket.first_response_due = utcnow() - timedelta(minutes=5)
    db_session.flush()
    headers = bearer(client, *ADMIN)

    def refs(**params: Any) -> set[str]:
        response = client.get("/api/v1/staff/tickets", params=params, headers=headers)
        assert response.status_code == 200, response.text
        return {t["reference"] for t in response.json()}

    assert late in refs(sla_breached=True)
    assert on_time not in refs(sla_breached=True)
    assert on_time in refs(sla_breached=False)
    assert mk_ref not in refs(queue="it_support")
    assert mk_ref in refs(queue="contact_centre")
    client.post(
        f"/api/v1/staff/tickets/{on_time}/status", json={"status": "resolved"}, headers=headers
    )
    assert on_time in refs(status="resolved")
    assert on_time not in refs(status=["new", "open"])
    listed = client.get("/api/v1/staff/tickets", params={"queue": "it_support"}, headers=headers)
    late_row = next(t for t in listed.json() if t["reference"] == late)
    assert late_row["sla"]["first_response_breached"] is True
    assert late_row["sla"]["breached"] is True


def test_claim_assigns_opens_and_audits(
    client: TestClient, bot_headers: dict[str, str], db_session: Session
) -> None:
    reference = it_ticket(client, bot_headers, "claim")
    response = client.post(
        f"/api/v1/staff/tickets/{reference}/claim", headers=bearer(client, *IT_AGENT)
    )
    assert response.status_code == 200
    assert (response.json()["assignee"], response.json()["status"]) == ("Ivar IT", "open")
    assert audit_actions(db_session, reference)[-1] == "ticket.claimed"
    mine = client.get(
        "/api/v1/staff/tickets", params={"mine": True}, headers=bearer(client, *IT_AGENT)
    )
    assert [t["reference"] for t in mine.json()] == [reference]


def test_reply_reaches_the_users_chat_session_and_sets_first_response(
    client: TestClient, bot_headers: dict[str, str], db_session: Session
) -> None:
    reference = it_ticket(client, bot_headers, "reply")
    headers = bearer(client, *IT_AGENT)
    response = client.post(
        f"/api/v1/staff/tickets/{reference}/replies",
        json={"text": "Skrivaren är lagad."},
        headers=headers,
    )
    assert response.status_code == 201
    assert (response.json()["role"], response.json()["internal"]) == ("staff", False)
    assert ticket_by_reference(db_session, reference).first_response_at is not None
    assert audit_actions(db_session, reference)[-1] == "ticket.replied"
    delivered = client.post("/api/v1/sessions/sess-reply/replies/deliver", headers=bot_headers)
    assert [r["text"] for r in delivered.json()] == ["Skrivaren är lagad."]
    detail = client.get(f"/api/v1/staff/tickets/{reference}", headers=headers).json()
    assert detail["transcript"][-1]["delivered_at"] is not None


def test_internal_note_never_reaches_the_user(
    client: TestClient, bot_headers: dict[str, str], db_session: Session
) -> None:
    reference = it_ticket(client, bot_headers, "note")
    headers = bearer(client, *IT_AGENT)
    response = client.post(
        f"/api/v1/staff/tickets/{reference}/notes", json={"text": "Ring IT-drift"}, headers=headers
    )
    assert response.status_code == 201
    assert response.json()["internal"] is True
    assert (
        client.post("/api/v1/sessions/sess-note/replies/deliver", headers=bot_headers).json() == []
    )
    status = client.get(
        f"/api/v1/tickets/{reference}/status",
        params={"session_id": "sess-note"},
        headers=bot_headers,
    )
    assert status.json()["last_staff_reply"] is None
    detail = client.get(f"/api/v1/staff/tickets/{reference}", headers=headers).json()
    assert [n["text"] for n in detail["notes"]] == ["Ring IT-drift"]
    assert all(not m["internal"] for m in detail["transcript"])
    assert audit_actions(db_session, reference)[-1] == "ticket.note_added"


def test_change_priority_and_queue_moves_the_ticket_out_of_the_agents_sight(
    client: TestClient, bot_headers: dict[str, str], db_session: Session
) -> None:
    reference = it_ticket(client, bot_headers, "move")
    headers = bearer(client, *IT_AGENT)
    url = f"/api/v1/staff/tickets/{reference}"
    assert client.patch(url, json={"queue": "no_such_queue"}, headers=headers).status_code == 422
    response = client.patch(
        url, json={"priority": "high", "queue": "contact_centre"}, headers=headers
    )
    assert response.status_code == 200
    assert (response.json()["priority"], response.json()["queue"]) == ("high", "contact_centre")
    assert audit_actions(db_session, reference)[-2:] == [
        "ticket.priority_changed",
        "ticket.queue_changed",
    ]
    ticket = ticket_by_reference(db_session, reference)
    contact_centre = ticket.queue
    assert contact_centre.id == "contact_centre"
    assert ticket.first_response_due == due_after(
        ticket.created_at, 8, contact_centre.opening_hours
    )
    assert ticket.resolution_due == due_after(ticket.created_at, 72, contact_centre.opening_hours)
    assert client.get(url, headers=headers).status_code == 404
    assert client.get(url, headers=bearer(client, *MK_AGENT)).status_code == 200


def test_resolve_stamps_the_time_and_a_closed_ticket_takes_no_more_replies(
    client: TestClient, bot_headers: dict[str, str], db_session: Session
) -> None:
    reference = it_ticket(client, bot_headers, "close")
    headers = bearer(client, *IT_AGENT)
    url = f"/api/v1/staff/tickets/{reference}"
    resolved = client.post(f"{url}/status", json={"status": "resolved"}, headers=headers)
    assert resolved.json()["status"] == "resolved"
    assert resolved.json()["sla"]["resolved_at"] is not None
    assert (
        client.post(f"{url}/status", json={"status": "closed"}, headers=headers).status_code == 200
    )
    late = client.post(f"{url}/replies", json={"text": "En sak till"}, headers=headers)
    assert late.status_code == 409
    assert late.json()["error"] == "ticket_closed"
    assert client.post(f"{url}/status", json={"status": "new"}, headers=headers).status_code == 422
    assert audit_actions(db_session, reference)[-2:] == ["ticket.status_changed"] * 2


def test_personnummer_is_masked_in_detail_and_revealing_it_is_audited(
    client: TestClient, bot_headers: dict[str, str], db_session: Session
) -> None:
    reference = it_ticket(client, bot_headers, "mask")
    headers = bearer(client, *IT_AGENT)
    detail = client.get(f"/api/v1/staff/tickets/{reference}", headers=headers).json()
    assert detail["fields"]["personal_id"] == "19420315-****"
    assert "19420315-1238" not in str(detail)
    assert "ticket.personal_id_revealed" not in audit_actions(db_session, reference)
    revealed = client.post(f"/api/v1/staff/tickets/{reference}/personal-id", headers=headers)
    assert revealed.json() == {"personal_id": "19420315-1238"}
    entry = db_session.scalars(
        select(AuditLogEntry).where(AuditLogEntry.action == "ticket.personal_id_revealed")
    ).one()
    assert entry.staff_user_id is not None
    assert "19420315" not in str(entry.detail)


def test_detail_has_fields_transcript_and_audit(
    client: TestClient, bot_headers: dict[str, str]
) -> None:
    reference = it_ticket(client, bot_headers, "detail")
    detail = client.get(
        f"/api/v1/staff/tickets/{reference}", headers=bearer(client, *IT_AGENT)
    ).json()
    assert detail["fields"]["printer"] == "HP-3F"
    assert [m["role"] for m in detail["transcript"]] == ["user", "bot"]
    assert [a["action"] for a in detail["audit"]] == ["ticket.created"]
    assert detail["queue_name"] == "IT-support"


def test_every_staff_route_needs_a_login(client: TestClient) -> None:
    paths = client.app.openapi()["paths"]  # type: ignore[attr-defined]
    for path, operations in paths.items():
        if not path.startswith("/api/v1/staff/") or path.endswith("/login"):
            continue
        url = path.replace("{reference}", "IT-2026-000001").replace("{outage_id}", "1")
        for method in operations:
            assert client.request(method.upper(), url).status_code == 401, (method, path)


def test_staff_operations_are_documented(client: TestClient) -> None:
    paths = client.app.openapi()["paths"]  # type: ignore[attr-defined]
    staff_ops = [
        (path, op)
        for path, ops in paths.items()
        if path.startswith("/api/v1/staff")
        for op in ops.values()
    ]
    assert len(staff_ops) >= 14
    for path, op in staff_ops:
        assert op.get("summary"), path
        success = (
            op["responses"].get("200") or op["responses"].get("201") or op["responses"].get("204")
        )
        assert success is not None, path


def test_detail_says_whether_the_user_left_an_address(
    client: TestClient, bot_headers: dict[str, str]
) -> None:
    with_email = it_ticket(client, bot_headers, "mail", contact_email="anna@example.se")
    without = it_ticket(client, bot_headers, "nomail")
    headers = bearer(client, *IT_AGENT)
    assert client.get(f"/api/v1/staff/tickets/{with_email}", headers=headers).json()[
        "has_contact_email"
    ]
    assert not client.get(f"/api/v1/staff/tickets/{without}", headers=headers).json()[
        "has_contact_email"
    ]


def test_reopening_a_resolved_ticket_clears_the_resolution_time(
    client: TestClient, bot_headers: dict[str, str], db_session: Session
) -> None:
    reference = it_ticket(client, bot_headers, "reopen")
    headers = bearer(client, *IT_AGENT)
    url = f"/api/v1/staff/tickets/{reference}"

    def resolution_breaches() -> int:
        stats = client.get("/api/v1/stats", headers=headers).json()
        return int(stats["sla_breaches"]["resolution"])

    def breached_refs() -> set[str]:
        listed = client.get("/api/v1/staff/tickets", params={"sla_breached": True}, headers=headers)
        return {t["reference"] for t in listed.json()}

    client.post(f"{url}/status", json={"status": "resolved"}, headers=headers)
    # Resolved in time two hours ago; the resolution due time has passed since.
    ticket = ticket_by_reference(db_session, reference)
    ticket.resolved_at = utcnow() - timedelta(hours=2)
    ticket.resolution_due = utcnow() - timedelta(hours=1)
    db_session.flush()
    before = resolution_breaches()
    assert reference not in breached_refs()

    for status in ("open", "pending"):
        reopened = client.post(f"{url}/status", json={"status": status}, headers=headers).json()
        assert reopened["status"] == status
        assert reopened["sla"]["resolved_at"] is None
        assert reopened["sla"]["resolution_breached"] is True
        assert reference in breached_refs()
        assert resolution_breaches() == before + 1
        client.post(f"{url}/status", json={"status": "resolved"}, headers=headers)
        assert ticket_by_reference(db_session, reference).resolved_at is not None


def test_a_closed_ticket_takes_no_notes(
    client: TestClient, bot_headers: dict[str, str], db_session: Session
) -> None:
    reference = it_ticket(client, bot_headers, "closed-note")
    headers = bearer(client, *IT_AGENT)
    url = f"/api/v1/staff/tickets/{reference}"
    client.post(f"{url}/status", json={"status": "closed"}, headers=headers)
    before = audit_actions(db_session, reference)
    note = client.post(f"{url}/notes", json={"text": "Efteråt"}, headers=headers)
    assert note.status_code == 409
    assert note.json() == {"detail": "The ticket is closed", "error": "ticket_closed"}
    assert client.get(url, headers=headers).json()["notes"] == []
    assert audit_actions(db_session, reference) == before
