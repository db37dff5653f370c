"""SLA clocks that run in the queue's opening hours, like the people who answer.

A case filed on Friday evening with a four-hour first-response SLA is due on Monday morning, not
in the night to Saturday. Hours count only inside the queue's opening hours (local time,
Europe/Stockholm), and not on Swedish public holidays. A queue without opening hours is staffed
around the clock: its SLA counts calendar hours.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

LOCAL_TIME = ZoneInfo("Europe/Stockholm")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WINDOW = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")
SEARCH_DAYS = 400  # more than a year without an open hour means the opening hours are broken


class InvalidOpeningHours(ValueError):
    """An opening-hours value is not "HH:MM-HH:MM" with the start before the end."""


def parse_window(value: str) -> tuple[time, time]:
    match = WINDOW.match(value.strip())
    if not match:
        raise InvalidOpeningHours(f"opening hours must look like 08:00-16:30, got {value!r}")
    start_h, start_m, end_h, end_m = (int(part) for part in match.groups())
    try:
        start, end = time(start_h, start_m), time(end_h, end_m)
    except ValueError as exc:
        raise InvalidOpeningHours(f"not a time of day in {value!r}") from exc
    if start >= end:
        raise InvalidOpeningHours(f"opening hours end before they start: {value!r}")
    return start, end


@lru_cache(maxsize=8)
def _public_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("SE", years=year)


def is_public_holiday(day: date) -> bool:
    return day in _public_holidays(day.year)


def due_after(start: datetime, hours: float, opening_hours: Mapping[str, str]) -> datetime:
    """When `hours` of open time have passed since `start` (timezone-aware); returned in UTC."""
    if start.tzinfo is None:
        raise ValueError("start must be timezone-aware")
    if not opening_hours:
        return (start + timedelta(hours=hours)).astimezone(UTC)
    windows = {day: parse_window(value) for day, value in opening_hours.items()}
    remaining = timedelta(hours=hours)
    cursor = start.astimezone(LOCAL_TIME)
    for offset in range(SEARCH_DAYS):
        day = cursor.date() + timedelta(days=offset)
        window = windows.get(WEEKDAYS[day.weekday()])
        if window is None or is_public_holiday(day):
            continue
        opens = datetime.combine(day, window[0], tzinfo=LOCAL_TIME)
        closes = datetime.combine(day, window[1], tzinfo=LOCAL_TIME)
        begin = max(opens, cursor)
        if begin >= closes:
            continue
        available = closes - begin
        if remaining <= available:
            return (begin + remaining).astimezone(UTC)
        remaining -= available
    raise InvalidOpeningHours(f"no open hours in the next {SEARCH_DAYS} days")
