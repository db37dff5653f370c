"""Typed HTTP client for the Rasa server's REST channel and HTTP API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from api.errors import AssistantUnavailable


@dataclass(frozen=True)
class BotMessage:
    text: str
    buttons: list[dict[str, str]]


@dataclass(frozen=True)
class Intent:
    name: str | None
    confidence: float


class RasaClient:
    """Talks to Rasa; every transport failure or bad status becomes `AssistantUnavailable`."""

    def __init__(self, base_url: str, token: str, timeout_seconds: float) -> None:
        self._token = token
        self._http = httpx.Client(base_url=base_url.rstrip("/"), timeout=timeout_seconds)

    def close(self) -> None:
        self._http.close()

    def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            response = self._http.request(method, path, **kwargs)
            response.raise_for_status()
            return response.json()
        except httpx.TimeoutException as exc:
            raise AssistantUnavailable("rasa_timeout") from exc
        except (httpx.HTTPError, ValueError) as exc:
            raise AssistantUnavailable(f"rasa_error:{type(exc).__name__}") from exc

    def send_message(self, sender: str, text: str, metadata: dict[str, Any]) -> list[BotMessage]:
        """Post to the REST webhook; returns the bot's text messages (images etc. dropped)."""
        payload = {"sender": sender, "message": text, "metadata": metadata}
        data = self._request("POST", "/webhooks/rest/webhook", json=payload)
        if not isinstance(data, list):
            raise AssistantUnavailable("rasa_bad_reply")
        messages = []
        for item in data:
            if not isinstance(item, dict) or not item.get("text"):
                continue
            buttons = [
                {"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
                for b in item.get("buttons") or []
                if isinstance(b, dict)
            ]
            messages.append(BotMessage(text=str(item["text"]), buttons=buttons))
        return messages

    def latest_intent(self, sender: str) -> Intent:
        """Intent and confidence of the latest user message, from the tracker.

        Read from the last `user` event, not `latest_message`: Rasa's default fallback action
        reverts the user utterance, after which `latest_message` shows the turn before.
        """
        tracker = self._request(
            "GET", f"/conversations/{sender}/tracker", params={"token": self._token}
        )
        if not isinstance(tracker, dict):
            raise AssistantUnavailable("rasa_bad_tracker")
        user_events = [
            event
            for event in tracker.get("events") or []
            if isinstance(event, dict) and event.get("event") == "user"
        ]
        parsed = user_events[-1].get("parse_data") if user_events else None
        message = parsed if isinstance(parsed, dict) else tracker.get("latest_message") or {}
        intent = message.get("intent") or {}
        name = intent.get("name")
        return Intent(
            name=str(name) if name else None, confidence=float(intent.get("confidence") or 0.0)
        )

    def is_ready(self) -> bool:
        """True when `/status` answers with the token (Rasa up with a model loaded)."""
        try:
            self._request("GET", "/status", params={"token": self._token})
        except AssistantUnavailable:
            return False
        return True
