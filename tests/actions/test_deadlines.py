from __future__ import annotations

import pytest

from actions.deadlines import format_deadline


@pytest.mark.parametrize(
    ("iso", "lang", "expected"),
    [
        ("2026-11-30T09:30:00Z", "sv", "måndag 30 november kl. 10.30"),  # winter: UTC+1
        ("2026-06-01T08:00:00+00:00", "sv", "måndag 1 juni kl. 10.00"),  # summer: UTC+2
        ("2026-11-30T09:30:00Z", "en", "Monday 30 November at 10:30"),
        ("2026-12-31T22:30:00Z", "sv", "torsdag 31 december kl. 23.30"),
        ("2027-01-01T00:30:00Z", "en", "Friday 1 January at 01:30"),  # a new year in Sweden
        ("2026-11-30T09:30:00Z", "fi", "måndag 30 november kl. 10.30"),  # unknown: Swedish
    ],
)
def test_due_time_in_local_words(iso: str, lang: str, expected: str) -> None:
    assert format_deadline(iso, lang) == expected


def test_an_unreadable_value_is_shown_as_it_is() -> None:
    assert format_deadline("snart", "sv") == "snart"
