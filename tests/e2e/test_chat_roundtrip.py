"""End to end: the real Rasa server, action server and API as processes, talked to over HTTP."""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import RunningStack

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def chat(stack: RunningStack, text: str, session_id: str | None = None, **extra: str) -> dict:
    body: dict[str, str] = {"text": text, **extra}
    if session_id:
        body["session_id"] = session_id
    response = httpx.post(f"{stack.api_url}/api/v1/chat", json=body, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


def test_greeting_gets_a_swedish_answer_and_a_new_session(running_stack: RunningStack) -> None:
    reply = chat(running_stack, "Hej!")
    assert reply["topic"] == "greet"
    assert reply["confidence"] > 0.5
    assert len(reply["session_id"]) >= 16
    assert reply["messages"], "the bot said nothing"
    assert reply["lang"] == "sv"


def test_session_is_kept_across_turns(running_stack: RunningStack) -> None:
    first = chat(running_stack, "hej")
    second = chat(running_stack, "tack för hjälpen", session_id=first["session_id"])
    assert second["session_id"] == first["session_id"]
    assert second["topic"] == "thanks"


def test_readyz_sees_rasa_actions_and_database(running_stack: RunningStack) -> None:
    response = httpx.get(f"{running_stack.api_url}/readyz", timeout=10)
    assert response.status_code == 200, response.text


def test_rasa_http_api_requires_the_gateway_token(running_stack: RunningStack) -> None:
    without = httpx.get(f"{running_stack.rasa_url}/status", timeout=10)
    assert without.status_code == 401
    token = running_stack.env["RASA_TOKEN"]
    with_token = httpx.get(f"{running_stack.rasa_url}/status", params={"token": token}, timeout=10)
    assert with_token.status_code == 200
