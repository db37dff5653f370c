"""Out of scope: name the authority that handles the question, or say honestly we cannot help.

The authorities and their keywords are data (`authorities.yml` in the content pack). The bot
never guesses an answer: no keyword → the fallback text with the contact centre's details.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.content import load_content, localized
from actions.departments import CONTACT_CENTRE, MUNICIPALITY_FILE, contact
from actions.language import current_language
from actions.life_fields import best_keyword_match

AUTHORITIES_FILE = "authorities.yml"


def route_authority(text: str, authorities: Mapping[str, Any]) -> str | None:
    """Id of the authority whose keyword best matches the message, or None."""
    groups = {entry["id"]: entry["keywords"] for entry in authorities["authorities"]}
    return best_keyword_match(text, groups)


def out_of_scope_answer(
    text: str, lang: str, authorities: Mapping[str, Any], municipality: Mapping[str, Any]
) -> tuple[str | None, str]:
    """(authority id or None, the answer in `lang`)."""
    authority_id = route_authority(text, authorities)
    for entry in authorities["authorities"]:
        if entry["id"] == authority_id:
            return authority_id, str(localized(entry["answer"], lang))
    centre = contact(CONTACT_CENTRE, lang)
    fallback = str(localized(authorities["fallback"], lang)).format(
        phone=centre.phone,
        opening_hours=centre.hours,
        email=municipality[CONTACT_CENTRE]["email"],
    )
    return None, fallback


class ActionRouteOutOfScope(Action):
    """Answers an out_of_scope message with the right authority or the honest fallback."""

    def name(self) -> str:
        return "action_route_out_of_scope"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        _, answer = out_of_scope_answer(
            str(tracker.latest_message.get("text") or ""),
            current_language(tracker),
            load_content(AUTHORITIES_FILE),
            load_content(MUNICIPALITY_FILE),
        )
        dispatcher.utter_message(text=answer)
        return []
