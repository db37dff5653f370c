"""Fault report (`fault_report_form`): a fault on streets or in parks becomes a case for
Gata och park. Fields: category, address, description, optional phone and email."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

import swedish
from actions.api_client import ApiClient, ApiError
from actions.content import load_content, localized
from actions.deadlines import format_deadline
from actions.language import current_language
from actions.life_fields import (
    parse_address,
    parse_category,
    parse_description,
    parse_optional_email,
    parse_optional_phone,
    parse_phone,
)
from actions.life_forms import (
    LIFE_EVENTS_FILE,
    CitizenAskCorrection,
    CitizenFormValidation,
    answer_to,
    forms_content,
    latest_intent,
    reads_one_of,
    reads_value,
    reset_events,
    skip_cleared,
    utter_summary,
)
from actions.tickets import CITIZEN_FORMS, create_ticket

FORM = "fault_report_form"
TOPIC = CITIZEN_FORMS[FORM]
FIELDS = ["category", "address", "description", "phone", "email"]
FORM_SLOTS = [*FIELDS, "fault_report_confirmed", "fault_report_correction"]


def fault_categories() -> dict[str, dict[str, Any]]:
    """Category id → {label, keywords} from the content pack."""
    event = load_content(LIFE_EVENTS_FILE)["events"][TOPIC]
    return dict(event["fault_categories"])


def category_keywords() -> dict[str, list[str]]:
    """Category id → the words that point to it (its labels count too)."""
    return {
        category: [*spec["keywords"], *spec["label"].values()]
        for category, spec in fault_categories().items()
    }


def guess_category(text: str) -> str | None:
    """A category named in a free-text message, but never the catch-all "other"."""
    return parse_category(text, category_keywords(), allow_other=False)


class ValidateFaultReportForm(CitizenFormValidation):
    """Extracts and validates the fault report's fields; see CitizenFormValidation."""

    form = FORM
    prefix = "fault_report"

    async def extract_category(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if tracker.get_slot("requested_slot") is None and tracker.get_slot("category") is None:
            # The message that started the form often names the fault ("gatlampan …").
            guess = guess_category(str(tracker.latest_message.get("text") or ""))
            return {"category": guess} if guess else {}
        # a button sends the category id, which the NLU may read as anything
        text = answer_to(tracker, "category", reads_one_of(fault_categories()))
        return {"category": text} if text else {}

    async def extract_address(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = answer_to(tracker, "address", reads_value(parse_address))
        return {"address": text} if text else {}

    async def extract_description(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = answer_to(tracker, "description")
        return {"description": text} if text else {}

    async def extract_phone(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = answer_to(tracker, "phone", reads_value(parse_phone))
        return {"phone": text} if text else {}

    async def extract_email(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = answer_to(tracker, "email", reads_value(parse_optional_email))
        return {"email": text} if text else {}

    async def extract_fault_report_confirmed(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self.confirm_answer(tracker)

    async def extract_fault_report_correction(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self.correction_answer(tracker)

    @skip_cleared
    def validate_category(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        category = parse_category(str(value or ""), category_keywords())
        if category is None:
            dispatcher.utter_message(response="utter_fault_report_invalid_category")
        return {"category": category}

    @skip_cleared
    def validate_address(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        address = parse_address(str(value or ""))
        if address is None:
            dispatcher.utter_message(response="utter_life_form_invalid_address")
        return {"address": address}

    @skip_cleared
    def validate_description(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        description = parse_description(str(value or ""))
        if description is None:
            dispatcher.utter_message(response="utter_fault_report_invalid_description")
        return {"description": description}

    @skip_cleared
    def validate_phone(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        phone = parse_optional_phone(str(value or ""), latest_intent(tracker))
        if phone is None:
            dispatcher.utter_message(response="utter_life_form_invalid_optional_phone")
        return {"phone": phone}

    @skip_cleared
    def validate_email(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        email = parse_optional_email(str(value or ""), latest_intent(tracker))
        if email is None:
            dispatcher.utter_message(response="utter_life_form_invalid_email")
        return {"email": email}

    @skip_cleared
    def validate_fault_report_confirmed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self.confirm(value, dispatcher, tracker)

    @skip_cleared
    def validate_fault_report_correction(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self.correct(value, dispatcher, tracker)


def display_values(tracker: Tracker) -> dict[str, Any]:
    """The fault report as the user should see it in the summary."""
    lang = current_language(tracker)
    category = tracker.get_slot("category")
    spec = fault_categories().get(str(category))
    phone = tracker.get_slot("phone")
    return {
        "category": localized(spec["label"], lang) if spec else category,
        "address": tracker.get_slot("address"),
        "description": tracker.get_slot("description"),
        "phone": swedish.format_phone(phone) if phone else phone,
        "email": tracker.get_slot("email"),
    }


class ActionAskFaultReportCategory(Action):
    """Asks what the fault is about, one button per category of the content pack."""

    def name(self) -> str:
        return "action_ask_fault_report_form_category"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(
            response="utter_ask_fault_report_form_category",
            buttons=category_buttons(current_language(tracker)),
        )
        return []


def category_buttons(lang: str) -> list[dict[str, str]]:
    """The categories' labels in `lang`; the payload is the category id itself."""
    return [
        {"title": str(localized(spec["label"], lang)), "payload": category}
        for category, spec in fault_categories().items()
    ]


class ActionAskFaultReportCorrection(CitizenAskCorrection):
    """Asks which field to change; the buttons are the summary's labels."""

    form = FORM
    prefix = "fault_report"


class ActionAskFaultReportConfirmed(Action):
    """Shows the summary and asks whether to send it."""

    def name(self) -> str:
        return "action_ask_fault_report_confirmed"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        utter_summary(
            dispatcher, tracker, FORM, display_values(tracker), "utter_fault_report_summary"
        )
        return []


def ticket_fields(tracker: Tracker) -> dict[str, Any]:
    """The case fields with their product names; optional ones only when given."""
    fields = {name: tracker.get_slot(name) for name in FIELDS}
    return {name: value for name, value in fields.items() if value not in (None, "")}


class ActionSubmitFaultReport(Action):
    """Sends the confirmed fault report to Gata och park and tells the reference."""

    def name(self) -> str:
        return "action_submit_fault_report"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        email = tracker.get_slot("email") or None
        try:
            ticket = await create_ticket(
                ApiClient.from_env(),
                tracker,
                queue=forms_content()[FORM]["queue"],
                topic=TOPIC,
                fields=ticket_fields(tracker),
                form_name=FORM,
                submit_action=self.name(),
                contact_email=email,
            )
        except ApiError:
            dispatcher.utter_message(response="utter_life_form_not_sent")
            return []
        dispatcher.utter_message(
            response="utter_life_case_created",
            reference=ticket.reference,
            secret=ticket.secret,
            queue_name=ticket.queue_name,
            due=format_deadline(ticket.first_response_due, current_language(tracker)),
        )
        # A finished form is no longer one to come back to with "fortsätt".
        return reset_events([*FORM_SLOTS, "interrupted_form"])
