"""Swedish identifiers and contact details, shared by the API and the action server.

Pure functions only; depends on python-stdnum and phonenumbers, which both runtimes pin.
"""

from __future__ import annotations

from swedish.contact import InvalidPhoneNumber, format_phone, is_valid_email, normalize_phone
from swedish.personal_id import (
    InvalidPersonalId,
    find_personal_ids,
    is_coordination_number,
    mask_personal_id,
    normalize_personal_id,
    redact,
)

__all__ = [
    "InvalidPersonalId",
    "InvalidPhoneNumber",
    "find_personal_ids",
    "format_phone",
    "is_coordination_number",
    "is_valid_email",
    "mask_personal_id",
    "normalize_personal_id",
    "normalize_phone",
    "redact",
]
