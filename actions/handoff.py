"""`action_handoff_to_human`: pass the conversation to staff as a ticket, at any point."""

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
    DEFAULT_QUEUE,
    IT_QUEUE,
    collected_fields,
    conversation_topic,
    create_ticket,
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
        email = tracker.get_slot("email")
        try:
            ticket = await create_ticket(
                ApiClient.from_env(),
                tracker,
                queue=queue,
                topic=conversation_topic(tracker, default="human_handoff"),
                fields=collected_fields(tracker),
                form_name="handoff",
                submit_action=self.name(),
                priority=tracker.get_slot("urgency") or "normal",
                contact_email=email if email and swedish.is_valid_email(email) else None,
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
