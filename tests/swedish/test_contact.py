from __future__ import annotations

import pytest

from swedish import InvalidPhoneNumber, format_phone, is_valid_email, normalize_phone


@pytest.mark.parametrize(
    ("written", "e164"),
    [
        ("070-123 45 67", "+46701234567"),
        ("0701234567", "+46701234567"),
        ("+46 70 123 45 67", "+46701234567"),
        ("0046701234567", "+46701234567"),
        ("08-123 456 78", "+46812345678"),
        ("013-12 34 56", "+4613123456"),
    ],
)
def test_swedish_numbers_normalize_to_e164(written: str, e164: str) -> None:
    assert normalize_phone(written) == e164


@pytest.mark.parametrize("bad", ["", "123", "070-12", "hej", "+46 70 123 45 67 89 00"])
def test_invalid_numbers_raise(bad: str) -> None:
    with pytest.raises(InvalidPhoneNumber):
        normalize_phone(bad)


def test_format_phone_is_national_for_swedish_numbers() -> None:
    assert format_phone("+46701234567") == "070-123 45 67"
    assert format_phone("+4520123456") == "+45 20 12 34 56"


@pytest.mark.parametrize("good", ["anna.svensson@mittkoping.se", "it+support@kommun.se"])
def test_valid_email(good: str) -> None:
    assert is_valid_email(good)


@pytest.mark.parametrize("bad", ["anna@", "@kommun.se", "a b@kommun.se", "anna@kommun", ""])
def test_invalid_email(bad: str) -> None:
    assert not is_valid_email(bad)
