"""Tell a citizen by e-mail that staff replied (SMTP, off unless SMTP_HOST is set).

The notice is sent after the reply is committed, never inside the database transaction (see
`api.services.replies.send_reply_notice`): a slow mail server must not hold the write lock,
and no mail may announce a reply that was then rolled back.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Protocol
from urllib.parse import quote

from api.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReplyNotice:
    """What the e-mail needs, copied out of the ORM objects so it can be sent after commit."""

    message_id: int
    reference: str
    to_address: str


class ReplyNotifier(Protocol):
    def send(self, notice: ReplyNotice) -> bool:
        """Send the notice; True when it was handed to the mail system."""
        ...


def chat_link(public_base_url: str, reference: str) -> str:
    """The chat page that starts with the status question for `reference` (never the secret)."""
    return f"{public_base_url.rstrip('/')}/?ticket={quote(reference, safe='-')}"


class SmtpReplyNotifier:
    """Sends a short bilingual notice that a reply is waiting, with a link to the chat on the case.

    The reply itself is not in the mail: e-mail is not a protected channel, and a case officer's
    answer about care, money or health is personal data. It is read in the chat with the code.
    """

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    def send(self, notice: ReplyNotice) -> bool:
        settings = self._settings
        link = chat_link(settings.public_base_url, notice.reference)
        mail = EmailMessage()
        mail["From"] = settings.smtp_from
        mail["To"] = notice.to_address
        mail["Subject"] = f"Svar på ditt ärende {notice.reference} / Reply to {notice.reference}"
        mail.set_content(
            f"Hej!\n\nDu har fått svar på ditt ärende {notice.reference}.\n\n"
            f"Läs svaret i chatten: {link}\n"
            "Du behöver koden du fick när ärendet skapades.\n\n"
            f"---\nYou have a reply to your case {notice.reference}.\n"
            f"Open the chat with the case: {link}\n"
            "You need the code you were given when the case was created.\n"
        )
        try:
            with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=10) as smtp:
                if settings.smtp_starttls:
                    smtp.starttls()
                if settings.smtp_username:
                    smtp.login(settings.smtp_username, settings.smtp_password.get_secret_value())
                smtp.send_message(mail)
        except (OSError, smtplib.SMTPException) as exc:
            # No address, text or server answer in the log: they can hold personal data.
            log.warning(
                "reply e-mail for message %s failed: %s", notice.message_id, type(exc).__name__
            )
            return False
        return True


def build_notifier(settings: Settings) -> ReplyNotifier | None:
    """The SMTP notifier when SMTP_HOST is set, else None (e-mail off)."""
    return SmtpReplyNotifier(settings) if settings.smtp_host else None
