"""IT topics: the self-service answer from the content pack, then "did it help?"."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.content import load_content, localized
from actions.it_fields import parse_description, parse_employee_id
from actions.language import current_language

# Slots of one verification attempt; cleared whenever a reset/unlock starts again.
VERIFICATION_SLOTS = (
    "verification_id",
    "masked_phone",
    "verification_status",
    "otp_code",
    "directory_result",
)
TICKET_FORM = "it_ticket_form"
IT_FORMS = frozenset({TICKET_FORM, "it_verification_form"})
# Answers that belong to one problem; a new topic starts them afresh. Who the user is
# (reporter_name, email, phone) stays for the next ticket.
CASE_FIELDS = ("location", "urgency")


def it_topics() -> dict[str, Any]:
    """`topics` of the content pack's it_help.yml, keyed by intent."""
    topics = load_content("it_help.yml").get("topics", {})
    return topics if isinstance(topics, dict) else {}


def latest_user_text(tracker: Tracker) -> str:
    """What the user typed last; button payloads ("/deny") count as no text."""
    text = str(tracker.latest_message.get("text") or "")
    return "" if text.startswith("/") else text


def form_left_this_turn(events: list[dict[str, Any]]) -> str | None:
    """The form a rule deactivated since the user's last message (a topic switch), if any."""
    deactivated = False
    for event in reversed(events):
        kind = event.get("event")
        if kind == "user" and not deactivated:
            return None
        if kind == "active_loop":
            if event.get("name") is None:
                deactivated = True
            elif deactivated:
                return str(event["name"])
            else:
                return None
    return None


def unsent_it_form(tracker: Tracker) -> str | None:
    """The IT form whose answers are still waiting: just left, or paused with "avbryt"."""
    for form in (form_left_this_turn(tracker.events), tracker.get_slot("interrupted_form")):
        if form in IT_FORMS:
            return str(form)
    return None


def category_label(category: str | None, lang: str) -> str:
    """The content pack's label for a ticket category ("Skrivare"), else the id."""
    labels = load_content("it_help.yml").get("field_labels", {}).get("category", {})
    entry = labels.get(category or "")
    return str(localized(entry, lang)) if entry else str(category or "")


class ActionAnswerItTopic(Action):
    """Answers an IT topic; prefills the ticket's category and description for later.

    One ticket draft at a time: a new topic replaces an unsent draft (and says so) instead
    of letting "fortsätt" resume a ticket that mixes two problems. The same topic again
    keeps the draft, so "nej" or "fortsätt" goes on with it.
    """

    def name(self) -> str:
        return "action_answer_it_topic"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        intent = tracker.latest_message.get("intent", {}).get("name")
        topics = it_topics()
        if intent not in topics:
            intent = tracker.get_slot("it_topic")
        topic = topics.get(intent or "")
        if topic is None:
            dispatcher.utter_message(response="utter_default")
            return []
        lang = current_language(tracker)
        text = latest_user_text(tracker)
        unsent = unsent_it_form(tracker)
        same_problem = (
            unsent == TICKET_FORM
            and intent == tracker.get_slot("it_topic")
            and not topic.get("automated")
        )
        if unsent == TICKET_FORM and not same_problem:
            dispatcher.utter_message(
                response="utter_it_draft_dropped",
                category=category_label(tracker.get_slot("category"), lang),
            )
        dispatcher.utter_message(text=str(localized(topic["answer"], lang)))
        system = next(tracker.get_latest_entity_values("system"), None)
        events: list[EventType] = [SlotSet("it_topic", intent)]
        if same_problem:
            events += [
                SlotSet("description", tracker.get_slot("description") or parse_description(text)),
                SlotSet("system", system or tracker.get_slot("system")),
                SlotSet("outage_match", None),
                SlotSet("ticket_confirmed", None),
                SlotSet("interrupted_form", TICKET_FORM),
            ]
        else:
            events += [
                SlotSet("category", topic.get("category", "other")),
                SlotSet("description", parse_description(text)),
                SlotSet("system", system),
                SlotSet("outage_match", None),
                SlotSet("ticket_confirmed", None),
                *(SlotSet(slot, None) for slot in CASE_FIELDS),
            ]
            if tracker.get_slot("interrupted_form") in IT_FORMS:
                events.append(SlotSet("interrupted_form", None))
        if topic.get("automated"):
            events += [SlotSet(slot, None) for slot in VERIFICATION_SLOTS]
            events.append(SlotSet("employee_id", parse_employee_id(text)))
        else:
            dispatcher.utter_message(response="utter_ask_it_helped")
        return events
