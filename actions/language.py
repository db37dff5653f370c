"""Conversation language (`lang` slot) taken from the message metadata the gateway sends."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

SUPPORTED_LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"


def language_from_metadata(metadata: dict[str, Any] | None) -> str | None:
    """The supported language code in `metadata["lang"]`, or None when absent or unknown."""
    if not metadata:
        return None
    value = str(metadata.get("lang") or "").strip().lower()
    return value if value in SUPPORTED_LANGUAGES else None


def current_language(tracker: Tracker) -> str:
    """The conversation language; Swedish unless the slot says otherwise."""
    value = tracker.get_slot("lang")
    return value if value in SUPPORTED_LANGUAGES else DEFAULT_LANGUAGE


class ActionDetectLanguage(Action):
    """Custom slot mapping for `lang`; runs inside `action_extract_slots` after each message."""

    def name(self) -> str:
        return "action_detect_language"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        lang = language_from_metadata(tracker.latest_message.get("metadata"))
        if lang is None or lang == tracker.get_slot("lang"):
            return []
        return [SlotSet("lang", lang)]
