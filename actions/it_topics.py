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


def it_topics() -> dict[str, Any]:
    """`topics` of the content pack's it_help.yml, keyed by intent."""
    topics = load_content("it_help.yml").get("topics", {})
    return topics if isinstance(topics, dict) else {}


def latest_user_text(tracker: Tracker) -> str:
    """What the user typed last; button payloads ("/deny") count as no text."""
    text = str(tracker.latest_message.get("text") or "")
    return "" if text.startswith("/") else text


class ActionAnswerItTopic(Action):
    """Answers an IT topic; prefills the ticket's category and description for later."""

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
        text = latest_user_text(tracker)
        dispatcher.utter_message(text=str(localized(topic["answer"], current_language(tracker))))
        events: list[EventType] = [
            SlotSet("it_topic", intent),
            SlotSet("category", topic.get("category", "other")),
            SlotSet("description", parse_description(text)),
            SlotSet("system", next(tracker.get_latest_entity_values("system"), None)),
            SlotSet("outage_match", None),
            SlotSet("ticket_confirmed", None),
        ]
        if topic.get("automated"):
            events += [SlotSet(slot, None) for slot in VERIFICATION_SLOTS]
            events.append(SlotSet("employee_id", parse_employee_id(text)))
        else:
            dispatcher.utter_message(response="utter_ask_it_helped")
        return events
