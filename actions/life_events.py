"""Life events: one question, one short checklist from the content pack (`life_events.yml`).

`action_answer_life_event` answers the latest life_* intent. For fault reports and home care
it also prepares the form that follows: old answers are cleared and what the first message
already says (the address, the kind of fault) is kept. Home care is always offered first
("Vill du ansöka nu?"); a fault report starts at once when the message tells of a fault, and is
offered when it only asks how reporting works ("Hur gör jag en felanmälan?").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import fault_report, home_care
from actions.content import ContentError, load_content, localized
from actions.departments import contact
from actions.language import current_language
from actions.life_fields import is_question, parse_address
from actions.life_forms import LIFE_EVENTS_FILE, latest_intent
from actions.tickets import CITIZEN_FORMS

OFFERED_FORM_SLOT = "offered_form"
OFFER_RESPONSES = {
    home_care.FORM: "utter_offer_home_care",
    fault_report.FORM: "utter_offer_fault_report",
}


def render_checklist(event_id: str, lang: str, content: Mapping[str, Any]) -> str:
    """The checklist of one life event as plain text in `lang` (Swedish when missing).

    Whom to call comes from `departments` (municipality.yml, queues.yml), not from `content`.
    """
    event = content["events"][event_id]
    labels = content["labels"]
    who = contact(event["contact"], lang)
    steps = localized(event["steps"], lang)
    lines = [str(localized(event["title"], lang))]
    lines += [f"{number}. {step}" for number, step in enumerate(steps, start=1)]
    lines.append(
        f"{localized(labels['municipality_handles'], lang)} "
        f"{localized(event['municipality_handles'], lang)}"
    )
    links = [f"{localized(link['label'], lang)} {link['url']}" for link in event.get("links", [])]
    if links:
        lines.append(f"{localized(labels['read_more'], lang)} " + " · ".join(links))
    lines.append(
        str(localized(labels["contact"], lang)).format(
            name=who.name, phone=who.phone, opening_hours=who.hours
        )
    )
    return "\n".join(lines)


def prepare_form(form_name: str | None, tracker: Tracker) -> list[EventType]:
    """Clear a form's slots before it starts; keep an address named in this message."""
    if form_name == fault_report.FORM:
        events = [SlotSet(slot, None) for slot in fault_report.FORM_SLOTS if slot != "address"]
        address = _address_in_latest_message(tracker)
        return [*events, SlotSet("address", address)]
    if form_name == home_care.FORM:
        return [SlotSet(slot, None) for slot in home_care.FORM_SLOTS]
    return []


def should_offer(form_name: str, tracker: Tracker) -> bool:
    """Ask before starting the form (True), or start it straight after the checklist (False)."""
    if form_name == home_care.FORM:
        return True  # not everyone asking about elderly care wants to apply now
    text = str(tracker.latest_message.get("text") or "")
    return is_question(text) and not describes_a_fault(text, tracker)


def describes_a_fault(text: str, tracker: Tracker) -> bool:
    """The message names the kind of fault or where it is: then it is a report, not a question."""
    return bool(fault_report.guess_category(text) or _address_in_latest_message(tracker))


def _address_in_latest_message(tracker: Tracker) -> str | None:
    """The address entity, else an address the parser finds in the text itself."""
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == "address":
            address = parse_address(str(entity.get("value") or ""))
            if address:
                return address
    return parse_address(str(tracker.latest_message.get("text") or ""))


class ActionAnswerLifeEvent(Action):
    """Answers a life_* intent with its checklist; offers or prepares the related form."""

    def name(self) -> str:
        return "action_answer_life_event"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        content = load_content(LIFE_EVENTS_FILE)
        event_id = latest_intent(tracker) or ""
        if event_id not in content["events"]:
            raise ContentError(f"no checklist for {event_id!r} in {LIFE_EVENTS_FILE}")
        lang = current_language(tracker)
        dispatcher.utter_message(text=render_checklist(event_id, lang, content))
        if tracker.active_loop_name in CITIZEN_FORMS:
            # A question inside a form: the answer only, the form goes on as it was. No offer is
            # pending while a form runs; saying so keeps the rules complete for RulePolicy.
            return [SlotSet(OFFERED_FORM_SLOT, None)]
        form_name = content["events"][event_id].get("offer_form")
        offered = None
        if form_name in OFFER_RESPONSES and should_offer(form_name, tracker):
            dispatcher.utter_message(response=OFFER_RESPONSES[form_name])
            offered = form_name
        return [*prepare_form(form_name, tracker), SlotSet(OFFERED_FORM_SLOT, offered)]


class ActionDeclineFormOffer(Action):
    """The user did not want to start the offered form."""

    def name(self) -> str:
        return "action_decline_form_offer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_life_offer_declined")
        return [SlotSet(OFFERED_FORM_SLOT, None)]


class ActionAcceptFormOffer(Action):
    """The user wants the offered form; the offer is used up (the form rule starts it)."""

    def name(self) -> str:
        return "action_accept_form_offer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        return [SlotSet(OFFERED_FORM_SLOT, None)]
