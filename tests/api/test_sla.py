"""The SLA clock counts the queue's opening hours in Swedish local time, minus public holidays."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from api.content import QueueConfig
from api.services.sla import InvalidOpeningHours, due_after

STOCKHOLM = ZoneInfo("Europe/Stockholm")
WEEKDAYS_7_30_TO_17 = {day: "07:30-17:00" for day in ("mon", "tue", "wed", "thu")} | {
    "fri": "07:30-16:00"
}  # IT support in the Mittköping content pack


def local(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=STOCKHOLM)


@pytest.mark.parametrize(
    ("created", "hours", "due"),
    [
        # Inside the day: plain addition.
        (local(2026, 11, 23, 10, 0), 4, local(2026, 11, 23, 14, 0)),
        # Friday afternoon: one hour left on Friday, three on Monday morning.
        (local(2026, 11, 27, 15, 0), 4, local(2026, 11, 30, 10, 30)),
        # Saturday: the clock starts when the queue opens on Monday.
        (local(2026, 11, 28, 12, 0), 4, local(2026, 11, 30, 11, 30)),
        # Before opening on a Tuesday.
        (local(2026, 11, 24, 6, 0), 4, local(2026, 11, 24, 11, 30)),
        # After closing: the next morning.
        (local(2026, 11, 24, 18, 45), 1, local(2026, 11, 25, 8, 30)),
        # Easter: Good Friday (3 April 2026) and Easter Monday (6 April) are public holidays.
        (local(2026, 4, 2, 16, 0), 4, local(2026, 4, 7, 10, 30)),
        # Summer time starts on Sunday 29 March 2026: Monday's 07:30 is 05:30 UTC, not 06:30.
        (local(2026, 3, 27, 15, 30), 1, local(2026, 3, 30, 8, 0)),
        # 24 working hours: Monday 9 h, Tuesday 9.5 h, then 5.5 h on Wednesday.
        (local(2026, 11, 23, 8, 0), 24, local(2026, 11, 25, 13, 0)),
    ],
)
def test_due_counts_only_open_hours(created: datetime, hours: int, due: datetime) -> None:
    result = due_after(created.astimezone(UTC), hours, WEEKDAYS_7_30_TO_17)
    assert result == due
    assert result.tzinfo is not None
    assert result.utcoffset() == UTC.utcoffset(None)


def test_summer_time_monday_morning_in_utc() -> None:
    due = due_after(local(2026, 3, 27, 15, 30), 1, WEEKDAYS_7_30_TO_17)
    assert due == datetime(2026, 3, 30, 6, 0, tzinfo=UTC)


def test_a_queue_without_opening_hours_counts_calendar_hours() -> None:
    created = local(2026, 11, 28, 23, 0)  # Saturday night
    assert due_after(created, 4, {}) == local(2026, 11, 29, 3, 0)


@pytest.mark.parametrize("window", ["8-16", "08:00", "16:00-08:00", "08:00-08:00", "25:00-26:00"])
def test_broken_opening_hours_are_refused(window: str) -> None:
    with pytest.raises(InvalidOpeningHours):
        due_after(local(2026, 11, 23, 10, 0), 1, {"mon": window})


def test_a_naive_start_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        due_after(datetime(2026, 11, 23, 10, 0), 1, WEEKDAYS_7_30_TO_17)


def test_the_content_pack_is_checked_when_it_is_read() -> None:
    queue = {
        "id": "it_support",
        "prefix": "IT",
        "name": {"sv": "IT-support", "en": "IT support"},
        "sla": {"first_response_hours": 4, "resolution_hours": 24},
    }
    QueueConfig.model_validate(queue | {"opening_hours": {"mon": "08:00-16:00"}})
    with pytest.raises(ValidationError, match="unknown weekday"):
        QueueConfig.model_validate(queue | {"opening_hours": {"monday": "08:00-16:00"}})
    with pytest.raises(ValidationError, match="end before they start"):
        QueueConfig.model_validate(queue | {"opening_hours": {"mon": "16:00-08:00"}})
