"""Pure parsing/validation of the IT forms' answers (no Rasa types, easy to test)."""

from __future__ import annotations

import re
import unicodedata

import swedish

CATEGORIES = (
    "account",
    "password",
    "mfa",
    "network",
    "email",
    "printer",
    "hardware",
    "software",
    "system_access",
    "phone",
    "meeting",
    "other",
)
URGENCIES = ("low", "normal", "high")
# Categories where a technician may have to go somewhere, so the form asks for the location.
LOCATION_CATEGORIES = frozenset({"network", "printer", "hardware", "phone"})
TICKET_FIELDS = (
    "category",
    "description",
    "reporter_name",
    "email",
    "phone",
    "location",
    "urgency",
)

# Words (folded: lower case, no diacritics) that name a category or urgency.
_CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    "account": ("konto", "account", "utelast", "last"),
    "password": ("losenord", "password", "losen"),
    "mfa": ("mfa", "tvasteg", "siths", "authenticator", "two-step", "two step", "pin"),
    "network": ("natverk", "network", "vpn", "wifi", "internet", "natet"),
    "email": ("e-post", "epost", "mejl", "mail", "email", "outlook"),
    "printer": ("skrivare", "printer", "utskrift", "skriva ut"),
    "hardware": ("hardvara", "hardware", "dator", "skarm", "headset", "utrustning", "laptop"),
    "software": ("program", "software", "licens", "mjukvara", "licence", "license"),
    "system_access": ("behorighet", "access", "tillgang", "rattighet", "system"),
    "phone": ("telefon", "mobil", "phone", "vaxel", "rostbrevlada"),
    "meeting": ("mote", "meeting", "teams", "video"),
    "other": ("annat", "other", "ovrigt", "vet inte"),
}
# Urgency answers are read in three tiers (see parse_urgency); words are folded.
# Tier 1: "I cannot work / it cannot wait" always means high, whatever else is said.
_URGENCY_BLOCKING = (
    "kan inte arbeta",
    "kan inte jobba",
    "kan inte vanta",
    "kan ej arbeta",
    "gar inte att arbeta",
    "gar inte att jobba",
    "can not work",
    "can not wait",
)
# Tier 2: the level's own name, as on the buttons ("Låg", "Normal", "Hög").
_URGENCY_LEVELS: dict[str, frozenset[str]] = {
    "low": frozenset({"lag", "lagt", "lagre", "lagsta", "low", "lower", "lowest"}),
    "normal": frozenset(
        {"normal", "normalt", "medel", "medium", "mellan", "vanlig", "vanligt", "lagom"}
    ),
    "high": frozenset({"hog", "hogt", "hogre", "hogsta", "high", "higher", "highest"}),
}
# Tier 3: words that describe urgency; negated ("ingen brådska") they mean low, softened
# ("lite bråttom") normal. Stems match the start of a word.
_URGENT_STEMS = (
    "brad",
    "bratt",
    "akut",
    "snabb",
    "omgaende",
    "genast",
    "kritisk",
    "viktig",
    "stress",
    "panik",
    "urgent",
    "asap",
    "hurry",
    "rush",
    "critical",
    "important",
)
_CALM_PHRASES = (
    "kan vanta",
    "ingen fara",
    "nar ni hinner",
    "nar du hinner",
    "nar ni har tid",
    "nar det passar",
    "inte sa farligt",
    "can wait",
    "when you have time",
    "whenever",
    "no big deal",
)
_NEGATIONS = frozenset(
    {"inte", "ej", "icke", "ingen", "inget", "inga", "utan", "no", "not", "nothing", "never"}
)
_SOFTENERS = frozenset({"ganska", "lite", "nagot", "hyfsat", "fairly", "somewhat", "slightly"})
_NEGATION_REACH = 3  # "inte så himla bråttom": the negation may stand a few words before
_BUTTON_DIGITS = {"1": "low", "2": "normal", "3": "high"}
_FIELD_WORDS: dict[str, tuple[str, ...]] = {
    "category": ("kategori", "category"),
    "description": ("beskrivning", "description"),
    "reporter_name": ("namn", "name"),
    "email": ("e-post", "epost", "mejl", "mail", "email"),
    "phone": ("telefon", "nummer", "phone"),
    "location": ("plats", "byggnad", "vaning", "location", "rum"),
    "urgency": ("bradska", "prioritet", "urgency", "priority"),
}
_SKIP_WORDS = ("hoppa over", "skip", "ingen", "har ingen", "nej", "vill inte", "-")
_EMAIL = re.compile(r"[^\s@<>,;]+@[^\s@<>,;]+\.[A-Za-z]{2,}")
_EMPLOYEE_ID = re.compile(r"\b[Ee]\s?(\d{5})\b")
_OTP = re.compile(r"^\D*(\d{3})\s?-?(\d{3})\D*$")
_NAME_PREFIX = re.compile(r"^(jag heter|mitt namn är|mitt namn ar|my name is|i am)\s+", re.I)
_NAME = re.compile(r"^[A-Za-zÅÄÖåäöÉéÜüØøÆæ' \-]{2,80}$")
_NAME_MAX_WORDS = 5
# Folded words that are never part of a person's name: question words, pronouns, verbs and
# chat words. Words that are also names somewhere (My, Mina, Min, Ni, Can, No …) and name
# particles (af, von, de) are left out.
_NOT_NAME_WORDS = frozenset(
    {
        # Swedish
        "ar", "vad", "vem", "hur", "varfor", "nar", "vilken", "vilket", "vilka", "jag", "mig",
        "mitt", "ditt", "det", "en", "ett", "inte", "ej", "har", "ska", "vill", "vet", "nej",
        "hej", "tack", "robot", "manniska", "hjalp", "hjalpa", "fortsatt", "avbryt", "fungerar",
        "ingen", "inget", "heter", "namn",
        # English
        "are", "is", "am", "you", "what", "who", "how", "why", "when", "where", "which",
        "your", "the", "not", "yes", "hello", "thanks", "thank", "please", "help", "human",
        "name", "dont", "know", "cannot",
    }
)  # fmt: skip


def fold(text: str) -> str:
    """Lower case without diacritics and with single spaces, for keyword matching."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.split())


def _first_match(text: str, words: dict[str, tuple[str, ...]]) -> str | None:
    folded = fold(text)
    tokens = set(re.findall(r"[\w-]+", folded))
    for key, candidates in words.items():
        for word in candidates:
            if " " in word:
                if word in folded:
                    return key
            elif word in tokens or (len(word) >= 4 and any(t.startswith(word) for t in tokens)):
                return key
    return None


def parse_category(text: str) -> str | None:
    """A category id from an answer such as "skrivare" or "system access"."""
    folded = fold(text).replace(" ", "_")
    if folded in CATEGORIES:
        return folded
    return _first_match(text, _CATEGORY_WORDS)


def _urgency_clauses(text: str) -> list[list[str]]:
    """Folded words per clause; a negation never reaches across a comma or a dash."""
    folded = fold(text).replace("\u2019", "'")
    folded = re.sub(r"\b(cannot|can'?t)\b", "can not", folded)
    folded = re.sub(r"\bwon'?t\b", "will not", folded)
    folded = re.sub(r"\b(is|are|do|does)n'?t\b", r"\1 not", folded)
    clauses = re.split(r"[,.;:!?()\u2013\u2014]|\s-\s|\bmen\b|\bbut\b", folded)
    return [words for clause in clauses if (words := re.findall(r"[\w']+", clause))]


def _has_phrase(clauses: list[list[str]], phrases: tuple[str, ...]) -> bool:
    return any(f" {phrase} " in f" {' '.join(words)} " for words in clauses for phrase in phrases)


def _single(levels: set[str]) -> str | None:
    return next(iter(levels)) if len(levels) == 1 else None


def parse_urgency(text: str) -> str | None:
    """`low`, `normal` or `high` from "hög", "ingen brådska", "kan vänta", "not urgent" …

    Tier 1 "cannot work/wait" → high. Tier 2: the level's name ("låg", "normal", "high"),
    unless negated. Tier 3: urgency words, read as low when negated ("ingen brådska",
    "inte så bråttom", "not urgent", "no hurry"), normal when softened ("lite bråttom"),
    else high; and calm phrases ("kan vänta") as low. The first tier that names exactly
    one level decides; conflicting answers give None, so the form asks again.
    """
    clauses = _urgency_clauses(text)
    words = [word for clause in clauses for word in clause]
    if len(words) == 1 and words[0] in _BUTTON_DIGITS:
        return _BUTTON_DIGITS[words[0]]
    if _has_phrase(clauses, _URGENCY_BLOCKING):
        return "high"
    named: set[str] = set()
    described: set[str] = set()
    for clause in clauses:
        for index, word in enumerate(clause):
            before = clause[max(0, index - _NEGATION_REACH) : index]
            negated = any(token in _NEGATIONS for token in before)
            level = next((key for key, names in _URGENCY_LEVELS.items() if word in names), None)
            if level is not None and not negated:
                named.add(level)
            elif level == "high" or word.startswith(_URGENT_STEMS):
                if negated:
                    described.add("low")
                elif before and before[-1] in _SOFTENERS:
                    described.add("normal")
                else:
                    described.add("high")
    if named:
        return _single(named)
    if _has_phrase(clauses, _CALM_PHRASES):
        described.add("low")
    return _single(described)


def parse_field(text: str) -> str | None:
    """Which ticket field the user wants to change ("ändra e-posten" → `email`)."""
    folded = fold(text)
    if folded in TICKET_FIELDS:
        return folded
    return _first_match(text, _FIELD_WORDS)


def is_skip(text: str) -> bool:
    """The user declines to give an optional detail ("hoppa över", "skip", "nej")."""
    return fold(text).strip(" .!") in _SKIP_WORDS


def parse_email(text: str) -> str | None:
    """The first valid e-mail address in the text, lower-cased."""
    match = _EMAIL.search(text)
    if not match:
        return None
    candidate = match.group(0).rstrip(".").lower()
    return candidate if swedish.is_valid_email(candidate) else None


def parse_phone(text: str) -> str | None:
    """A Swedish phone number as E.164 (`+46701234567`), or None."""
    try:
        return swedish.normalize_phone(text)
    except swedish.InvalidPhoneNumber:
        return None


def parse_reporter_name(text: str) -> str | None:
    """A plausible person's name (two to five words of letters), tidied; None otherwise.

    Questions ("är du en robot?") and sentences ("jag vet inte") are not names: no "?",
    and no word that is never part of a name.
    """
    cleaned = _NAME_PREFIX.sub("", text.strip())
    cleaned = " ".join(cleaned.split()).rstrip(".!")
    words = cleaned.split()
    if not _NAME.match(cleaned) or not 2 <= len(words) <= _NAME_MAX_WORDS:
        return None
    if any(fold(word) in _NOT_NAME_WORDS for word in words):
        return None
    return " ".join(part[:1].upper() + part[1:] for part in words)


def parse_description(text: str) -> str | None:
    """A free-text description with at least a few words, personnummer masked."""
    cleaned = " ".join(text.split())
    if len(cleaned) < 10 or len(cleaned.split()) < 2:
        return None
    return swedish.redact(cleaned)


def parse_location(text: str) -> str | None:
    """Building/floor as given; at least two characters."""
    cleaned = " ".join(text.split())
    return cleaned if len(cleaned) >= 2 else None


def parse_employee_id(text: str) -> str | None:
    """`E10001` from "e10001", "E 10001" or "mitt nummer är E10001"."""
    match = _EMPLOYEE_ID.search(text)
    return f"E{match.group(1)}" if match else None


def parse_otp_code(text: str) -> str | None:
    """Six digits, tolerating "123 456" and "123-456"; never logged by callers."""
    match = _OTP.match(text.strip())
    return match.group(1) + match.group(2) if match else None


def needs_location(category: str | None) -> bool:
    """Whether a technician may need to know where the problem is."""
    return category in LOCATION_CATEGORIES
