"""Home care application (`home_care_form`): becomes a case for Äldreomsorg.

Fields: applicant_name, personal_id, address, phone, on_behalf, needs. The personal id is
sensitive: it is only ever shown masked (`19420315-****`), never logged, and the transcript
sent with the case has it redacted (a mistyped one hidden, wherever it was typed);
`fields.personal_id` carries it for the case officer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

import swedish
from actions.api_client import ApiClient, ApiError
from actions.deadlines import format_deadline
from actions.language import current_language
from actions.life_fields import (
    parse_address,
    parse_description,
    parse_name,
    parse_on_behalf,
    parse_personal_id,
    parse_phone,
)
from actions.life_forms import (
    CitizenAskCorrection,
    CitizenFormValidation,
    answer_to,
    forms_content,
    latest_intent,
    reads_value,
    reset_events,
    skip_cleared,
    utter_summary,
)
from actions.tickets import CITIZEN_FORMS, create_ticket, hide_mistyped_personal_ids

FORM = "home_care_form"
TOPIC = CITIZEN_FORMS[FORM]
FIELDS = ["applicant_name", "personal_id", "address", "phone", "on_behalf", "needs"]
FORM_SLOTS = [*FIELDS, "home_care_confirmed", "home_care_correction"]


class ValidateHomeCareForm(CitizenFormValidation):
    """Extracts and validates the application's fields; see CitizenFormValidation."""

    form = FORM
    prefix = "home_care"

    @staticmethod
    def _answer(
        slot: str, tracker: Tracker, reads: Callable[[str], bool] | None = None
    ) -> dict[str, Any]:
        text = answer_to(tracker, slot, reads)
        return {slot: text} if text else {}

    async def extract_applicant_name(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._answer("applicant_name", tracker)

    async def extract_personal_id(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._answer("personal_id", tracker, reads_value(parse_personal_id))

    async def extract_address(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._answer("address", tracker, reads_value(parse_address))

    async def extract_phone(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._answer("phone", tracker, reads_value(parse_phone))

    async def extract_on_behalf(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        # "för min mamma?" still says for whom; the buttons send /affirm and /deny
        return self._answer("on_behalf", tracker, reads_value(parse_on_behalf))

    async def extract_needs(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._answer("needs", tracker)

    async def extract_home_care_confirmed(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self.confirm_answer(tracker)

    async def extract_home_care_correction(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self.correction_answer(tracker)

    @skip_cleared
    def validate_applicant_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        name = parse_name(str(value or ""))
        if name is None:
            dispatcher.utter_message(response="utter_home_care_invalid_name")
        return {"applicant_name": name}

    @skip_cleared
    def validate_personal_id(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        personal_id = parse_personal_id(str(value or ""))
        if personal_id is None:
            dispatcher.utter_message(response="utter_home_care_invalid_personal_id")
        return {"personal_id": personal_id}

    @skip_cleared
    def validate_address(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        address = parse_address(str(value or ""))
        if address is None:
            dispatcher.utter_message(response="utter_life_form_invalid_address")
        return {"address": address}

    @skip_cleared
    def validate_phone(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        phone = parse_phone(str(value or ""))
        if phone is None:
            dispatcher.utter_message(response="utter_home_care_invalid_phone")
        return {"phone": phone}

    @skip_cleared
    def validate_on_behalf(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if isinstance(value, bool):
            return {"on_behalf": value}
        on_behalf = parse_on_behalf(str(value or ""), latest_intent(tracker))
        if on_behalf is None:
            dispatcher.utter_message(response="utter_home_care_invalid_on_behalf")
        return {"on_behalf": on_behalf}

    @skip_cleared
    def validate_needs(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        needs = parse_description(str(value or ""))
        if needs is None:
            dispatcher.utter_message(response="utter_home_care_invalid_needs")
        return {"needs": needs}

    @skip_cleared
    def validate_home_care_confirmed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self.confirm(value, dispatcher, tracker)

    @skip_cleared
    def validate_home_care_correction(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self.correct(value, dispatcher, tracker)


def display_values(tracker: Tracker) -> dict[str, Any]:
    """The application as the user sees it: personal id masked, phone in national form."""
    personal_id = tracker.get_slot("personal_id")
    phone = tracker.get_slot("phone")
    return {
        "applicant_name": tracker.get_slot("applicant_name"),
        "personal_id": swedish.mask_personal_id(personal_id) if personal_id else None,
        "address": tracker.get_slot("address"),
        "phone": swedish.format_phone(phone) if phone else None,
        "on_behalf": tracker.get_slot("on_behalf"),
        "needs": tracker.get_slot("needs"),
    }


class ActionAskHomeCareCorrection(CitizenAskCorrection):
    """Asks which field to change; the buttons are the summary's labels."""

    form = FORM
    prefix = "home_care"


class ActionAskHomeCareConfirmed(Action):
    """Shows the summary (personal id masked) and asks whether to send it."""

    def name(self) -> str:
        return "action_ask_home_care_confirmed"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        utter_summary(dispatcher, tracker, FORM, display_values(tracker), "utter_home_care_summary")
        return []


class ActionSubmitHomeCare(Action):
    """Sends the confirmed application to Äldreomsorg and tells the reference."""

    def name(self) -> str:
        return "action_submit_home_care"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        try:
            ticket = await create_ticket(
                ApiClient.from_env(),
                tracker,
                queue=forms_content()[FORM]["queue"],
                topic=TOPIC,
                fields={name: tracker.get_slot(name) for name in FIELDS},
                form_name=FORM,
                submit_action=self.name(),
                events=hide_mistyped_personal_ids(tracker.events),
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
