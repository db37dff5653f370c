"""A chat user and a staff member talking to the running stack over HTTP, for end-to-end tests."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.conftest import RunningStack

REFERENCE = re.compile(r"\b[A-Z]{2}-\d{4}-\d{6}\b")
SECRET = re.compile(r"(?:kod är|code is) ([A-Z0-9]{8,})")


@dataclass
class Reply:
    topic: str
    confidence: float
    lang: str
    messages: list[dict[str, Any]]

    @property
    def text(self) -> str:
        return "\n".join(str(message.get("text") or "") for message in self.messages)

    def reference(self) -> str:
        found = REFERENCE.search(self.text)
        assert found, f"no case reference in {self.text!r}"
        return found.group()

    def secret(self) -> str:
        found = SECRET.search(self.text)
        assert found, f"no case code in {self.text!r}"
        return found.group(1)


@dataclass
class Conversation:
    """One chat session through the public gateway, as the web page uses it."""

    stack: RunningStack
    session_id: str | None = None
    replies: list[Reply] = field(default_factory=list)

    def say(self, text: str, **extra: str) -> Reply:
        body: dict[str, str] = {"text": text, **extra}
        if self.session_id:
            body["session_id"] = self.session_id
        response = httpx.post(f"{self.stack.api_url}/api/v1/chat", json=body, timeout=60)
        assert response.status_code == 200, response.text
        data = response.json()
        self.session_id = data["session_id"]
        reply = Reply(data["topic"], data["confidence"], data["lang"], data["messages"])
        self.replies.append(reply)
        return reply


def staff_client(stack: RunningStack, email: str, password: str) -> httpx.Client:
    """An HTTP client logged in to the staff API with a bearer token."""
    login = httpx.post(
        f"{stack.api_url}/api/v1/staff/login",
        json={"email": email, "password": password},
        timeout=10,
    )
    assert login.status_code == 200, login.text
    token = login.json()["access_token"]
    return httpx.Client(
        base_url=f"{stack.api_url}/api/v1/staff",
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )


def latest_sms_code(stack: RunningStack, phone: str) -> str:
    """The one-time code from the demo SMS gateway's outbox: the test plays the employee's phone."""
    path = stack.database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        row = connection.execute(
            "SELECT body FROM sms_outbox WHERE to_phone = ? ORDER BY id DESC LIMIT 1", (phone,)
        ).fetchone()
    assert row, f"no SMS was sent to {phone}"
    found = re.search(r"\b\d{6}\b", row[0])
    assert found, "the SMS has no six-digit code"
    return found.group()


def read_logs(stack: RunningStack) -> str:
    return "".join(path.read_text(errors="replace") for path in stack.log_dir.glob("*.log"))
