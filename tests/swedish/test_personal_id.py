from __future__ import annotations

import datetime

import pytest
from stdnum import luhn

from swedish import (
    InvalidPersonalId,
    find_personal_ids,
    is_coordination_number,
    mask_personal_id,
    normalize_personal_id,
    redact,
)

TODAY = datetime.date(2026, 11, 22)


@pytest.mark.parametrize(
    "written",
    ["811228-9874", "8112289874", "19811228-9874", "198112289874", " 19811228 9874 "],
)
def test_every_common_way_of_writing_normalizes_to_twelve_digits(written: str) -> None:
    assert normalize_personal_id(written, today=TODAY) == "19811228-9874"


def test_plus_sign_marks_a_centenarian() -> None:
    assert normalize_personal_id("121212+1212", today=TODAY) == "19121212-1212"
    assert normalize_personal_id("121212-1212", today=TODAY) == "20121212-1212"


def test_samordningsnummer_keeps_day_plus_sixty_and_is_recognised() -> None:
    digits = "701063239"
    number = digits + luhn.calc_check_digit(digits)
    normalized = normalize_personal_id(number, today=TODAY)
    assert normalized == f"19701063-{number[-4:]}"
    assert is_coordination_number(normalized)
    assert not is_coordination_number("19811228-9874")


@pytest.mark.parametrize(
    "bad",
    ["811228-9875", "811328-9874", "811232-9874", "abc", "", "81122-9874", "19811228-98745"],
)
def test_wrong_check_digit_date_or_shape_is_rejected(bad: str) -> None:
    with pytest.raises(InvalidPersonalId):
        normalize_personal_id(bad, today=TODAY)


def test_birth_date_in_the_future_is_rejected() -> None:
    digits = "261224123"
    future = "20" + digits + luhn.calc_check_digit(digits)
    with pytest.raises(InvalidPersonalId):
        normalize_personal_id(future, today=TODAY)


def test_mask_shows_the_birth_date_only() -> None:
    assert mask_personal_id("19420315-1234") == "19420315-****"


def test_redact_masks_valid_ids_and_leaves_other_numbers() -> None:
    text = "Jag heter Eva, 811228-9874, ring 070-123 45 67 eller ärende 123456-1234."
    assert redact(text) == (
        "Jag heter Eva, 19811228-****, ring 070-123 45 67 eller ärende 123456-1234."
    )


def test_find_personal_ids_in_free_text() -> None:
    assert find_personal_ids("min mamma 121212+1212 och jag 198112289874") == [
        "19121212-1212",
        "19811228-9874",
    ]
