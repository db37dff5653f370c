"""Creating a ticket from a conversation: queue choice, collected fields, transcript, key."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from actions.api_client import ApiClient, CreatedTicket, TicketRequest
from actions.language import current_language
from actions.transcript import SECRET_SLOTS, build_transcript

IT_QUEUE = "it_support"
DEFAULT_QUEUE = "contact_centre"

# Slots that steer the dialogue rather than describe the case.
INTERNAL_SLOTS = frozenset(
    {
        "lang",
        "requested_slot",
        "interrupted_form",
        "session_started_metadata",
        "verification_id",
        "verification_status",
        "directory_result",
        "masked_phone",
        "outage_match",
        "ticket_confirmed",
        "ticket_in_session",
        "it_topic",
        "correct_field",
        # citizen forms (issue 4): offer and confirm/correct steps
        "offered_form",
        "fault_report_confirmed",
        "fault_report_correction",
        "home_care_confirmed",
        "home_care_correction",
    }
)
GENERAL_INTENTS = frozenset(
    {
        "greet",
        "goodbye",
        "thanks",
        "bot_challenge",
        "affirm",
        "deny",
        "stop",
        "explain",
        "resume",
        "human_handoff",
        "ticket_status",
        "correct_field",
        "inform",
        "nlu_fallback",
    }
)


def user_intents(tracker: Tracker) -> list[str]:
    """Intent names of the user's messages, oldest first."""
    return [
        str(event.get("parse_data", {}).get("intent", {}).get("name"))
        for event in tracker.events
        if event.get("event") == "user"
        and event.get("parse_data", {}).get("intent", {}).get("name")
    ]


def conversation_topic(tracker: Tracker, default: str) -> str:
    """The latest topical intent (not greetings, yes/no, handoff …), else `default`."""
    topical = [name for name in user_intents(tracker) if name not in GENERAL_INTENTS]
    return topical[-1] if topical else default


def is_it_conversation(tracker: Tracker) -> bool:
    """True when the user talked about IT topics or an IT form was active."""
    if any(name.startswith("it_") for name in user_intents(tracker)):
        return True
    forms = (tracker.active_loop.get("name"), tracker.get_slot("interrupted_form"))
    return any(str(form or "").startswith("it_") for form in forms)


def collected_fields(tracker: Tracker) -> dict[str, Any]:
    """Slots filled so far that describe the case (never codes or secrets)."""
    return {
        name: value
        for name, value in tracker.slots.items()
        if value not in (None, "", "none")
        and name not in INTERNAL_SLOTS
        and name not in SECRET_SLOTS
    }


def idempotency_key(tracker: Tracker, form_name: str, submit_action: str) -> str:
    """`<session_id>:<form name>:<n-th submit>` — stable when the same submit is retried."""
    previous = sum(
        1
        for event in tracker.events
        if event.get("event") == "action" and event.get("name") == submit_action
    )
    return f"{tracker.sender_id}:{form_name}:{previous + 1}"


def channel_of(tracker: Tracker) -> str:
    """`chat`, `speech` or `api`, from the metadata the gateway sends (default chat)."""
    metadata = tracker.latest_message.get("metadata") or {}
    channel = str(metadata.get("channel") or "chat")
    return channel if channel in ("chat", "speech", "api") else "chat"


async def create_ticket(
    client: ApiClient,
    tracker: Tracker,
    *,
    queue: str,
    topic: str,
    fields: dict[str, Any],
    form_name: str,
    submit_action: str,
    priority: str = "normal",
    contact_email: str | None = None,
) -> CreatedTicket:
    """Create the ticket with the redacted transcript of this conversation."""
    request = TicketRequest(
        queue=queue,
        topic=topic,
        session_id=tracker.sender_id,
        fields=fields,
        transcript=build_transcript(tracker.events),
        priority=priority if priority in ("low", "normal", "high") else "normal",
        channel=channel_of(tracker),
        lang=current_language(tracker),
        contact_email=contact_email,
    )
    return await client.create_ticket(request, idempotency_key(tracker, form_name, submit_action))
