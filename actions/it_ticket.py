"""The IT ticket form: validation (delegating to `it_fields`), confirm step, submit."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

import swedish
from actions import it_fields
from actions.api_client import ApiClient, ApiError
from actions.content import load_content, localized
from actions.deadlines import format_deadline
from actions.language import current_language
from actions.tickets import IT_QUEUE, create_ticket

FORM = "it_ticket_form"
NOT_GIVEN = "none"  # slot value for a contact detail the user chose not to give
EMPTY = "-"  # shown in the summary for a field that was not given
# Slots cleared after a submitted ticket; contact details stay for the next one.
CASE_SLOTS = (
    "category",
    "description",
    "location",
    "urgency",
    "ticket_confirmed",
    "it_topic",
    "system",
    "outage_match",
    "interrupted_form",
)


def required_ticket_slots(slots: dict[str, Any]) -> list[str]:
    """Fields this ticket needs: phone only without e-mail, location only where it matters."""
    required = ["category", "description", "reporter_name", "email"]
    if slots.get("email") == NOT_GIVEN:
        required.append("phone")
    if it_fields.needs_location(slots.get("category")):
        required.append("location")
    return [*required, "urgency", "ticket_confirmed"]


def ticket_fields(slots: dict[str, Any]) -> dict[str, str]:
    """The ticket's `fields` body: only what was given."""
    return {
        name: str(slots[name])
        for name in it_fields.TICKET_FIELDS
        if slots.get(name) not in (None, "", NOT_GIVEN)
    }


def _latest_intent(tracker: Tracker) -> str | None:
    return tracker.latest_message.get("intent", {}).get("name")


class ValidateItTicketForm(FormValidationAction):
    def name(self) -> str:
        return "validate_it_ticket_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        return required_ticket_slots(tracker.slots)

    async def validate_category(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        category = it_fields.parse_category(str(value or ""))
        if category is None:
            dispatcher.utter_message(response="utter_invalid_category")
        return {"category": category}

    async def validate_description(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        description = it_fields.parse_description(str(value or ""))
        if description is None:
            dispatcher.utter_message(response="utter_invalid_description")
        return {"description": description}

    async def validate_reporter_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        name = it_fields.parse_reporter_name(str(value or ""))
        if name is None:
            dispatcher.utter_message(response="utter_invalid_reporter_name")
        return {"reporter_name": name}

    async def validate_email(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = str(value or "")
        if text == NOT_GIVEN or it_fields.is_skip(text):
            return {"email": NOT_GIVEN}
        email = it_fields.parse_email(text)
        if email is not None:
            return {"email": email}
        phone = it_fields.parse_phone(text)
        if phone is not None:  # a phone number where we asked for e-mail: take it as contact
            return {"email": NOT_GIVEN, "phone": phone}
        dispatcher.utter_message(response="utter_invalid_email")
        return {"email": None}

    async def validate_phone(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        phone = it_fields.parse_phone(str(value or ""))
        if phone is None:
            dispatcher.utter_message(response="utter_invalid_phone")
        return {"phone": phone}

    async def validate_location(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"location": it_fields.parse_location(str(value or ""))}

    async def validate_urgency(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        urgency = it_fields.parse_urgency(str(value or ""))
        if urgency is None:
            dispatcher.utter_message(response="utter_invalid_urgency")
        return {"urgency": urgency}

    async def validate_ticket_confirmed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        intent = _latest_intent(tracker)
        if intent == "affirm":
            return {"ticket_confirmed": True}
        field = next(tracker.get_latest_entity_values("field"), None)
        if intent == "correct_field" or field:
            field = field if field in it_fields.TICKET_FIELDS else it_fields.parse_field(str(value))
            if field in it_fields.TICKET_FIELDS:
                # clear that one field: the form asks it again, then shows the summary again
                cleared = {field: None, "ticket_confirmed": None}
                if field == "email":
                    cleared["phone"] = None
                return cleared
        if intent in ("deny", "correct_field"):
            dispatcher.utter_message(response="utter_ask_which_field")
            return {"ticket_confirmed": None}
        dispatcher.utter_message(response="utter_invalid_ticket_confirmed")
        return {"ticket_confirmed": None}


class ActionAskTicketConfirmed(Action):
    """The confirm step: the whole ticket as a summary with send/change buttons."""

    def name(self) -> str:
        return "action_ask_ticket_confirmed"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        lang = current_language(tracker)
        labels = load_content("it_help.yml").get("field_labels", {})

        def label(group: str, value: Any) -> str:
            if value in (None, "", NOT_GIVEN):
                return EMPTY
            entry = labels.get(group, {}).get(value)
            return str(localized(entry, lang)) if entry else str(value)

        phone = tracker.get_slot("phone")
        dispatcher.utter_message(
            response="utter_ticket_summary",
            category=label("category", tracker.get_slot("category")),
            description=tracker.get_slot("description") or EMPTY,
            reporter_name=tracker.get_slot("reporter_name") or EMPTY,
            email=label("email", tracker.get_slot("email")),
            phone=swedish.format_phone(phone) if phone and phone != NOT_GIVEN else EMPTY,
            location=label("location", tracker.get_slot("location")),
            urgency=label("urgency", tracker.get_slot("urgency")),
        )
        return []


class ActionSubmitItTicket(Action):
    """Creates the IT ticket with the transcript and tells the reference."""

    def name(self) -> str:
        return "action_submit_it_ticket"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        slots = tracker.slots
        email = slots.get("email")
        try:
            ticket = await create_ticket(
                ApiClient.from_env(),
                tracker,
                queue=IT_QUEUE,
                topic=tracker.get_slot("it_topic") or "it_ticket",
                fields=ticket_fields(slots),
                form_name=FORM,
                submit_action=self.name(),
                priority=slots.get("urgency") or "normal",
                contact_email=email if email and email != NOT_GIVEN else None,
            )
        except ApiError:
            # keep the answers: the user can say "fortsätt" and try again later
            dispatcher.utter_message(response="utter_service_unavailable")
            return [SlotSet("ticket_confirmed", None), SlotSet("interrupted_form", FORM)]
        dispatcher.utter_message(
            response="utter_it_ticket_created",
            reference=ticket.reference,
            secret=ticket.secret,
            queue_name=ticket.queue_name,
            due=format_deadline(ticket.first_response_due, current_language(tracker)),
        )
        return [SlotSet(slot, None) for slot in CASE_SLOTS]
