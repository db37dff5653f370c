"""Pure parsers for the citizen forms' fields (fault report, home care application).

Each parser takes what the user wrote (and, where buttons send `/affirm` or `/deny`, the intent)
and returns the normalized value or None when it cannot use the answer. No Rasa, no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

import swedish

# "Skip" answers for optional fields and "no" answers in general.
_NO_WORDS = frozenset(
    {
        "nej",
        "nä",
        "nää",
        "nope",
        "no",
        "inte",
        "ingen",
        "inget",
        "nej tack",
        "no thanks",
        "hoppa över",
        "skip",
        "vill inte",
        "behövs inte",
        "none",
        "-",
    }
)
_YES_WORDS = frozenset(
    {
        "ja",
        "japp",
        "jo",
        "ja tack",
        "jajamen",
        "stämmer",
        "det stämmer",
        "ok",
        "okej",
        "skicka",
        "ja skicka",
        "rätt",
        "korrekt",
        "yes",
        "yep",
        "correct",
        "right",
        "send",
        "send it",
        "sure",
    }
)
# Answers to "are you applying for someone else?"
_OTHER_PERSON_WORDS = (
    "någon annan",
    "annan person",
    "åt min",
    "för min",
    "min mamma",
    "min pappa",
    "min mor",
    "min far",
    "min man",
    "min fru",
    "min make",
    "min maka",
    "anhörig",
    "förälder",
    "släkting",
    "someone else",
    "my mother",
    "my father",
    "my mum",
    "my mom",
    "my dad",
    "my husband",
    "my wife",
    "for my",
    "relative",
    "parent",
)
_MYSELF_WORDS = ("mig själv", "själv", "jag själv", "för mig", "åt mig", "myself", "for me")

# Street words that end Swedish street names: "Storgatan", "Gamla vägen", "Stora torget".
_STREET_SUFFIX = (
    r"(?:gatan|vägen|vagen|gränd|grand|torget|stigen|backen|allén|allen|platsen|leden|gata|väg)"
)
_SUFFIXED = re.compile(
    rf"(?:(?P<first>[A-ZÅÄÖÉ][\wåäöé\-]*)\s+)?(?P<street>[\wåäöéÅÄÖÉ\-]*{_STREET_SUFFIX})"
    r"\s+(?P<number>\d{1,4}(?:[A-Za-z](?![\wåäö]))?)\b",
    re.IGNORECASE,
)
_CAPITALISED = re.compile(
    r"(?P<street>[A-ZÅÄÖÉ][a-zåäöé\-]{2,})\s+(?P<number>\d{1,4}(?:[A-Za-z](?![\wåäö]))?)\b"
)
_WHOLE = re.compile(
    r"^(?P<street>[^\d,]{2,40}?)\s+(?P<number>\d{1,4}(?:[A-Za-z](?![\wåäö]))?)(?:\s*,.*)?$"
)
_NAME = re.compile(r"^[A-Za-zÅÄÖåäöÉéÜüØøÆæ' \-]{2,80}$")
_NAME_PREFIX = re.compile(
    r"^(jag heter|mitt namn är|hon heter|han heter|hen heter|namnet är|"
    r"my name is|i am|i'm|her name is|his name is)\s+",
    re.IGNORECASE,
)
MAX_DESCRIPTION = 1000
MIN_DESCRIPTION = 3


def fold(text: str) -> str:
    """Lower case, no diacritics, single spaces: "Lampan ÄR släckt" → "lampan ar slackt"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.findall(r"[\w@.+\-]+", plain))


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
    return intent == "deny" or fold(text).strip(" .!") in {fold(word) for word in _NO_WORDS}


def is_yes(text: str, intent: str | None = None) -> bool:
    """The user said yes / confirmed."""
    return intent == "affirm" or fold(text).strip(" .!") in {fold(word) for word in _YES_WORDS}


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


def parse_address(text: str) -> str | None:
    """Street and number as written ("Storgatan 12"), also inside a longer answer."""
    text = " ".join(text.split()).strip(" .!")
    match = _SUFFIXED.search(text)
    if match:
        street = match.group("street")
        first = match.group("first")
        if first and street.lower() in _SUFFIX_WORDS:  # "Gamla vägen", not "på Storgatan"
            street = f"{first} {street}"
        return _format_address(street, match.group("number"))
    match = _CAPITALISED.search(text) or _WHOLE.match(text)
    if match and len(match.group("street").split()) <= 3:
        return _format_address(match.group("street"), match.group("number"))
    return None


_SUFFIX_WORDS = frozenset(
    {
        "gatan",
        "vägen",
        "vagen",
        "gränd",
        "grand",
        "torget",
        "stigen",
        "backen",
        "allén",
        "allen",
        "platsen",
        "leden",
        "gata",
        "väg",
    }
)


def _format_address(street: str, number: str) -> str:
    street = street.strip(" ,.")
    return f"{street[0].upper()}{street[1:]} {number.replace(' ', '').upper()}"


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
    """A person's name, with "jag heter …" removed; at least two letters."""
    cleaned = _NAME_PREFIX.sub("", " ".join(text.split())).strip(" .,!")
    if not _NAME.match(cleaned) or sum(char.isalpha() for char in cleaned) < 2:
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
    if any(f" {fold(word)} " in folded for word in _OTHER_PERSON_WORDS):
        return True
    if any(f" {fold(word)} " in folded for word in _MYSELF_WORDS):
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
