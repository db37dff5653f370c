"""Who to call: the contact centre and the departments, each phone number and its hours in one
place of the content pack.

`municipality.yml` has `contact_centre` and `departments`. An entry either has a `queue` (its
hours are that queue's opening hours in `queues.yml`, the same ones the SLA clock uses) or its
own `phone_hours` (a phone time shorter than the office's day), never both.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from actions.content import ContentError, load_content, localized
from actions.deadlines import WEEKDAYS

MUNICIPALITY_FILE = "municipality.yml"
QUEUES_FILE = "queues.yml"
CONTACT_CENTRE = "contact_centre"
DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
AND = {"sv": "och", "en": "and"}
DASH = "\u2013"  # an en dash between days and times, as Swedish typography writes ranges


@dataclass(frozen=True)
class Contact:
    """A department as a person reads it: name, phone number and when to call, in one language."""

    name: str
    phone: str
    hours: str


def department_entry(department_id: str) -> dict[str, Any]:
    """The raw entry for `department_id` ("contact_centre" is the municipality's own)."""
    municipality = load_content(MUNICIPALITY_FILE)
    if department_id == CONTACT_CENTRE:
        return dict(municipality[CONTACT_CENTRE])
    departments = municipality.get("departments") or {}
    if department_id not in departments:
        raise ContentError(f"no department {department_id!r} in {MUNICIPALITY_FILE}")
    return dict(departments[department_id])


def department_hours(entry: Mapping[str, Any]) -> dict[str, list[str]]:
    """Weekday → ["HH:MM-HH:MM", …], from the entry's queue or its own `phone_hours`."""
    if ("queue" in entry) == ("phone_hours" in entry):
        raise ContentError(f"a department needs exactly one of queue, phone_hours: {entry}")
    if "queue" in entry:
        queues = {queue["id"]: queue for queue in load_content(QUEUES_FILE)["queues"]}
        if entry["queue"] not in queues:
            raise ContentError(f"unknown queue {entry['queue']!r} in {MUNICIPALITY_FILE}")
        raw = queues[entry["queue"]].get("opening_hours") or {}
    else:
        raw = entry["phone_hours"]
    unknown = set(raw) - set(DAY_KEYS)
    if unknown:
        raise ContentError(f"unknown weekdays {sorted(unknown)} in {MUNICIPALITY_FILE}")
    return {day: [raw[day]] if isinstance(raw[day], str) else list(raw[day]) for day in raw}


def contact(department_id: str, lang: str) -> Contact:
    """Name, phone and hours of a department (or the contact centre) in `lang`."""
    entry = department_entry(department_id)
    hours = hours_text(department_hours(entry), lang)
    if "note" in entry:
        hours = f"{hours} ({localized(entry['note'], lang)})"
    return Contact(str(localized(entry["name"], lang)), str(entry["phone"]), hours)


def hours_text(hours: Mapping[str, list[str]], lang: str) -> str:
    """Hours as words, days grouped: "måndag-torsdag 8.00-16.00, fredag 8.00-15.00" in Swedish,
    "Monday-Thursday 08:00-16:00, Friday 08:00-15:00" in English (with en dashes)."""
    lang = lang if lang in WEEKDAYS else "sv"
    groups: list[tuple[int, int, tuple[str, ...]]] = []  # first day, last day, windows
    for index, day in enumerate(DAY_KEYS):
        windows = tuple(hours.get(day) or ())
        if not windows:
            continue
        if groups and groups[-1][1] == index - 1 and groups[-1][2] == windows:
            groups[-1] = (groups[-1][0], index, windows)
        else:
            groups.append((index, index, windows))
    names = WEEKDAYS[lang]
    parts = []
    for first, last, windows in groups:
        days = names[first] if first == last else f"{names[first]}{DASH}{names[last]}"
        times = f" {AND[lang]} ".join(_window_text(window, lang) for window in windows)
        parts.append(f"{days} {times}")
    return ", ".join(parts)


def _window_text(window: str, lang: str) -> str:
    start, _, end = window.partition("-")
    return f"{_time_text(start, lang)}{DASH}{_time_text(end, lang)}"


def _time_text(value: str, lang: str) -> str:
    hour, _, minute = value.strip().partition(":")
    if lang == "en":
        return f"{int(hour):02d}:{minute}"
    return f"{int(hour)}.{minute}"
