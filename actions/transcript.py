"""The conversation as ticket transcript: user and bot turns, personal data redacted."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any

import swedish

# Answers to these slots never leave the bot (one-time codes, ticket secrets).
SECRET_SLOTS = frozenset({"otp_code", "ticket_secret"})
# Values a bot message was filled with that are secrets (`utter_message(secret=...)`): Rasa
# keeps a response's template values in the bot event's metadata, so a ticket code the bot
# told the user is hidden from the transcript of any later ticket of the same session.
SECRET_MESSAGE_VALUES = frozenset({"secret", "otp_code"})
# Answers to these are masked when they hold a valid personnummer and hidden otherwise
# (a mistyped personnummer is still personal data that redact() would not recognise).
PERSONAL_ID_SLOTS = frozenset({"personal_id"})
HIDDEN_TEXT = "[dolt]"
MIN_SECRET_LENGTH = 6  # one-time codes have 6 digits, ticket secrets 10 characters
# The API takes at most this many lines of at most this many characters (TicketCreate).
MAX_LINES = 500
MAX_TEXT = 5000
TRUNCATED_TEXT = "[… {count} tidigare rader utelämnade]"
CUT_TEXT = " […]"


def _iso(timestamp: float | None) -> str:
    moment = datetime.fromtimestamp(timestamp or 0, tz=timezone.utc)
    return moment.isoformat().replace("+00:00", "Z")


def known_secrets(events: Iterable[dict[str, Any]]) -> set[str]:
    """Secret values seen in the conversation: secret slots set, secrets the bot told."""
    secrets: set[str] = set()
    for event in events:
        kind = event.get("event")
        if kind == "slot" and event.get("name") in SECRET_SLOTS:
            value = event.get("value")
        elif kind == "bot":
            metadata = event.get("metadata") or {}
            for key in SECRET_MESSAGE_VALUES & set(metadata):
                secrets.add(str(metadata[key]).strip())
            continue
        else:
            continue
        if value not in (None, ""):
            secrets.add(str(value).strip())
    # shorter values are not codes (a wrong guess like "fel" must not hide every "fel")
    return {secret for secret in secrets if len(secret) >= MIN_SECRET_LENGTH}


def _hide_secrets(text: str, secrets: set[str]) -> str:
    for secret in sorted(secrets, key=len, reverse=True):  # longest first: no partial leftovers
        text = re.sub(re.escape(secret), HIDDEN_TEXT, text, flags=re.IGNORECASE)
    return text


def build_transcript(
    events: Iterable[dict[str, Any]], max_lines: int = MAX_LINES
) -> list[dict[str, str]]:
    """Turns of the current conversation as `{"role", "text", "timestamp"}`, redacted.

    Personnummer are masked with `swedish.redact`; a user's answer to a secret slot
    (one-time code, ticket code) is replaced by a placeholder, and so is every occurrence of
    a secret the bot told or a secret slot held. A conversation longer than `max_lines`
    keeps its latest lines after a marker line saying how many were left out.
    """
    events = list(events)
    secrets = known_secrets(events)
    turns: list[dict[str, str]] = []
    requested_slot: str | None = None
    for event in events:
        kind = event.get("event")
        if kind == "slot" and event.get("name") == "requested_slot":
            requested_slot = event.get("value")
        elif kind == "active_loop" and event.get("name") is None:
            requested_slot = None
        elif kind == "user" and event.get("text"):
            text = str(event["text"])
            hidden = requested_slot in SECRET_SLOTS or (
                requested_slot in PERSONAL_ID_SLOTS and swedish.redact(text) == text
            )
            if hidden:
                text = HIDDEN_TEXT
            turns.append(_turn("user", text, event.get("timestamp"), secrets))
        elif kind == "bot" and event.get("text"):
            turns.append(_turn("bot", str(event["text"]), event.get("timestamp"), secrets))
    return _keep_latest(turns, max_lines)


def _keep_latest(turns: list[dict[str, str]], max_lines: int) -> list[dict[str, str]]:
    if len(turns) <= max_lines:
        return turns
    kept = turns[len(turns) - (max_lines - 1) :]
    marker = {
        "role": "bot",
        "text": TRUNCATED_TEXT.format(count=len(turns) - len(kept)),
        "timestamp": kept[0]["timestamp"],
    }
    return [marker, *kept]


def _turn(role: str, text: str, timestamp: float | None, secrets: set[str]) -> dict[str, str]:
    text = _hide_secrets(swedish.redact(text), secrets)
    if len(text) > MAX_TEXT:
        text = text[: MAX_TEXT - len(CUT_TEXT)] + CUT_TEXT
    return {"role": role, "text": text, "timestamp": _iso(timestamp)}
