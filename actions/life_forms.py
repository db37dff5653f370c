"""What the citizen forms share: the answer to the requested slot, the confirm step with
corrections, the summary shown before sending, and the ticket that ends the form.

A form's last required slot is `<form>_confirmed`. "Ja" sets it to "yes" and the form ends;
"nej" sets it to "no", which adds `<form>_correction` ("what do you want to change?");
naming a field ("adressen är fel", also straight after the summary) empties that field
so the form asks for it again and then shows the summary once more.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.content import load_content, localized
from actions.language import current_language
from actions.life_fields import is_no, is_yes, parse_correction

LIFE_EVENTS_FILE = "life_events.yml"
# Intents that leave or pause the form; their text is never taken as an answer.
INTERRUPT_INTENTS = frozenset({"stop", "human_handoff", "explain", "resume"})
CONFIRMED = "yes"
NOT_CONFIRMED = "no"


def forms_content() -> dict[str, Any]:
    """The `forms` section of the content pack's life_events.yml."""
    return dict(load_content(LIFE_EVENTS_FILE)["forms"])


def latest_intent(tracker: Tracker) -> str | None:
    """Name of the intent of the user's latest message."""
    return (tracker.latest_message.get("intent") or {}).get("name")


def answer_to(tracker: Tracker, slot: str) -> str | None:
    """The user's latest text when it answers `slot` (the form asked for it), else None."""
    if tracker.get_slot("requested_slot") != slot or latest_intent(tracker) in INTERRUPT_INTENTS:
        return None
    text = str(tracker.latest_message.get("text") or "").strip()
    return text or None


def display_value(value: Any, lang: str, content: Mapping[str, Any]) -> str:
    """How a collected value is shown in the summary (masked where sensitive)."""
    if value in (None, ""):
        return str(localized(content["not_given"], lang))
    if isinstance(value, bool):
        return str(localized(content["answer_yes" if value else "answer_no"], lang))
    return str(value)


def summary_text(
    form_name: str,
    values: Mapping[str, Any],
    lang: str,
    content: Mapping[str, Any],
) -> str:
    """One "Label: value" line per field, in the form's order."""
    fields = content[form_name]["fields"]
    return "\n".join(
        f"{localized(spec['label'], lang)}: {display_value(values.get(name), lang, content)}"
        for name, spec in fields.items()
    )


def correction_keywords(form_name: str, content: Mapping[str, Any]) -> dict[str, list[str]]:
    """Field name → words that point to it, from the content pack."""
    return {name: list(spec["keywords"]) for name, spec in content[form_name]["fields"].items()}


def confirm_step(
    text: str, intent: str | None, keywords: Mapping[str, list[str]]
) -> tuple[str, str | None]:
    """Read the answer to "Is this right?": ("yes"|"no"|"change"|"unclear", field or None)."""
    field = parse_correction(text, keywords)
    if field is not None and not is_yes(text, intent):
        return "change", field
    if is_yes(text, intent):
        return "yes", None
    if is_no(text, intent):
        return "no", None
    return "unclear", None


def skip_cleared(method: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
    """Slots set to None (a new form, a correction) need no validation and no complaint."""
    slot = method.__name__.removeprefix("validate_")

    @functools.wraps(method)
    def wrapper(
        self: Any,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        if value is None:
            return {slot: None}
        return method(self, value, dispatcher, tracker, domain)

    return wrapper


class CitizenFormValidation(FormValidationAction):
    """Base validator: adds the correction question and handles the confirm step."""

    form: str = ""
    prefix: str = ""  # slot prefix: `<prefix>_confirmed`, `<prefix>_correction`

    @property
    def confirmed_slot(self) -> str:
        return f"{self.prefix}_confirmed"

    @property
    def correction_slot(self) -> str:
        return f"{self.prefix}_correction"

    def name(self) -> str:
        return f"validate_{self.form}"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        if tracker.get_slot(self.confirmed_slot) == NOT_CONFIRMED:
            return [*domain_slots, self.correction_slot]
        return list(domain_slots)

    def confirm(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        """Validate the answer to the summary question."""
        keywords = correction_keywords(self.form, forms_content())
        outcome, field = confirm_step(str(value or ""), latest_intent(tracker), keywords)
        if outcome == "yes":
            return {self.confirmed_slot: CONFIRMED}
        if outcome == "change" and field:
            return self.reopen(field)
        if outcome == "no":
            return {self.confirmed_slot: NOT_CONFIRMED}
        dispatcher.utter_message(response="utter_life_form_confirm_unclear")
        return {self.confirmed_slot: None}

    def correct(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        """Validate the answer to "What do you want to change?"."""
        keywords = correction_keywords(self.form, forms_content())
        field = parse_correction(str(value or ""), keywords)
        if field is None:
            dispatcher.utter_message(response="utter_life_form_correction_unclear")
            return {self.correction_slot: None}
        return self.reopen(field)

    def reopen(self, field: str) -> dict[str, Any]:
        """Empty one field and the confirm step, so the form asks for the field again."""
        return {field: None, self.confirmed_slot: None, self.correction_slot: None}


def reset_events(slots: list[str]) -> list[EventType]:
    """SlotSet(None) for every slot: a new application starts empty."""
    return [SlotSet(slot, None) for slot in slots]


def utter_summary(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    form_name: str,
    values: Mapping[str, Any],
    response: str,
) -> None:
    """Show the collected values and ask whether they are right."""
    lang = current_language(tracker)
    dispatcher.utter_message(
        response=response, summary=summary_text(form_name, values, lang, forms_content())
    )
