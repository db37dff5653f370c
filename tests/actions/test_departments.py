"""Whom to call: each phone number and its hours are written once in the content pack."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from actions.content import ContentError, content_pack_dir, load_content
from actions.departments import contact, department_entry, department_hours, hours_text

PHONE = re.compile(r"\b0\d{1,3}-\d{2,3} \d{2} \d{2}\b")


def department_ids() -> list[str]:
    return ["contact_centre", *load_content("municipality.yml")["departments"]]


def test_every_checklist_names_a_known_department() -> None:
    known = set(department_ids())
    events = load_content("life_events.yml")["events"]
    assert {event["contact"] for event in events.values()} <= known


@pytest.mark.parametrize("department_id", department_ids())
def test_hours_come_from_exactly_one_place(department_id: str) -> None:
    entry = department_entry(department_id)
    assert ("queue" in entry) != ("phone_hours" in entry)
    assert department_hours(entry), "no hours at all"
    for lang in ("sv", "en"):
        assert contact(department_id, lang).hours


def test_phone_numbers_and_hours_are_written_once() -> None:
    phones = [str(department_entry(d)["phone"]) for d in department_ids()]
    assert len(phones) == len(set(phones))
    # The checklists and the out-of-scope answers name whom to call, never a number or hours.
    pack = Path(content_pack_dir())
    for name in ("life_events.yml", "authorities.yml"):
        text = (pack / name).read_text(encoding="utf-8")
        assert not set(PHONE.findall(text)) & set(phones), name
        assert not re.search(r"\b\d{1,2}[.:]\d{2}\s*[–-]\s*\d{1,2}[.:]\d{2}", text), name  # noqa: RUF001


def test_contact_centre_hours_are_its_queues_opening_hours() -> None:
    queue = next(q for q in load_content("queues.yml")["queues"] if q["id"] == "contact_centre")
    assert queue["opening_hours"]["fri"] == "08:00-16:30"
    assert contact("contact_centre", "sv").hours == "måndag–fredag 8.00–16.30"  # noqa: RUF001
    assert contact("contact_centre", "en").hours == "Monday–Friday 08:00–16:30"  # noqa: RUF001


def test_hours_text_groups_days_and_lunch_breaks() -> None:
    hours = {
        "mon": ["08:00-12:00", "13:00-16:00"],
        "tue": ["08:00-12:00", "13:00-16:00"],
        "wed": ["08:00-12:00", "13:00-16:00"],
        "fri": ["08:00-15:00"],
    }
    assert hours_text(hours, "sv") == (
        "måndag–onsdag 8.00–12.00 och 13.00–16.00, fredag 8.00–15.00"  # noqa: RUF001
    )
    assert hours_text(hours, "en") == (
        "Monday–Wednesday 08:00–12:00 and 13:00–16:00, Friday 08:00–15:00"  # noqa: RUF001
    )


def test_street_parks_note_follows_the_queue_hours() -> None:
    assert contact("street_parks", "en") == contact("street_parks", "en").__class__(
        name="Streets and Parks",
        phone="070-174 06 40",
        hours="Monday–Thursday 08:00–16:00, Friday 08:00–15:00 (urgent faults day and night)",  # noqa: RUF001
    )


def test_unknown_department_is_a_content_error() -> None:
    with pytest.raises(ContentError):
        contact("parks_and_recreation", "sv")
