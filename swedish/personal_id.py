"""Personnummer and samordningsnummer: normalize, verify, mask, redact.

python-stdnum checks the date and the Luhn check digit. It does not know samordningsnummer
(coordination numbers: day of birth + 60), so for those the date is checked on the real day and
the check digit on the digits as written, both with stdnum's own functions.
"""

from __future__ import annotations

import datetime
import re

from stdnum import luhn
from stdnum.exceptions import ValidationError
from stdnum.se import personnummer

COORDINATION_DAY_OFFSET = 60

# 6 or 8 date digits, an optional separator, 4 digits; not part of a longer number.
_CANDIDATE = re.compile(r"(?<![\d-])(\d{6}|\d{8})\s?([-+]?)\s?(\d{4})(?![\d-])")


class InvalidPersonalId(ValueError):
    """The text is not a valid personnummer or samordningsnummer."""


def normalize_personal_id(text: str, today: datetime.date | None = None) -> str:
    """Return the id as ``YYYYMMDD-XXXX``, or raise InvalidPersonalId.

    Accepts 10 or 12 digits with or without ``-``/``+``/spaces. For 10 digits the century is
    inferred as Skatteverket does: ``+`` marks people aged 100 or more.
    """
    compact = personnummer.compact(text or "")
    if not re.fullmatch(r"(\d{6}|\d{8})[-+]\d{4}", compact):
        raise InvalidPersonalId("expected YYMMDD-XXXX or YYYYMMDD-XXXX")
    date_part, serial = compact[:-5], compact[-4:]
    day = int(date_part[-2:])
    is_coordination = day > COORDINATION_DAY_OFFSET
    real_day = day - COORDINATION_DAY_OFFSET if is_coordination else day
    as_birth = f"{date_part[:-2]}{real_day:02d}{compact[-5]}{serial}"
    try:
        birth = _birth_date(as_birth, today)
        luhn.validate(date_part[-6:] + serial)
    except ValidationError as exc:
        raise InvalidPersonalId(str(exc)) from exc
    if birth > (today or datetime.date.today()):
        raise InvalidPersonalId("date of birth is in the future")
    return f"{birth.year:04d}{birth.month:02d}{day:02d}-{serial}"


def _birth_date(number: str, today: datetime.date | None) -> datetime.date:
    if today is None or len(personnummer.compact(number)) == 13:
        return personnummer.get_birth_date(number)
    # stdnum infers the century from the real today; tests pin it.
    year = today.year
    century = year // 100
    if int(number[0:2]) > year % 100:
        century -= 1
    if "+" in number:
        century -= 1
    full = f"{century}{number.replace('+', '-')}"
    return personnummer.get_birth_date(full)


def is_coordination_number(normalized: str) -> bool:
    """True for a samordningsnummer in ``YYYYMMDD-XXXX`` form."""
    return int(normalized[6:8]) > COORDINATION_DAY_OFFSET


def mask_personal_id(normalized: str) -> str:
    """``19420315-1234`` → ``19420315-****``: enough for a person to recognise, no more."""
    return normalized[:9] + "****"


def find_personal_ids(text: str) -> list[str]:
    """Every valid personal id in free text, normalized, in order of appearance."""
    found = []
    for match in _CANDIDATE.finditer(text):
        try:
            found.append(normalize_personal_id("".join(match.groups())))
        except InvalidPersonalId:
            continue
    return found


def redact(text: str) -> str:
    """Replace every valid personal id in free text by its masked form (for transcripts)."""

    def _mask(match: re.Match[str]) -> str:
        try:
            return mask_personal_id(normalize_personal_id("".join(match.groups())))
        except InvalidPersonalId:
            return match.group(0)

    return _CANDIDATE.sub(_mask, text)
