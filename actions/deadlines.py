"""When a person can expect an answer, said the way people say it ("måndag 30 november kl. 10.30").

The API counts SLA due times in the queue's opening hours, so "within 4 hours" would be wrong on
a Friday evening; the bot names the moment instead.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

LOCAL_TIME = ZoneInfo("Europe/Stockholm")
WEEKDAYS = {
    "sv": ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
MONTHS = {
    "sv": (
        "januari", "februari", "mars", "april", "maj", "juni",
        "juli", "augusti", "september", "oktober", "november", "december",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip


def format_deadline(iso: str, lang: str) -> str:
    """An ISO-8601 due time as local words: 'måndag 30 november kl. 10.30' / 'Monday 30 November
    at 10:30'. An unreadable value is returned unchanged rather than hidden."""
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    if moment.tzinfo is not None:
        moment = moment.astimezone(LOCAL_TIME)
    lang = lang if lang in WEEKDAYS else "sv"
    weekday = WEEKDAYS[lang][moment.weekday()]
    month = MONTHS[lang][moment.month - 1]
    if lang == "en":
        return f"{weekday} {moment.day} {month} at {moment:%H:%M}"
    return f"{weekday} {moment.day} {month} kl. {moment:%H.%M}"
