"""Creating a ticket from a conversation: queue choice, collected fields, transcript, key."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from rasa_sdk import Tracker

import swedish
from actions.api_client import ApiClient, CreatedTicket, TicketRequest
from actions.language import current_language
from actions.transcript import HIDDEN_TEXT, SECRET_SLOTS, build_transcript

IT_QUEUE = "it_support"
DEFAULT_QUEUE = "contact_centre"
# Citizen forms and the topic a ticket from them (or a handoff in the middle) carries.
CITIZEN_FORMS = {"fault_report_form": "life_report_fault", "home_care_form": "life_elderly_care"}

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
# Shaped like a personnummer: 6 or 8 digits, an optional separator, 4 digits.
_PERSONAL_ID_SHAPE = re.compile(r"(?<![\d-])(?:\d{6}|\d{8})\s?[-+]?\s?\d{4}(?![\d-])")
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


def topic_intents(tracker: Tracker) -> list[str]:
    """Intents of the questions the user asked in this session, oldest first.

    Greetings, yes/no, handoff … are not topics, and neither is an answer typed into a form:
    a name or an address given to the home care form may be classified as anything.
    """
    topics: list[str] = []
    in_form = False
    for event in tracker.events:
        kind = event.get("event")
        if kind == "session_started":
            topics, in_form = [], False
        elif kind == "active_loop":
            in_form = bool(event.get("name"))
        elif kind == "user" and not in_form:
            name = (event.get("parse_data") or {}).get("intent", {}).get("name")
            if name and name not in GENERAL_INTENTS:
                topics.append(str(name))
    return topics


def conversation_topic(tracker: Tracker, default: str) -> str:
    """The latest question's topical intent (see `topic_intents`), else `default`."""
    topics = topic_intents(tracker)
    return topics[-1] if topics else default


def is_it_conversation(tracker: Tracker) -> bool:
    """True when an IT form is active, or else when the latest question was an IT one.

    Only the latest counts: a citizen whose first question was once misread as `it_*` and
    who then asked about a life event is not an IT case.
    """
    form = str(tracker.active_loop.get("name") or "")
    if form:
        return form.startswith("it_") or (
            form not in CITIZEN_FORMS and conversation_topic(tracker, "").startswith("it_")
        )
    return conversation_topic(tracker, "").startswith("it_")


def collected_fields(tracker: Tracker, only: Iterable[str] | None = None) -> dict[str, Any]:
    """Slots filled so far that describe the case (never codes or secrets).

    `only` limits them to one form's slots, so answers left from an earlier form stay out.
    """
    allowed = set(only) if only is not None else None
    return {
        name: value
        for name, value in tracker.slots.items()
        if value not in (None, "", "none")
        and name not in INTERNAL_SLOTS
        and name not in SECRET_SLOTS
        and (allowed is None or name in allowed)
    }


def hide_mistyped_personal_ids(events: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The events with every personnummer-shaped number in the user's messages hidden unless it
    is a valid one (those are masked by the transcript); the events themselves are not changed.

    `build_transcript` hides a wrong number only when it answers the `personal_id` question; one
    typed at the summary ("nej, det är 19420315-1231") is personal data too. A number that starts
    with 0 typed as the answer to a phone question is a phone number and stays.
    """
    result: list[dict[str, Any]] = []
    requested_slot: str | None = None
    for event in events:
        kind = event.get("event")
        if kind == "slot" and event.get("name") == "requested_slot":
            requested_slot = event.get("value")
        elif kind == "user" and event.get("text"):
            text = str(event["text"])
            hidden = _hide_unless_valid(text, is_phone_answer=requested_slot == "phone")
            if hidden != text:
                event = {**event, "text": hidden}
        result.append(event)
    return result


def _hide_unless_valid(text: str, *, is_phone_answer: bool) -> str:
    def hide(match: re.Match[str]) -> str:
        number = match.group(0)
        if swedish.find_personal_ids(number) or (is_phone_answer and number.startswith("0")):
            return number
        return HIDDEN_TEXT

    return _PERSONAL_ID_SHAPE.sub(hide, text)


def idempotency_key(tracker: Tracker, form_name: str, submit_action: str) -> str:
    """`<session_id>:<form name>:<n>`, n = 1 + earlier runs of `submit_action` that created a
    ticket — so a retry after a failure (API down, timeout) sends the same key again and the
    API returns the ticket if the failed try did reach it, instead of creating a duplicate.

    A run created a ticket when its answer carried the reference (`utter_message(reference=…)`;
    Rasa keeps a response's values in the bot event's metadata).
    """
    created = 0
    in_submit = False
    for event in tracker.events:
        kind = event.get("event")
        if kind == "action":
            in_submit = event.get("name") == submit_action
        elif in_submit and kind == "bot" and (event.get("metadata") or {}).get("reference"):
            created += 1
            in_submit = False
    return f"{tracker.sender_id}:{form_name}:{created + 1}"


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
    events: Iterable[dict[str, Any]] | None = None,
) -> CreatedTicket:
    """Create the ticket with the redacted transcript of this conversation.

    `events` replaces the tracker's events for the transcript (e.g. after
    `hide_mistyped_personal_ids`).
    """
    request = TicketRequest(
        queue=queue,
        topic=topic,
        session_id=tracker.sender_id,
        fields=fields,
        transcript=build_transcript(tracker.events if events is None else events),
        priority=priority if priority in ("low", "normal", "high") else "normal",
        channel=channel_of(tracker),
        lang=current_language(tracker),
        contact_email=contact_email,
    )
    return await client.create_ticket(request, idempotency_key(tracker, form_name, submit_action))
