"""Fixtures for action tests: a local API stub, the content pack, trackers from JSON."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from api_stub import ApiStub, start_stub  # noqa: E402

from actions import content  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TOKEN = "test-bot-token"


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> Iterator[ApiStub]:
    """A real HTTP server on a free localhost port; the actions are pointed at it."""
    stub = start_stub()
    monkeypatch.setenv("INGANG_API_URL", stub.url)
    monkeypatch.setenv("BOT_SERVICE_TOKEN", TOKEN)
    yield stub
    stub.server.shutdown()
    stub.server.server_close()


@pytest.fixture(autouse=True)
def content_pack(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("CONTENT_PACK", "content/mittkoping")
    content.clear_cache()
    yield
    content.clear_cache()


@pytest.fixture
def domain() -> dict[str, Any]:
    """The merged domain (responses, slots, forms) as the action server receives it."""
    import yaml

    merged: dict[str, dict[str, Any]] = {"responses": {}, "slots": {}, "forms": {}}
    for path in sorted((ROOT / "bot" / "domain").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, part in merged.items():
            part.update(data.get(key) or {})
    return merged


def load_tracker(name: str, **slot_overrides: Any) -> Tracker:
    """A tracker rebuilt from `fixtures/<name>.json`, with optional slot changes."""
    state = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    state["slots"] = {**state.get("slots", {}), **slot_overrides}
    return Tracker.from_dict(state)


def run_action(
    action: Action, tracker: Tracker, domain: dict[str, Any] | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Run an action; return (events, messages) as plain dicts."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, domain or {"responses": {}}))
    return [dict(event) for event in events], dispatcher.messages


def run_validation(
    action: Action, tracker: Tracker, domain: dict[str, Any]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Run a FormValidationAction the way the action server does (`run`)."""
    return run_action(action, tracker, domain)


def message(response: str, **kwargs: Any) -> dict[str, Any]:
    """The dict CollectingDispatcher records for `utter_message(response=..., **kwargs)`."""
    return {
        "text": None,
        "buttons": [],
        "elements": [],
        "custom": {},
        "template": response,
        "response": response,
        "image": None,
        "attachment": None,
        **kwargs,
    }


def text_message(text: str) -> dict[str, Any]:
    return {
        "text": text,
        "buttons": [],
        "elements": [],
        "custom": {},
        "template": None,
        "response": None,
        "image": None,
        "attachment": None,
    }
