"""Phone numbers (via phonenumbers, Swedish numbering plan by default) and e-mail syntax."""

from __future__ import annotations

import re

import phonenumbers

# Practical syntax check: one @, a dot in the domain, no spaces. Deliverability is not checked.
_EMAIL = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+"  # local part
    r"@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"  # domain with a top-level domain
)


class InvalidPhoneNumber(ValueError):
    """The text is not a valid phone number."""


def normalize_phone(text: str) -> str:
    """Return the number in E.164 form (``+46701234567``), or raise InvalidPhoneNumber.

    Numbers without a country code are read as Swedish (``070-123 45 67``).
    """
    try:
        parsed = phonenumbers.parse(text or "", "SE")
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhoneNumber(str(exc)) from exc
    if not phonenumbers.is_valid_number(parsed):
        raise InvalidPhoneNumber("not a valid phone number")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164: str) -> str:
    """Display form: national for Swedish numbers (``070-123 45 67``), international otherwise."""
    parsed = phonenumbers.parse(e164, "SE")
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if parsed.country_code == 46
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(parsed, style)


def is_valid_email(text: str) -> bool:
    """True when the text looks like a single e-mail address."""
    return len(text) <= 254 and _EMAIL.fullmatch(text.strip()) is not None
