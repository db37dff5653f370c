"""Outages: check before filing a ticket about a system, and `it_outage_status`."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.api_client import ApiClient, ApiError, Outage
from actions.content import load_content, localized
from actions.it_fields import fold
from actions.it_topics import it_topics
from actions.language import current_language
from actions.ticket_status import format_time


def system_names(system: str) -> set[str]:
    """All folded names of a system: the text itself plus the content pack's aliases."""
    wanted = fold(system)
    names = {wanted}
    for entry in load_content("it_help.yml").get("systems", []):
        aliases = {fold(entry["name"]), *(fold(alias) for alias in entry.get("aliases", []))}
        if wanted in aliases:
            names |= aliases
    return {name for name in names if name}


def matching_outage(outages: list[Outage], system: str) -> Outage | None:
    """The first active outage whose system is (an alias of) `system`."""
    names = system_names(system)
    for outage in outages:
        published = fold(outage.system)
        if any(name == published or name in published.split() for name in names):
            return outage
        if published in names:
            return outage
    return None


def system_in_question(tracker: Tracker) -> str | None:
    """The system the user named, else the system behind the current IT topic."""
    named = tracker.get_slot("system")
    if named:
        return str(named)
    topic = it_topics().get(tracker.get_slot("it_topic") or "", {})
    return topic.get("system")


def outage_details(outage: Outage, lang: str) -> dict[str, str]:
    """Template values for the outage responses."""
    unknown = str(localized(load_content("it_help.yml").get("unknown_time", {"sv": "?"}), lang))
    return {
        "system": outage.system,
        "message": outage.message,
        "since": format_time(outage.started_at),
        "expected_end": format_time(outage.expected_end) if outage.expected_end else unknown,
    }


class ActionCheckOutage(Action):
    """Before a ticket: if an active outage matches, say so and offer to follow it."""

    def name(self) -> str:
        return "action_check_outage"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        system = system_in_question(tracker)
        if not system:
            return [SlotSet("outage_match", False)]
        try:
            outages = await ApiClient.from_env().active_outages()
        except ApiError:
            return [SlotSet("outage_match", False)]  # no outage info: file the ticket
        outage = matching_outage(outages, system)
        if outage is None:
            return [SlotSet("outage_match", False)]
        details = outage_details(outage, current_language(tracker))
        dispatcher.utter_message(response="utter_outage_match", **details)
        return [SlotSet("outage_match", True), SlotSet("system", outage.system)]


class ActionMentionOutage(Action):
    """Before a handoff about a system: a matching outage is told (staff still get the case)."""

    def name(self) -> str:
        return "action_mention_outage"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        system = system_in_question(tracker)
        if not system:
            return []
        try:
            outages = await ApiClient.from_env().active_outages()
        except ApiError:
            return []  # the handoff goes ahead; it tells the user if the API is down
        outage = matching_outage(outages, system)
        if outage is not None:
            details = outage_details(outage, current_language(tracker))
            dispatcher.utter_message(response="utter_outage_known", **details)
        return []


class ActionFollowOutage(Action):
    """The user follows the known outage instead of filing a duplicate ticket."""

    def name(self) -> str:
        return "action_follow_outage"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(
            response="utter_outage_followed", system=tracker.get_slot("system")
        )
        return [SlotSet("outage_match", None)]


class ActionShowOutages(Action):
    """`it_outage_status`: active outages, for one system when the user named it."""

    def name(self) -> str:
        return "action_show_outages"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        system = tracker.get_slot("system")
        lang = current_language(tracker)
        try:
            outages = await ApiClient.from_env().active_outages()
        except ApiError:
            dispatcher.utter_message(response="utter_service_unavailable")
            return []
        if system:
            outage = matching_outage(outages, system)
            if outage is None:
                dispatcher.utter_message(response="utter_no_outage_for_system", system=system)
            else:
                dispatcher.utter_message(
                    response="utter_outage_item", **outage_details(outage, lang)
                )
            return [SlotSet("system", None)]
        if not outages:
            dispatcher.utter_message(response="utter_no_outages")
            return []
        dispatcher.utter_message(response="utter_outages_intro")
        for outage in outages:
            dispatcher.utter_message(response="utter_outage_item", **outage_details(outage, lang))
        return []
