"""What the citizen forms share: the answer to the requested slot, the confirm step with
corrections, the summary shown before sending, and the ticket that ends the form.

A form's last required slot is `<form>_confirmed`. "Ja" sets it to "yes" and the form ends;
"nej" sets it to "no", which adds `<form>_correction` ("what do you want to change?");
naming a field ("adressen är fel", also straight after the summary) empties that field
so the form asks for it again and then shows the summary once more.

A question or small talk inside the form is never an answer: the validator extracts nothing,
so the form rejects the turn, a rule answers it (bot/data/rules/life_interruptions.yml) and
the form asks its question again.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.content import load_content, localized
from actions.language import current_language
from actions.life_fields import is_no, is_yes, only_asks, parse_correction

LIFE_EVENTS_FILE = "life_events.yml"
# Intents that leave or pause the form; their text is never taken as an answer.
INTERRUPT_INTENTS = frozenset({"stop", "human_handoff", "explain", "resume"})
# Questions and small talk: a rule answers them (or pauses the form), then the form asks again.
QUESTION_INTENTS = frozenset(
    {"bot_challenge", "out_of_scope", "greet", "thanks", "goodbye", "ticket_status"}
)
LIFE_EVENT_PREFIX = "life_"  # a life-event question gets its checklist
CONFIRMED = "yes"
NOT_CONFIRMED = "no"


def forms_content() -> dict[str, Any]:
    """The `forms` section of the content pack's life_events.yml."""
    return dict(load_content(LIFE_EVENTS_FILE)["forms"])


def latest_intent(tracker: Tracker) -> str | None:
    """Name of the intent of the user's latest message."""
    return (tracker.latest_message.get("intent") or {}).get("name")


def asks_instead(intent: str | None, text: str) -> bool:
    """The turn asks or chats ("är du en robot?", "vad kostar hemtjänst?") instead of answering.

    A plain yes or no is an answer whatever the NLU read ("nej tack" as thanks), and so is a
    life-event message that tells rather than asks (a description of the fault, the needs).
    """
    if is_yes(text) or is_no(text):
        return False
    if intent in QUESTION_INTENTS:
        return True
    return bool(intent and intent.startswith(LIFE_EVENT_PREFIX) and only_asks(text))


def answer_to(
    tracker: Tracker, slot: str, reads: Callable[[str], bool] | None = None
) -> str | None:
    """The user's latest text when it answers `slot` (the form asked for it), else None.

    `reads` says whether the text holds the field's value anyway (a phone number, a button's
    payload), so a misread "Storgatan 12" is still the address and not a question.
    """
    if tracker.get_slot("requested_slot") != slot or latest_intent(tracker) in INTERRUPT_INTENTS:
        return None
    text = str(tracker.latest_message.get("text") or "").strip()
    if not text:
        return None
    if asks_instead(latest_intent(tracker), text) and not (reads and reads(text)):
        return None
    return text


def reads_value(parse: Callable[[str], Any]) -> Callable[[str], bool]:
    """`reads` for answer_to from a field's parser: the parser finds a value in the text."""
    return lambda text: parse(text) is not None


def reads_one_of(values: Iterable[str]) -> Callable[[str], bool]:
    """`reads` for answer_to from button payloads: the text is exactly one of them."""
    options = frozenset(values)
    return lambda text: text.strip().lower() in options


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


def field_buttons(form_name: str, lang: str, content: Mapping[str, Any]) -> list[dict[str, str]]:
    """One button per field, titled with its summary label; the payload is the field name."""
    return [
        {"title": str(localized(spec["label"], lang)), "payload": name}
        for name, spec in content[form_name]["fields"].items()
    ]


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

    def confirm_answer(self, tracker: Tracker) -> dict[str, Any]:
        """The answer to "Is this right?" (a question asked there gets its rule instead)."""
        text = answer_to(tracker, self.confirmed_slot)
        return {self.confirmed_slot: text} if text else {}

    def correction_answer(self, tracker: Tracker) -> dict[str, Any]:
        """The answer to "What do you want to change?"; a button's payload always counts."""
        fields = forms_content()[self.form]["fields"]
        text = answer_to(tracker, self.correction_slot, reads_one_of(fields))
        return {self.correction_slot: text} if text else {}

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


class CitizenAskCorrection(Action):
    """Asks which field to change, one button per field of the content pack's form.

    The labels are the summary's (life_events.yml `forms`), so they are written once.
    """

    form: str = ""
    prefix: str = ""  # as in CitizenFormValidation: asks for `<prefix>_correction`

    def name(self) -> str:
        return f"action_ask_{self.prefix}_correction"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        lang = current_language(tracker)
        dispatcher.utter_message(
            response=f"utter_ask_{self.prefix}_correction",
            buttons=field_buttons(self.form, lang, forms_content()),
        )
        return []


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
