"""Automated password reset and account unlock through the directory routes of the API.

Employee id → one-time code to the registered phone → code checked → reset/unlock.
The code is only passed to the API; it is never logged, stored in a slot or sent in tickets.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import it_fields
from actions.api_client import (
    ApiClient,
    ApiError,
    CodeExpired,
    NotFound,
    NotVerified,
    RateLimited,
    TooManyAttempts,
    WrongCode,
)

logger = logging.getLogger(__name__)

VERIFIED = "verified"
EXPIRED = "expired"
LOCKED = "too_many_attempts"
FAILED = "failed"


class ValidateItVerificationForm(FormValidationAction):
    def name(self) -> str:
        return "validate_it_verification_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        if tracker.get_slot("verification_status"):
            return []  # verified or given up: the form ends, the completion action takes over
        return ["employee_id", "otp_code"]

    async def validate_employee_id(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None:  # cleared when a new reset starts: nothing to check yet
            return {"employee_id": None}
        employee_id = it_fields.parse_employee_id(str(value))
        if employee_id is None:
            dispatcher.utter_message(response="utter_invalid_employee_id")
            return {"employee_id": None}
        try:
            verification = await ApiClient.from_env().start_verification(
                employee_id, tracker.sender_id
            )
        except NotFound:
            dispatcher.utter_message(response="utter_unknown_employee")
            return {"employee_id": None}
        except RateLimited:
            logger.info("no one-time code sent: too many codes requested")
            dispatcher.utter_message(response="utter_too_many_codes")
            return {"employee_id": employee_id, "verification_status": FAILED}
        except ApiError as exc:
            logger.warning("directory verification not started: %s", type(exc).__name__)
            dispatcher.utter_message(response="utter_service_unavailable")
            return {"employee_id": employee_id, "verification_status": FAILED}
        logger.info("one-time code sent for a directory verification")
        return {
            "employee_id": employee_id,
            "verification_id": verification.verification_id,
            "masked_phone": verification.masked_phone,
        }

    async def validate_otp_code(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None:
            return {"otp_code": None}
        code = it_fields.parse_otp_code(str(value))
        if code is None:
            dispatcher.utter_message(response="utter_invalid_otp_format")
            return {"otp_code": None}
        try:
            await ApiClient.from_env().confirm_verification(
                str(tracker.get_slot("verification_id")), code
            )
        except WrongCode as exc:
            logger.info("wrong one-time code (%d attempts left)", exc.attempts_left)
            if exc.attempts_left <= 0:
                return {"otp_code": None, "verification_status": LOCKED}
            dispatcher.utter_message(response="utter_wrong_code", attempts_left=exc.attempts_left)
            return {"otp_code": None}
        except CodeExpired:
            logger.info("one-time code expired")
            return {"otp_code": None, "verification_status": EXPIRED}
        except TooManyAttempts:
            logger.info("verification locked after too many attempts")
            return {"otp_code": None, "verification_status": LOCKED}
        except ApiError:
            dispatcher.utter_message(response="utter_service_unavailable")
            return {"otp_code": None, "verification_status": FAILED}
        return {"otp_code": None, "verification_status": VERIFIED}


class ActionCompleteDirectoryRequest(Action):
    """After verification: reset the password or unlock the account, and say what happened."""

    def name(self) -> str:
        return "action_complete_directory_request"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        status = tracker.get_slot("verification_status")
        done = [SlotSet("directory_result", "done"), SlotSet("verification_id", None)]
        failed = [SlotSet("directory_result", "failed"), SlotSet("verification_id", None)]
        if status == EXPIRED:
            dispatcher.utter_message(response="utter_code_expired")
        elif status == LOCKED:
            dispatcher.utter_message(response="utter_too_many_attempts")
        if status != VERIFIED:
            dispatcher.utter_message(response="utter_offer_ticket")
            return failed
        client = ApiClient.from_env()
        verification_id = str(tracker.get_slot("verification_id"))
        try:
            if tracker.get_slot("it_topic") == "it_account_locked":
                await client.unlock_account(verification_id)
                dispatcher.utter_message(response="utter_account_unlocked")
            else:
                sent_to = await client.reset_password(verification_id)
                dispatcher.utter_message(response="utter_password_reset_done", sent_to=sent_to)
        except (NotVerified, ApiError):
            dispatcher.utter_message(response="utter_service_unavailable")
            dispatcher.utter_message(response="utter_offer_ticket")
            return failed
        return done
