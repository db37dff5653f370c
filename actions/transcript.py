"""The conversation as ticket transcript: user and bot turns, personal data redacted."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any

import swedish

# Answers to these slots never leave the bot (one-time codes, ticket secrets).
SECRET_SLOTS = frozenset({"otp_code", "ticket_secret"})
# Answers to these are masked when they hold a valid personnummer and hidden otherwise
# (a mistyped personnummer is still personal data that redact() would not recognise).
PERSONAL_ID_SLOTS = frozenset({"personal_id"})
HIDDEN_TEXT = "[dolt]"


def _iso(timestamp: float | None) -> str:
    moment = datetime.fromtimestamp(timestamp or 0, tz=timezone.utc)
    return moment.isoformat().replace("+00:00", "Z")


def build_transcript(events: Iterable[dict[str, Any]]) -> list[dict[str, str]]:
    """Turns of the current conversation as `{"role", "text", "timestamp"}`, redacted.

    Personnummer are masked with `swedish.redact`; a user's answer to a secret slot
    (one-time code, ticket code) is replaced by a placeholder.
    """
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
            turns.append(_turn("user", text, event.get("timestamp")))
        elif kind == "bot" and event.get("text"):
            turns.append(_turn("bot", str(event["text"]), event.get("timestamp")))
    return turns


def _turn(role: str, text: str, timestamp: float | None) -> dict[str, str]:
    return {"role": role, "text": swedish.redact(text), "timestamp": _iso(timestamp)}
