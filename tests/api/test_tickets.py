from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.models import AuditLogEntry, Conversation, Message, Outage, Ticket
from api.schemas.tickets import TicketCreate
from api.services.replies import add_staff_reply
from api.services.sla import due_after
from api.services.tickets import create_ticket as create_ticket_service
from tests.api.factories import create_ticket, demo_staff, ticket_body, ticket_by_reference

YEAR = datetime.now(UTC).year


def test_create_returns_reference_secret_and_sla_from_the_queue(
    client: TestClient, bot_headers: dict[str, str], db_session: Session
) -> None:
    before = datetime.now(UTC)
    body = create_ticket(client, bot_headers, "k1", "sess1")
    assert re.fullmatch(rf"IT-{YEAR}-\d{{6}}", body["reference"])
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{10}", body["secret"])
    assert (body["status"], body["queue"], body["queue_name"]) == (
        "new",
        "it_support",
        "IT-support",
    )
    assert body["sla_first_response_hours"] == 4
    first_due = datetime.fromisoformat(body["first_response_due"])
    resolution_due = datetime.fromisoformat(body["resolution_due"])
    ticket = ticket_by_reference(db_session, body["reference"])
    assert ticket.created_at >= before
    # Counted in IT support's opening hours (tests/api/test_sla.py checks the clock itself).
    opening_hours = ticket.queue.opening_hours
    assert first_due == due_after(ticket.created_at, 4, opening_hours)
    assert resolution_due == due_after(ticket.created_at, 24, opening_hours)
    assert first_due - ticket.created_at >= timedelta(hours=4)
    assert ticket.secret_hash != body["secret"]
    assert body["secret"] not in ticket.secret_hash


def test_retry_with_the_same_idempotency_key_returns_the_same_ticket(
    client: TestClient, bot_headers: dict[str, str], db_session: Session
) -> None:
    headers = {**bot_headers, "Idempotency-Key": "sess2:ticket_form:1"}
    first = client.post("/api/v1/tickets", json=ticket_body("sess2"), headers=headers)
    second = client.post("/api/v1/tickets", json=ticket_body("sess2"), headers=headers)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["reference"] == second.json()["reference"]
    count = db_session.scalar(
        select(func.count()).select_from(Ticket).where(Ticket.session_id == "sess2")
    )
    assert count == 1
    ticket = ticket_by_reference(db_session, first.json()["reference"])
    assert len(ticket.messages) == 2  # the transcript was not stored twice


def test_the_secret_from_the_latest_retry_is_the_one_that_works(
    client: TestClient, bot_headers: dict[str, str]
) -> None:
    headers = {**bot_headers, "Idempotency-Key": "sess3:form:1"}
    first = client.post("/api/v1/tickets", json=ticket_body("sess3"), headers=headers).json()
    second = client.post("/api/v1/tickets", json=ticket_body("sess3"), headers=headers).json()
    look_up = {"reference": second["reference"], "secret": second["secret"]}
    assert client.post("/api/v1/public/ticket-status", json=look_up).status_code == 200
    look_up["secret"] = first["secret"]
    assert client.post("/api/v1/public/ticket-status", json=look_up).status_code == 404


def test_same_key_from_another_session_is_a_conflict(
    client: TestClient, bot_headers: dict[str, str]
) -> None:
    create_ticket(client, bot_headers, "shared-key", "sessA")
    response = client.post(
        "/api/v1/tickets",
        json=ticket_body("sessB"),
        headers={**bot_headers, "Idempotency-Key": "shared-key"},
    )
    assert response.status_code == 409
    assert response.json()["error"] == "idempotency_conflict"


def test_references_count_up_per_prefix_and_year(
    client: TestClient, bot_headers: dict[str, str]
) -> None:
    it1 = create_ticket(client, bot_headers, "a", "s-a")["reference"]
    it2 = create_ticket(client, bot_headers, "b", "s-b")["reference"]
    mk1 = create_ticket(client, bot_headers, "c", "s-c", queue="contact_centre")["reference"]
    n1 = int(it1.rsplit("-", 1)[1])
    assert it2 == f"IT-{YEAR}-{n1 + 1:06d}"
    assert re.fullmatch(rf"MK-{YEAR}-\d{{6}}", mk1)


def test_a_new_year_starts_the_sequence_again(db_session: Session) -> None:
    data = TicketCreate.model_validate(ticket_body("s-year"))
    next_year = datetime(YEAR + 5, 1, 1, 9, 0, tzinfo=UTC)
    first = create_ticket_service(db_session, data, "y1", now=next_year).ticket
    second = create_ticket_service(db_session, data, "y2", now=next_year).ticket
    assert (first.reference, second.reference) == (
        f"IT-{YEAR + 5}-000001",
        f"IT-{YEAR + 5}-000002",
    )


def test_transcript_fields_audit_and_handoff_are_recorded(
    client: TestClient, bot_headers: dict[str, str], db_session: Session
) -> None:
    body = create_ticket(
        client, bot_headers, "k-rec", "sess-rec", contact_email="anna@example.se", priority="high"
    )
    ticket = ticket_by_reference(db_session, body["reference"])
    assert [(m.role.value, m.text) for m in ticket.messages] == [
        ("user", "Skrivaren fungerar inte"),
        ("bot", "Jag skapar ett ärende."),
    ]
    assert ticket.messages[0].created_at == datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
    assert ticket.fields == {"location": "Stadshuset plan 3", "printer": "HP-3F"}
    assert (ticket.priority.value, ticket.contact_email) == ("high", "anna@example.se")
    actions = db_session.scalars(
        select(AuditLogEntry.action).where(AuditLogEntry.ticket_id == ticket.id)
    ).all()
    assert actions == ["ticket.created"]
    conversation = db_session.scalars(
        select(Conversation).where(Conversation.session_id == "sess-rec")
    ).one()
    assert conversation.ticket_created is True
    assert conversation.handed_off_at is not None


def test_unknown_queue_is_rejected(client: TestClient, bot_headers: dict[str, str]) -> None:
    response = client.post(
        "/api/v1/tickets",
        json=ticket_body("s", queue="no_such_queue"),
        headers={**bot_headers, "Idempotency-Key": "q"},
    )
    assert response.status_code == 422
    assert response.json()["error"] == "unknown_queue"


@pytest.mark.parametrize("authorization", [None, "Bearer wrong", "Basic dGVzdA=="])
def test_bot_routes_need_the_service_token(client: TestClient, authorization: str | None) -> None:
    headers = {"Idempotency-Key": "x"}
    if authorization:
        headers["Authorization"] = authorization
    requests = [
        client.post("/api/v1/tickets", json=ticket_body("s"), headers=headers),
        client.get("/api/v1/tickets/IT-2026-000001/status?session_id=s", headers=headers),
        client.post("/api/v1/sessions/s/replies/deliver", headers=headers),
        client.post("/api/v1/directory/verifications", json={"employee_id": "E1"}, headers=headers),
    ]
    assert [r.status_code for r in requests] == [401, 401, 401, 401]
    assert requests[0].json() == {"detail": "Missing or wrong credentials", "error": "unauthorized"}


def test_status_for_the_owning_session(
    client: TestClient, bot_headers: dict[str, str], db_session: Session
) -> None:
    reference = create_ticket(client, bot_headers, "k-st", "owner")["reference"]
    response = client.get(
        f"/api/v1/tickets/{reference}/status", params={"session_id": "owner"}, headers=bot_headers
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["reference"], body["status"], body["queue_name"]) == (
        reference,
        "new",
        "IT-support",
    )
    assert body["last_staff_reply"] is None

    ticket = ticket_by_reference(db_session, reference)
    add_staff_reply(db_session, ticket, demo_staff(db_session), "Vi tittar på det i dag.")
    db_session.commit()
    body = client.get(
        f"/api/v1/tickets/{reference}/status", params={"session_id": "owner"}, headers=bot_headers
    ).json()
    assert body["last_staff_reply"]["text"] == "Vi tittar på det i dag."


def test_status_for_another_session_looks_like_an_unknown_reference(
    client: TestClient, bot_headers: dict[str, str]
) -> None:
    reference = create_ticket(client, bot_headers, "k-other", "owner2")["reference"]
    other = client.get(
        f"/api/v1/tickets/{reference}/status",
        params={"session_id": "intruder"},
        headers=bot_headers,
    )
    unknown = client.get(
        "/api/v1/tickets/IT-1999-999999/status",
        params={"session_id": "owner2"},
        headers=bot_headers,
    )
    assert other.status_code == unknown.status_code == 404
    assert other.json() == unknown.json()


def test_deliver_returns_pending_replies_once(
    client: TestClient, bot_headers: dict[str, str], db_session: Session
) -> None:
    reference = create_ticket(client, bot_headers, "k-del", "sess-del")["reference"]
    ticket = ticket_by_reference(db_session, reference)
    add_staff_reply(db_session, ticket, demo_staff(db_session), "Första svaret")
    add_staff_reply(db_session, ticket, demo_staff(db_session), "Andra svaret")
    db_session.commit()
    url = "/api/v1/sessions/sess-del/replies/deliver"
    delivered = client.post(url, headers=bot_headers).json()
    assert [(r["reference"], r["text"]) for r in delivered] == [
        (reference, "Första svaret"),
        (reference, "Andra svaret"),
    ]
    assert client.post(url, headers=bot_headers).json() == []
    assert all(m.delivered_at is not None for m in ticket.messages if m.role.value == "staff")


def test_outages_lists_only_active_ones_without_a_token(
    client: TestClient, db_session: Session
) -> None:
    db_session.add_all(
        [
            Outage(system="Visma", message="Lönesystemet ligger nere", active=True),
            Outage(system="VPN", message="Åtgärdat", active=False),
        ]
    )
    db_session.commit()
    body = client.get("/api/v1/outages").json()
    assert [(o["system"], o["active"]) for o in body] == [("Visma", True)]
    assert set(body[0]) == {"id", "system", "message", "started_at", "expected_end", "active"}


def test_audit_log_refuses_updates_and_deletes(
    client: TestClient, bot_headers: dict[str, str], db_session: Session
) -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    create_ticket(client, bot_headers, "k-audit", "sess-audit")
    for statement in ("UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"), db_session.begin_nested():
            db_session.execute(text(statement))


def test_staff_reply_sets_first_response_time_once(
    client: TestClient, bot_headers: dict[str, str], db_session: Session
) -> None:
    reference = create_ticket(client, bot_headers, "k-fr", "sess-fr")["reference"]
    ticket = ticket_by_reference(db_session, reference)
    first = add_staff_reply(db_session, ticket, demo_staff(db_session), "ett")
    add_staff_reply(db_session, ticket, demo_staff(db_session), "två")
    assert ticket.first_response_at == first.created_at
    staff_messages = db_session.scalars(
        select(Message).where(Message.ticket_id == ticket.id, Message.role == "staff")
    ).all()
    assert len(staff_messages) == 2


def test_contact_email_must_look_like_an_address(
    client: TestClient, bot_headers: dict[str, str]
) -> None:
    response = client.post(
        "/api/v1/tickets",
        json=ticket_body("s-mail", contact_email="inte en adress"),
        headers={**bot_headers, "Idempotency-Key": "mail"},
    )
    assert (response.status_code, response.json()["error"]) == (422, "invalid_request")
    assert response.json()["problems"][0]["loc"] == ["body", "contact_email"]
