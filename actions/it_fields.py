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
_URGENCY_WORDS: dict[str, tuple[str, ...]] = {
    "high": ("hog", "high", "brad", "akut", "snabbt", "kan inte arbeta", "urgent", "3"),
    "low": ("lag", "low", "ingen brads", "kan vanta", "1"),
    "normal": ("normal", "medel", "mellan", "vanlig", "medium", "2"),
}
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


def parse_urgency(text: str) -> str | None:
    """`low`, `normal` or `high` from "hög", "kan vänta", "high" …"""
    return _first_match(text, _URGENCY_WORDS)


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
    """A plausible person's name (letters, at least two words), tidied; None otherwise."""
    cleaned = _NAME_PREFIX.sub("", text.strip())
    cleaned = " ".join(cleaned.split())
    if not _NAME.match(cleaned) or len(cleaned.split()) < 2:
        return None
    return " ".join(part[:1].upper() + part[1:] for part in cleaned.split())


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
