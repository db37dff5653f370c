"""Guess whether a chat message is Swedish or English.

Counts words that are stop words in only one of the languages (spaCy's lists) plus a few
greetings, and treats å/ä/ö as a strong Swedish signal. Returns None when there is too little
to tell; the caller then keeps the session's language.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

Lang = Literal["sv", "en"]

_WORD = re.compile(r"[a-zåäöéü']+")
_EDGE_PUNCTUATION = ".,!?;:\"'()[]"
_SWEDISH_LETTERS = frozenset("åäö")
_SWEDISH_LETTER_WEIGHT = 2
# Short messages that spaCy's stop-word lists do not cover.
_EXTRA_SV = frozenset({"hej", "hejsan", "tjena", "tack", "snälla", "ja", "nej", "hejdå"})
_EXTRA_EN = frozenset({"hello", "hi", "hey", "thanks", "thank", "please", "yes", "bye"})


@lru_cache(maxsize=1)
def _stop_words() -> tuple[frozenset[str], frozenset[str]]:
    """Words that mark only Swedish and only English (imported lazily: spaCy is slow to load)."""
    from spacy.lang.en.stop_words import STOP_WORDS as english
    from spacy.lang.sv.stop_words import STOP_WORDS as swedish

    shared = swedish & english  # "i", "in", "under": no signal
    return frozenset(swedish - shared) | _EXTRA_SV, frozenset(english - shared) | _EXTRA_EN


def detect_language(text: str) -> Lang | None:
    """'sv', 'en', or None when the text gives no clear signal."""
    lowered = text.lower()
    swedish, english = _stop_words()
    # Whole words only: "IT-2026-000123" is a reference, not the English word "it".
    tokens = (token.strip(_EDGE_PUNCTUATION) for token in lowered.split())
    words = [token for token in tokens if _WORD.fullmatch(token)]
    sv_score = sum(word in swedish for word in words)
    en_score = sum(word in english for word in words)
    if _SWEDISH_LETTERS & set(lowered):
        sv_score += _SWEDISH_LETTER_WEIGHT
    if sv_score == en_score:
        return None
    return "sv" if sv_score > en_score else "en"
