"""Pure parsers for the citizen forms' fields (fault report, home care application).

Each parser takes what the user wrote (and, where buttons send `/affirm` or `/deny`, the intent)
and returns the normalized value or None when it cannot use the answer. No Rasa, no I/O but the
word lists (`life_words.py`); addresses are parsed in `life_address.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import swedish
from actions.life_address import parse_address as parse_address  # the forms' parsers, one place
from actions.life_words import fold as fold
from actions.life_words import words

_NAME = re.compile(r"^[A-Za-zÅÄÖåäöÉéÜüØøÆæ' \-]{2,80}$")
MAX_DESCRIPTION = 1000
MIN_DESCRIPTION = 3
# A clause of this many words before a question tells something ("Lampan är släckt, kan ni
# laga den?"); a shorter one is a greeting or a filler ("Hej, vad kostar hemtjänst?").
TELLING_WORDS = 3
_CLAUSE_END = re.compile(r"[.,;:!]\s+")


def keyword_hits(text: str, keywords: Iterable[str]) -> list[str]:
    """Keywords found at the start of a word in `text`; both sides folded."""
    folded = f" {fold(text)}"
    return [word for word in keywords if f" {fold(word)}" in folded and fold(word)]


def best_keyword_match(text: str, groups: Mapping[str, Iterable[str]]) -> str | None:
    """Key of the group with the longest matching keyword; ties go to the first group."""
    best: tuple[int, str] | None = None
    for key, keywords in groups.items():
        hits = keyword_hits(text, keywords)
        if not hits:
            continue
        longest = max(len(fold(hit)) for hit in hits)
        if best is None or longest > best[0]:
            best = (longest, key)
    return best[1] if best else None


def is_no(text: str, intent: str | None = None) -> bool:
    """The user said no / skip."""
    return intent == "deny" or fold(text).strip(" .!") in words().no


def is_yes(text: str, intent: str | None = None) -> bool:
    """The user said yes / confirmed."""
    return intent == "affirm" or fold(text).strip(" .!") in words().yes


def is_question(text: str) -> bool:
    """The message asks something ("Hur felanmäler jag …", "… ?") rather than tells."""
    folded = f"{fold(text)} "
    return text.strip().endswith("?") or any(
        folded.startswith(f"{start} ") for start in words().question_starts
    )


def only_asks(text: str) -> bool:
    """A question that tells nothing first: "Vad kostar hemtjänst?", "Hej, hur lång tid tar det".

    A report that ends with a question ("Lampan är släckt, kan ni laga den?") tells.
    """
    first, *rest = _CLAUSE_END.split(text.strip(), maxsplit=1)
    if rest and len(first.split()) < TELLING_WORDS:  # "Hej, …", "Ursäkta, …"
        return only_asks(rest[0])
    return is_question(text) and (not rest or is_question(first))


def parse_category(
    text: str, categories: Mapping[str, Iterable[str]], *, allow_other: bool = True
) -> str | None:
    """Fault category id from the user's words (keywords per category from the content pack).

    An exact category id (a button payload) is accepted as it is.
    """
    cleaned = text.strip().lower()
    if cleaned in categories:
        return cleaned
    match = best_keyword_match(text, categories)
    if match == "other" and not allow_other:
        return None
    return match


def parse_description(text: str) -> str | None:
    """Free text, trimmed; too short (or a bare "nej") is not a description."""
    cleaned = " ".join(text.split())
    if len(cleaned) < MIN_DESCRIPTION or is_no(cleaned):
        return None
    return cleaned[:MAX_DESCRIPTION]


def parse_optional_phone(text: str, intent: str | None = None) -> str | None:
    """E.164 phone, "" when the user skips, None when it is not a phone number.

    An empty value is an earlier skip being validated again (a resumed form).
    """
    if not text.strip() or is_no(text, intent):
        return ""
    return parse_phone(text)


def parse_phone(text: str) -> str | None:
    """E.164 phone number (Swedish by default), or None."""
    try:
        return swedish.normalize_phone(text.strip())
    except swedish.InvalidPhoneNumber:
        return None


def parse_optional_email(text: str, intent: str | None = None) -> str | None:
    """E-mail address, "" when the user skips (or skipped earlier), None when it is not one."""
    if not text.strip() or is_no(text, intent):
        return ""
    candidate = text.strip().strip(".,;")
    return candidate if swedish.is_valid_email(candidate) else None


def parse_name(text: str) -> str | None:
    """A person's name, with "jag heter …" removed; at least two letters; never a question."""
    cleaned = words().name_prefix.sub("", " ".join(text.split())).strip(" .,!")
    if not _NAME.match(cleaned) or sum(char.isalpha() for char in cleaned) < 2:
        return None
    if is_question(cleaned):  # "vad kostar hemtjänst" without its question mark
        return None
    return " ".join(part[:1].upper() + part[1:] for part in cleaned.split(" "))


def parse_personal_id(text: str) -> str | None:
    """Personnummer or samordningsnummer as `YYYYMMDD-XXXX`, check digit verified; else None."""
    try:
        return swedish.normalize_personal_id(text.strip())
    except swedish.InvalidPersonalId:
        found = swedish.find_personal_ids(text)
        return found[0] if found else None


def parse_on_behalf(text: str, intent: str | None = None) -> bool | None:
    """True when a relative applies for someone else, False for oneself, None when unclear.

    The question is "Do you apply for someone else?", so yes means on behalf.
    """
    folded = f" {fold(text)} "
    if any(f" {word} " in folded for word in words().someone_else):
        return True
    if any(f" {word} " in folded for word in words().myself):
        return False
    if is_yes(text, intent):
        return True
    if is_no(text, intent):
        return False
    return None


def parse_correction(text: str, fields: Mapping[str, Iterable[str]]) -> str | None:
    """Which field the user wants to change ("adressen är fel" → "address"), or None."""
    cleaned = text.strip().lower()
    if cleaned in fields:
        return cleaned
    return best_keyword_match(text, fields)
