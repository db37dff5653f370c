from __future__ import annotations

import smtplib
from email.message import EmailMessage
from typing import Any, ClassVar

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.models import Message, Ticket
from api.services import notify
from api.services.notify import SmtpReplyNotifier, build_notifier
from api.services.replies import add_staff_reply
from tests.api.conftest import make_settings
from tests.api.factories import create_ticket, demo_staff, ticket_by_reference


class RecordingNotifier:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def notify_staff_reply(self, ticket: Ticket, message: Message) -> bool:
        self.sent.append((ticket.reference, message.text))
        return True


def test_reply_is_emailed_when_the_user_left_an_address(
    client: TestClient, bot_headers: dict[str, str], db_session: Session
) -> None:
    with_mail = create_ticket(client, bot_headers, "n1", "s-n1", contact_email="a@example.se")
    without = create_ticket(client, bot_headers, "n2", "s-n2")
    notifier = RecordingNotifier()
    staff = demo_staff(db_session)
    emailed = add_staff_reply(
        db_session, ticket_by_reference(db_session, with_mail["reference"]), staff, "Svar", notifier
    )
    silent = add_staff_reply(
        db_session, ticket_by_reference(db_session, without["reference"]), staff, "Svar", notifier
    )
    assert notifier.sent == [(with_mail["reference"], "Svar")]
    assert emailed.emailed_at is not None
    assert silent.emailed_at is None


def test_email_is_off_without_smtp_host() -> None:
    assert build_notifier(make_settings("sqlite://")) is None
    assert isinstance(
        build_notifier(make_settings("sqlite://", smtp_host="mail")), SmtpReplyNotifier
    )


class FakeSMTP:
    sent: ClassVar[list[EmailMessage]] = []

    def __init__(self, host: str, port: int, timeout: float) -> None:
        self.host, self.port = host, port

    def __enter__(self) -> FakeSMTP:
        return self

    def __exit__(self, *_exc: Any) -> None:
        pass

    def starttls(self) -> None:
        pass

    def login(self, user: str, password: str) -> None:
        pass

    def send_message(self, message: EmailMessage) -> None:
        FakeSMTP.sent.append(message)


def test_smtp_notifier_sends_the_reference_and_reply(monkeypatch: pytest.MonkeyPatch) -> None:
    FakeSMTP.sent = []
    monkeypatch.setattr(notify.smtplib, "SMTP", FakeSMTP)
    notifier = SmtpReplyNotifier(make_settings("sqlite://", smtp_host="mail.example"))
    ticket = Ticket(reference="MK-2026-000007", contact_email="anna@example.se")
    assert notifier.notify_staff_reply(ticket, Message(text="Vi har åtgärdat det."))
    (mail,) = FakeSMTP.sent
    assert mail["To"] == "anna@example.se"
    assert "MK-2026-000007" in mail["Subject"]
    assert "Vi har åtgärdat det." in mail.get_content()


def test_smtp_failure_does_not_raise(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise smtplib.SMTPConnectError(421, "busy")

    monkeypatch.setattr(notify.smtplib, "SMTP", refuse)
    notifier = SmtpReplyNotifier(make_settings("sqlite://", smtp_host="mail.example"))
    ticket = Ticket(reference="MK-2026-000008", contact_email="anna@example.se")
    assert notifier.notify_staff_reply(ticket, Message(text="x")) is False
