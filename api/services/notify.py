"""Tell a citizen by e-mail that staff replied (SMTP, off unless SMTP_HOST is set)."""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage
from typing import Protocol

from api.models import Message, Ticket
from api.settings import Settings

log = logging.getLogger(__name__)


class ReplyNotifier(Protocol):
    def notify_staff_reply(self, ticket: Ticket, message: Message) -> bool:
        """Send the notice; True when it was handed to the mail system."""
        ...


class SmtpReplyNotifier:
    """Sends a short bilingual notice with the reference; the reply itself stays in the chat."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    def notify_staff_reply(self, ticket: Ticket, message: Message) -> bool:
        if not ticket.contact_email:
            return False
        settings = self._settings
        mail = EmailMessage()
        mail["From"] = settings.smtp_from
        mail["To"] = ticket.contact_email
        mail["Subject"] = f"Svar på ditt ärende {ticket.reference} / Reply to {ticket.reference}"
        mail.set_content(
            f"Hej!\n\nDu har fått svar på ditt ärende {ticket.reference}:\n\n{message.text}\n\n"
            f"Du kan också se svaret i chatten: {settings.public_base_url}\n\n"
            f"---\nYou have a reply to your case {ticket.reference} (see above).\n"
        )
        try:
            with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=10) as smtp:
                if settings.smtp_starttls:
                    smtp.starttls()
                if settings.smtp_username:
                    smtp.login(settings.smtp_username, settings.smtp_password.get_secret_value())
                smtp.send_message(mail)
        except (OSError, smtplib.SMTPException) as exc:
            # No address in the log: it is personal data.
            log.warning("reply e-mail for %s failed: %s", ticket.reference, type(exc).__name__)
            return False
        return True


def build_notifier(settings: Settings) -> ReplyNotifier | None:
    """The SMTP notifier when SMTP_HOST is set, else None (e-mail off)."""
    return SmtpReplyNotifier(settings) if settings.smtp_host else None
