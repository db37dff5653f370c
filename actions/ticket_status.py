"""`ticket_status`: status and staff replies for a reference the user may see.

A ticket from this chat session needs only the reference; any other ticket also needs its
secret. Unknown reference and wrong secret get the same answer, so nothing can be enumerated.
With the secret, the staff replies not yet delivered are shown (and marked delivered by the
API); the ticket's own session gets those from the chat gateway instead.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.api_client import (
    ApiClient,
    ApiError,
    DeliveredReply,
    NotFound,
    RateLimited,
    TicketStatus,
)
from actions.content import load_content, localized
from actions.language import current_language

logger = logging.getLogger(__name__)

FORM = "ticket_status_form"
REFERENCE_PATTERN = re.compile(r"\b([A-Za-z]{2})\s*-\s*(\d{4})\s*-\s*(\d{6})\b")
LOCAL_TIME = ZoneInfo("Europe/Stockholm")


def parse_reference(text: str | None) -> str | None:
    """`IT-2026-000123` found in free text, upper-cased; None when there is none."""
    match = REFERENCE_PATTERN.search(text or "")
    if not match:
        return None
    prefix, year, number = match.groups()
    return f"{prefix.upper()}-{year}-{number}"


def format_time(iso: str | None) -> str:
    """ISO-8601 timestamp as Swedish local time `2026-11-22 09:15`."""
    if not iso:
        return "-"
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    if moment.tzinfo is not None:
        moment = moment.astimezone(LOCAL_TIME)
    return moment.strftime("%Y-%m-%d %H:%M")


def status_label(status: str, lang: str) -> str:
    """The content pack's label for a ticket status, or the status id itself."""
    labels = load_content("it_help.yml").get("ticket_statuses", {})
    entry = labels.get(status)
    return str(localized(entry, lang)) if entry else status


class ValidateTicketStatusForm(FormValidationAction):
    def name(self) -> str:
        return "validate_ticket_status_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        if tracker.get_slot("ticket_in_session"):
            return ["ticket_reference"]
        return ["ticket_reference", "ticket_secret"]

    async def validate_ticket_reference(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        reference = parse_reference(str(value or ""))
        if reference is None:
            dispatcher.utter_message(response="utter_invalid_ticket_reference")
            return {"ticket_reference": None}
        try:
            await ApiClient.from_env().ticket_status(reference, tracker.sender_id)
        except ApiError:
            # not this session's ticket (or the API is down): ask for the secret as well
            return {"ticket_reference": reference, "ticket_in_session": False}
        return {"ticket_reference": reference, "ticket_in_session": True}

    async def validate_ticket_secret(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        secret = str(value or "").strip()
        return {"ticket_secret": secret or None}


class ActionShowTicketStatus(Action):
    def name(self) -> str:
        return "action_show_ticket_status"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        # A form paused for this look-up (a status question inside the IT ticket form) stays
        # resumable, with a hint after the answer; only the status form's own pause is over.
        paused_form = tracker.get_slot("interrupted_form")
        resumable = paused_form not in (None, FORM)
        events = [
            SlotSet("ticket_reference", None),
            SlotSet("ticket_secret", None),
            SlotSet("ticket_in_session", None),
        ]
        if not resumable:
            events.append(SlotSet("interrupted_form", None))
        status = await self._look_up(dispatcher, tracker)
        if status is not None:
            self._answer(dispatcher, tracker, status, await self._new_replies(tracker))
        if resumable:
            dispatcher.utter_message(response="utter_resume_hint")
        return events

    @staticmethod
    async def _look_up(dispatcher: CollectingDispatcher, tracker: Tracker) -> TicketStatus | None:
        reference = str(tracker.get_slot("ticket_reference"))
        client = ApiClient.from_env()
        try:
            if tracker.get_slot("ticket_in_session"):
                return await client.ticket_status(reference, tracker.sender_id)
            return await client.public_ticket_status(
                reference, tracker.get_slot("ticket_secret") or "", tracker.sender_id
            )
        except NotFound:
            dispatcher.utter_message(response="utter_ticket_not_found")
        except RateLimited:
            dispatcher.utter_message(response="utter_ticket_rate_limited")
        except ApiError:
            dispatcher.utter_message(response="utter_service_unavailable")
        return None

    @staticmethod
    async def _new_replies(tracker: Tracker) -> list[DeliveredReply]:
        """Undelivered staff replies of a ticket proven by its secret (marked delivered).

        The ticket's own session gets them from the chat gateway at every turn; this chat
        (another device, the reply e-mail's link) gets them here. A failure leaves them
        pending, and the answer shows the last reply as before.
        """
        if tracker.get_slot("ticket_in_session"):
            return []
        try:
            return await ApiClient.from_env().deliver_ticket_replies(
                str(tracker.get_slot("ticket_reference")),
                tracker.get_slot("ticket_secret") or "",
                tracker.sender_id,
            )
        except ApiError as exc:
            logger.warning("staff replies not delivered: %s", type(exc).__name__)
            return []

    def _answer(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        status: TicketStatus,
        replies: list[DeliveredReply],
    ) -> None:
        lang = current_language(tracker)
        dispatcher.utter_message(
            response="utter_ticket_status",
            reference=status.reference,
            queue_name=status.queue_name,
            status=status_label(status.status, lang),
            updated_at=format_time(status.updated_at),
        )
        for reply in replies:
            dispatcher.utter_message(
                response="utter_ticket_new_reply", text=reply.text, at=format_time(reply.at)
            )
        if replies:
            return
        if status.last_staff_reply:
            dispatcher.utter_message(
                response="utter_ticket_last_reply",
                text=status.last_staff_reply.text,
                at=format_time(status.last_staff_reply.at),
            )
        else:
            dispatcher.utter_message(response="utter_ticket_no_reply_yet")
