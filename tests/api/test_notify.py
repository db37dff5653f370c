"""The reply e-mail adapter on its own (the wiring is in test_reply_email.py)."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage
from typing import Any, ClassVar

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.services import notify
from api.services.notify import ReplyNotice, SmtpReplyNotifier, build_notifier, chat_link
from api.services.replies import add_staff_reply, reply_notice
from tests.api.conftest import make_settings
from tests.api.factories import create_ticket, demo_staff, ticket_by_reference


def test_notice_only_when_the_user_left_an_address(
    client: TestClient, bot_headers: dict[str, str], db_session: Session
) -> None:
    with_mail = create_ticket(client, bot_headers, "n1", "s-n1", contact_email="a@example.se")
    without = create_ticket(client, bot_headers, "n2", "s-n2")
    staff = demo_staff(db_session)
    ticket = ticket_by_reference(db_session, with_mail["reference"])
    message = add_staff_reply(db_session, ticket, staff, "Svar")
    assert reply_notice(ticket, message) == ReplyNotice(
        message_id=message.id,
        reference=with_mail["reference"],
        to_address="a@example.se",
    )
    silent_ticket = ticket_by_reference(db_session, without["reference"])
    silent = add_staff_reply(db_session, silent_ticket, staff, "Svar")
    assert reply_notice(silent_ticket, silent) is None


def test_email_is_off_without_smtp_host() -> None:
    assert build_notifier(make_settings("sqlite://")) is None
    assert isinstance(
        build_notifier(make_settings("sqlite://", smtp_host="mail")), SmtpReplyNotifier
    )


def test_chat_link_names_the_reference_only() -> None:
    assert chat_link("https://chatt.example/", "MK-2026-000007") == (
        "https://chatt.example/?ticket=MK-2026-000007"
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


NOTICE = ReplyNotice(
    message_id=7,
    reference="MK-2026-000007",
    to_address="anna@example.se",
)


def test_smtp_notifier_announces_the_reply_with_the_reference_and_chat_link(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    FakeSMTP.sent = []
    monkeypatch.setattr(notify.smtplib, "SMTP", FakeSMTP)
    settings = make_settings(
        "sqlite://", smtp_host="mail.example", public_base_url="https://chatt.example"
    )
    assert SmtpReplyNotifier(settings).send(NOTICE)
    (mail,) = FakeSMTP.sent
    assert mail["To"] == "anna@example.se"
    assert "MK-2026-000007" in mail["Subject"]
    assert "Du har fått svar på ditt ärende MK-2026-000007." in mail.get_content()
    assert "https://chatt.example/?ticket=MK-2026-000007" in mail.get_content()


def test_smtp_failure_does_not_raise(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise smtplib.SMTPConnectError(421, "busy")

    monkeypatch.setattr(notify.smtplib, "SMTP", refuse)
    notifier = SmtpReplyNotifier(make_settings("sqlite://", smtp_host="mail.example"))
    assert notifier.send(NOTICE) is False
