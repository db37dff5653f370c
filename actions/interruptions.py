"""Interruptions inside any form: "avbryt" (leave, keep the answers) and "varför?"."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher


class ActionCancelForm(Action):
    """Remembers which form was left so `resume` can come back to it; answers stay filled."""

    def name(self) -> str:
        return "action_cancel_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_form_cancelled")
        form = tracker.active_loop.get("name")
        return [SlotSet("interrupted_form", form)] if form else []


class ActionExplainRequestedSlot(Action):
    """Says why the form asks for the current slot (`utter_explain_<slot>`, else generic)."""

    def name(self) -> str:
        return "action_explain_requested_slot"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        slot = tracker.get_slot("requested_slot")
        specific = f"utter_explain_{slot}"
        if slot and specific in domain.get("responses", {}):
            dispatcher.utter_message(response=specific)
        else:
            dispatcher.utter_message(response="utter_explain_generic")
        return []
