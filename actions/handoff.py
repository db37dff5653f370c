"""`action_handoff_to_human`: pass the conversation to staff as a ticket, at any point.

Queue: `it_support` inside an IT form or after an IT question, else `contact_centre` — also in
the middle of a citizen form (docs/ARCHITECTURE.md, "Rasa conventions"). Inside a form the
ticket carries that form's topic and the answers collected so far.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

import swedish
from actions.api_client import ApiClient, ApiError
from actions.deadlines import format_deadline
from actions.language import current_language
from actions.tickets import (
    CITIZEN_FORMS,
    DEFAULT_QUEUE,
    IT_QUEUE,
    collected_fields,
    conversation_topic,
    create_ticket,
    hide_mistyped_personal_ids,
    is_it_conversation,
)


class ActionHandoffToHuman(Action):
    """Creates a ticket with the transcript and what was collected; tells reference and SLA."""

    def name(self) -> str:
        return "action_handoff_to_human"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        queue = IT_QUEUE if is_it_conversation(tracker) else DEFAULT_QUEUE
        form = tracker.active_loop.get("name")
        topic = CITIZEN_FORMS.get(str(form)) or conversation_topic(tracker, "human_handoff")
        email = tracker.get_slot("email")
        try:
            ticket = await create_ticket(
                ApiClient.from_env(),
                tracker,
                queue=queue,
                topic=topic,
                fields=collected_fields(tracker, only=citizen_form_slots(domain, form)),
                form_name="handoff",
                submit_action=self.name(),
                priority=tracker.get_slot("urgency") or "normal",
                contact_email=email if email and swedish.is_valid_email(email) else None,
                events=hide_mistyped_personal_ids(tracker.events),
            )
        except ApiError:
            dispatcher.utter_message(response="utter_service_unavailable")
            return []
        dispatcher.utter_message(
            response="utter_handoff_created",
            queue_name=ticket.queue_name,
            reference=ticket.reference,
            secret=ticket.secret,
            due=format_deadline(ticket.first_response_due, current_language(tracker)),
        )
        return []


def citizen_form_slots(domain: dict[str, Any], form: str | None) -> list[str] | None:
    """The required slots of an active citizen form; None otherwise (then all slots count).

    A citizen may have left another form earlier ("avbryt" keeps its answers); the case
    officer gets only the answers of the application in progress.
    """
    spec = (domain.get("forms") or {}).get(form) if form in CITIZEN_FORMS else None
    if not isinstance(spec, dict):
        return None
    return [str(slot) for slot in spec.get("required_slots") or []]
