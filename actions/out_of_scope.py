"""Out of scope: name the authority that handles the question, or say honestly we cannot help.

The authorities and their keywords are data (`authorities.yml` in the content pack). The bot
never guesses an answer: no keyword → the fallback text with the contact centre's details. Words of
the municipality's own topics (summer jobs, financial aid) compete too: when one of them is the best
match, no authority is named.
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
from actions.life_fields import keyword_hits
from actions.life_words import fold

AUTHORITIES_FILE = "authorities.yml"


def longest_hit(text: str, entry: Mapping[str, Any]) -> int:
    """Length of the entry's longest keyword found in `text` (both folded); 0 when none is.

    `keywords` match at the start of a word ("skatt" matches "skatten"); `whole_words` only as
    whole words, for words that begin unrelated ones once å/ä/ö are folded ("rån" → "räntan").
    """
    hits = [fold(word) for word in keyword_hits(text, entry.get("keywords") or [])]
    # fold() keeps dots ("www.1177.se"); strip them so "… ett rån." still ends in "ett rån".
    words = f" {' '.join(token.strip('.-') for token in fold(text).split())} "
    hits += [
        folded
        for folded in (fold(word) for word in entry.get("whole_words") or [])
        if folded and f" {folded} " in words
    ]
    return max((len(hit) for hit in hits), default=0)


def route_authority(text: str, authorities: Mapping[str, Any]) -> str | None:
    """Id of the authority whose keyword best matches the message, or None.

    The longest matching keyword wins ("emergency room" beats "emergency"). The municipality's
    own words come first, so they win a tie and their win means None; then the listed order.
    """
    candidates: list[tuple[str | None, Mapping[str, Any]]] = [
        (None, authorities.get("municipal") or {}),
        *((entry["id"], entry) for entry in authorities["authorities"]),
    ]
    best_id, best_length = None, 0
    for authority_id, entry in candidates:
        length = longest_hit(text, entry)
        if length > best_length:
            best_id, best_length = authority_id, length
    return best_id


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
