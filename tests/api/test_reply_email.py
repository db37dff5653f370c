"""Reply e-mails through the real wiring: settings from the environment, the app factory, the
staff API and the /staff form, with `smtplib.SMTP` replaced by a recorder.

These tests use an app of their own on a fresh SQLite file and no session override, so the
app's own commits are real: the recorder can check from another connection that the reply
was committed, and the write lock released, before any mail went out.
"""

from __future__ import annotations

import logging
import smtplib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import Settings
from tests.api.conftest import BOT_TOKEN, RASA_TOKEN
from tests.api.factories import create_ticket
from tests.api.test_staff_auth import bearer, cookie_login

PUBLIC_URL = "https://chatt.mittkoping.example"
ADDRESS = "anna.andersson@example.se"


@dataclass
class MailServer:
    """What the replaced `smtplib.SMTP` saw, and the database as it was at send time."""

    database: Path
    sent: list[EmailMessage] = field(default_factory=list)
    committed_at_send: list[bool] = field(default_factory=list)
    unlocked_at_send: list[bool] = field(default_factory=list)
    refuse: bool = False

    def look_at_database(self, reference: str) -> None:
        connection = sqlite3.connect(self.database, timeout=0, isolation_level=None)
        try:
            count = connection.execute(
                "SELECT count(*) FROM message JOIN ticket ON ticket.id = message.ticket_id"
                " WHERE ticket.reference = ? AND lower(message.role) = 'staff'",
                (reference,),
            ).fetchone()[0]
            self.committed_at_send.append(count == 1)
            try:
                connection.execute("BEGIN IMMEDIATE")
                connection.execute("ROLLBACK")
                self.unlocked_at_send.append(True)
            except sqlite3.OperationalError:  # "database is locked": a writer holds it
                self.unlocked_at_send.append(False)
        finally:
            connection.close()


@pytest.fixture
def mail_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[TestClient, MailServer]]:
    database = tmp_path / "mail.db"
    server = MailServer(database=database)

    class RecordingSMTP:
        def __init__(self, host: str, port: int, timeout: float) -> None:
            assert (host, port) == ("mail.example", 2525)
            if server.refuse:
                raise smtplib.SMTPConnectError(421, f"busy, cannot take mail for {ADDRESS}")

        def __enter__(self) -> RecordingSMTP:
            return self

        def __exit__(self, *_exc: Any) -> None:
            pass

        def starttls(self) -> None:
            pass

        def login(self, user: str, password: str) -> None:
            pass

        def send_message(self, message: EmailMessage) -> None:
            reference = str(message["Subject"]).split()[4]  # "Svar på ditt ärende <ref> / …"
            server.look_at_database(reference)
            server.sent.append(message)

    monkeypatch.setattr(smtplib, "SMTP", RecordingSMTP)
    for name, value in {
        "DATABASE_URL": f"sqlite:///{database}",
        "RASA_TOKEN": RASA_TOKEN,
        "BOT_SERVICE_TOKEN": BOT_TOKEN,
        "SESSION_SECRET": "test-session-secret",
        "DEMO_MODE": "true",
        "SMTP_HOST": "mail.example",
        "SMTP_PORT": "2525",
        "PUBLIC_BASE_URL": PUBLIC_URL,
    }.items():
        monkeypatch.setenv(name, value)
    app = create_app(Settings(_env_file=None))  # type: ignore[call-arg]
    with TestClient(app) as client:
        yield client, server


def emailed_at(database: Path, text: str) -> str | None:
    with sqlite3.connect(database) as connection:
        row = connection.execute(
            "SELECT emailed_at FROM message WHERE text = ?", (text,)
        ).fetchone()
    return None if row is None else row[0]


def test_api_reply_is_emailed_after_commit_with_a_link_to_the_chat(
    mail_app: tuple[TestClient, MailServer], bot_headers: dict[str, str]
) -> None:
    client, server = mail_app
    ticket = create_ticket(client, bot_headers, "mail-api", "sess-mail-api", contact_email=ADDRESS)
    reference = ticket["reference"]
    response = client.post(
        f"/api/v1/staff/tickets/{reference}/replies",
        json={"text": "Skrivaren är lagad."},
        headers=bearer(client),
    )
    assert response.status_code == 201
    (mail,) = server.sent
    assert mail["To"] == ADDRESS
    assert reference in mail["Subject"]
    body = mail.get_content()
    # The mail announces the reply; the text itself is read in the chat with the code.
    assert "Skrivaren är lagad." not in body
    assert f"{PUBLIC_URL}/?ticket={reference}" in body
    assert ticket["secret"] not in body
    assert server.committed_at_send == [True]
    assert server.unlocked_at_send == [True]
    assert emailed_at(server.database, "Skrivaren är lagad.") is not None


def test_staff_form_reply_is_emailed_too(
    mail_app: tuple[TestClient, MailServer], bot_headers: dict[str, str]
) -> None:
    client, server = mail_app
    reference = create_ticket(
        client, bot_headers, "mail-form", "sess-mail-form", contact_email=ADDRESS
    )["reference"]
    csrf = cookie_login(client)
    response = client.post(
        f"/staff/tickets/{reference}/reply",
        data={"csrf_token": csrf, "text": "Vi hör av oss i morgon."},
        follow_redirects=False,
    )
    assert response.status_code == 303
    (mail,) = server.sent
    assert mail["To"] == ADDRESS
    assert f"{PUBLIC_URL}/?ticket={reference}" in mail.get_content()
    assert server.committed_at_send == [True]
    assert server.unlocked_at_send == [True]


def test_no_mail_without_an_address(
    mail_app: tuple[TestClient, MailServer], bot_headers: dict[str, str]
) -> None:
    client, server = mail_app
    reference = create_ticket(client, bot_headers, "mail-none", "sess-mail-none")["reference"]
    response = client.post(
        f"/api/v1/staff/tickets/{reference}/replies",
        json={"text": "Inget mejl."},
        headers=bearer(client),
    )
    assert response.status_code == 201
    assert server.sent == []


def test_failed_mail_keeps_the_reply_and_logs_no_personal_data(
    mail_app: tuple[TestClient, MailServer],
    bot_headers: dict[str, str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    client, server = mail_app
    server.refuse = True
    reference = create_ticket(
        client, bot_headers, "mail-fail", "sess-mail-fail", contact_email=ADDRESS
    )["reference"]
    with caplog.at_level(logging.DEBUG):
        response = client.post(
            f"/api/v1/staff/tickets/{reference}/replies",
            json={"text": "Svar som inte går att mejla."},
            headers=bearer(client),
        )
    assert response.status_code == 201
    delivered = client.post("/api/v1/sessions/sess-mail-fail/replies/deliver", headers=bot_headers)
    assert [r["text"] for r in delivered.json()] == ["Svar som inte går att mejla."]
    assert emailed_at(server.database, "Svar som inte går att mejla.") is None
    failures = [r for r in caplog.records if "reply e-mail" in r.getMessage()]
    assert len(failures) == 1
    for record in caplog.records:
        text = record.getMessage() + str(record.exc_info or "")
        assert ADDRESS not in text
        assert "Svar som inte går att mejla." not in text
