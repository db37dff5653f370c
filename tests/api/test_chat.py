from __future__ import annotations

import logging
import re
import shutil
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from api.models import Conversation, ConversationTurn
from api.services.replies import add_staff_reply
from tests.api.conftest import app_client, closed_port_url
from tests.api.factories import create_ticket, demo_staff, ticket_by_reference
from tests.api.fake_rasa import FakeRasa


def chat(client: TestClient, **body: Any) -> dict[str, Any]:
    response = client.post("/api/v1/chat", json=body)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def test_new_session_id_is_issued_when_none_is_given(client: TestClient) -> None:
    body = chat(client, text="hej")
    assert re.fullmatch(r"[0-9a-f]{32}", body["session_id"])
    assert chat(client, text="hej")["session_id"] != body["session_id"]


def test_given_session_id_is_kept_and_sent_to_rasa_as_sender(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    body = chat(client, session_id="abc123", text="Skrivaren är trasig")
    assert body["session_id"] == "abc123"
    assert fake_rasa.behaviour.received == [
        {
            "sender": "abc123",
            "message": "Skrivaren är trasig",
            "metadata": {"lang": "sv", "channel": "chat"},
        }
    ]


BUTTONS = [{"title": "Ja", "payload": "/affirm"}, {"title": "Nej", "payload": "/deny"}]


def test_reply_carries_rasa_messages_buttons_topic_and_confidence(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    fake_rasa.behaviour.replies = [
        {"text": "Vill du skapa ett ärende?"},
        {
            "text": "Välj:",
            "buttons": [
                {"title": "Ja", "payload": "/affirm"},
                {"title": "Nej", "payload": "/deny"},
            ],
        },
    ]
    fake_rasa.behaviour.intent = "it_printer"
    fake_rasa.behaviour.confidence = 0.91
    body = chat(client, text="skrivaren fungerar inte")
    assert body["messages"] == [
        {"text": "Vill du skapa ett ärende?"},
        {
            "text": "Välj:",
            "buttons": [
                {"title": "Ja", "payload": "/affirm"},
                {"title": "Nej", "payload": "/deny"},
            ],
        },
    ]
    assert (body["topic"], body["confidence"]) == ("it_printer", 0.91)
    assert fake_rasa.behaviour.tracker_tokens == ["test-rasa-token"]


def test_language_is_detected_when_absent_and_respected_when_given(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    assert chat(client, text="I forgot my password")["lang"] == "en"
    assert chat(client, text="I forgot my password", lang="sv")["lang"] == "sv"
    langs = [p["metadata"]["lang"] for p in fake_rasa.behaviour.received]
    assert langs == ["en", "sv"]


def test_short_message_keeps_the_sessions_language(client: TestClient) -> None:
    first = chat(client, text="Can you help me with my password?")
    assert first["lang"] == "en"
    assert chat(client, session_id=first["session_id"], text="ok")["lang"] == "en"
    assert chat(client, text="ok")["lang"] == "sv"  # new session: the default


def test_turn_is_logged_with_topic_and_confidence_but_never_the_text(
    client: TestClient, db_session: Session, fake_rasa: FakeRasa
) -> None:
    fake_rasa.behaviour.intent = "it_password_reset"
    fake_rasa.behaviour.confidence = 0.87
    secret_text = "mitt personnummer är 19121212-1212 och lösenordet hemligt123"
    body = chat(client, text=secret_text)
    conversation = db_session.scalars(
        select(Conversation).where(Conversation.session_id == body["session_id"])
    ).one()
    turns = db_session.scalars(
        select(ConversationTurn).where(ConversationTurn.conversation_id == conversation.id)
    ).all()
    assert [(t.topic, t.confidence, t.is_fallback) for t in turns] == [
        ("it_password_reset", 0.87, False)
    ]
    assert conversation.turn_count == 1
    for model in (conversation, *turns):
        values = [str(getattr(model, a.key)) for a in inspect(model).mapper.column_attrs]
        assert not any("19121212" in v or "hemligt123" in v for v in values)


@pytest.mark.parametrize(
    ("intent", "confidence", "fallback"),
    [("nlu_fallback", 0.95, True), ("it_printer", 0.2, True), ("it_printer", 0.8, False)],
)
def test_fallback_is_the_fallback_intent_or_low_confidence(
    client: TestClient,
    db_session: Session,
    fake_rasa: FakeRasa,
    intent: str,
    confidence: float,
    fallback: bool,
) -> None:
    fake_rasa.behaviour.intent = intent
    fake_rasa.behaviour.confidence = confidence
    chat(client, text="något")
    turn = db_session.scalars(select(ConversationTurn).order_by(ConversationTurn.id.desc())).first()
    assert turn is not None
    assert turn.is_fallback is fallback


def test_human_handoff_marks_the_conversation_handed_off(
    client: TestClient, db_session: Session, fake_rasa: FakeRasa
) -> None:
    fake_rasa.behaviour.intent = "human_handoff"
    body = chat(client, text="jag vill prata med en människa")
    conversation = db_session.scalars(
        select(Conversation).where(Conversation.session_id == body["session_id"])
    ).one()
    assert conversation.handed_off_at is not None


def test_pending_staff_reply_is_delivered_first_and_only_once(
    client: TestClient, db_session: Session, bot_headers: dict[str, str]
) -> None:
    session_id = chat(client, text="hej")["session_id"]
    created = create_ticket(client, bot_headers, "k-chat-1", session_id)
    ticket = ticket_by_reference(db_session, created["reference"])
    add_staff_reply(db_session, ticket, demo_staff(db_session), "Vi har bytt tonerkassetten.")
    db_session.commit()

    messages = chat(client, session_id=session_id, text="hej igen")["messages"]
    assert messages[0]["kind"] == "staff_reply"
    assert messages[0]["reference"] == created["reference"]
    assert messages[0]["text"] == "Vi har bytt tonerkassetten."
    assert messages[1:] == [{"text": "Hej! Hur kan jag hjälpa dig?"}]
    again = chat(client, session_id=session_id, text="tack")["messages"]
    assert all(m.get("kind") != "staff_reply" for m in again)


def test_internal_notes_are_never_delivered(
    client: TestClient, db_session: Session, bot_headers: dict[str, str]
) -> None:
    session_id = chat(client, text="hej")["session_id"]
    created = create_ticket(client, bot_headers, "k-chat-2", session_id)
    ticket = ticket_by_reference(db_session, created["reference"])
    message = add_staff_reply(db_session, ticket, demo_staff(db_session), "intern anteckning")
    message.internal = True
    db_session.commit()
    messages = chat(client, session_id=session_id, text="hej igen")["messages"]
    assert all(m.get("kind") != "staff_reply" for m in messages)


SWEDISH_APOLOGY = (
    "Förlåt, assistenten är inte tillgänglig just nu. Försök igen om en liten stund, "
    "eller ring kommunens kontaktcenter på 070-174 06 10."
)


def _assert_unavailable(
    response: Any, session_id: str | None = None, text: str = SWEDISH_APOLOGY
) -> None:
    assert response.status_code == 503
    body = response.json()
    assert body["error"] == "assistant_unavailable"
    assert body["messages"] == [{"text": text}]
    assert (
        body["session_id"] == session_id
        if session_id
        else re.fullmatch(r"[0-9a-f]{32}", body["session_id"])
    )


@pytest.mark.parametrize("settings_overrides", [{"rasa_url": closed_port_url()}])
def test_rasa_down_gives_503_with_swedish_apology(client: TestClient) -> None:
    _assert_unavailable(client.post("/api/v1/chat", json={"text": "hej"}))
    _assert_unavailable(client.post("/api/v1/chat", json={"session_id": "s1", "text": "hej"}), "s1")


@pytest.mark.parametrize("settings_overrides", [{"rasa_url": closed_port_url()}])
def test_rasa_down_apologises_in_english_to_an_english_user(client: TestClient) -> None:
    english = (
        "Sorry, the assistant is not available right now. Please try again in a moment, "
        "or call the municipality's contact centre on 070-174 06 10."
    )
    chosen = client.post("/api/v1/chat", json={"text": "hej", "lang": "en"})
    _assert_unavailable(chosen, text=english)
    detected = client.post("/api/v1/chat", json={"text": "Hello, is anyone there to help me?"})
    _assert_unavailable(detected, text=english)


def test_the_apology_comes_from_the_content_pack(
    database_url: str, db_session: Session, repo_root: Path, tmp_path: Path
) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(repo_root / "content" / "mittkoping", pack)
    facts = pack / "municipality.yml"
    data = yaml.safe_load(facts.read_text(encoding="utf-8"))
    data["contact_centre"]["phone"] = "070-174 06 99"
    data["assistant_unavailable"]["sv"] = "Nere just nu. Ring {phone}."
    facts.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with app_client(
        database_url, db_session, rasa_url=closed_port_url(), content_pack=str(pack)
    ) as client:
        response = client.post("/api/v1/chat", json={"text": "hej"})
    _assert_unavailable(response, text="Nere just nu. Ring 070-174 06 99.")


class _SlowHandler(BaseHTTPRequestHandler):
    def log_message(self, *_args: Any) -> None:
        pass

    def do_POST(self) -> None:
        self.server.release.wait(5)  # type: ignore[attr-defined]
        self.send_response(200)
        self.end_headers()


@pytest.fixture
def slow_rasa_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SlowHandler)
    server.daemon_threads = True
    server.release = threading.Event()  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    yield f"http://{host!s}:{port}"
    server.release.set()  # type: ignore[attr-defined]
    server.shutdown()
    server.server_close()


def test_rasa_slower_than_the_timeout_gives_503(
    database_url: str, db_session: Session, slow_rasa_url: str
) -> None:
    with app_client(
        database_url, db_session, rasa_url=slow_rasa_url, rasa_timeout_seconds=0.3
    ) as client:
        started = time.monotonic()
        response = client.post("/api/v1/chat", json={"session_id": "slow1", "text": "hej"})
        elapsed = time.monotonic() - started
    _assert_unavailable(response, "slow1")
    assert elapsed < 3


def test_topic_comes_from_the_last_user_event_even_after_a_reverted_utterance(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    fake_rasa.behaviour.intent = "it_password_reset"
    fake_rasa.behaviour.confidence = 0.77
    fake_rasa.behaviour.stale_latest_message = True  # latest_message says "greet"
    body = chat(client, text="I forgot my password")
    assert (body["topic"], body["confidence"]) == ("it_password_reset", 0.77)


def test_the_rasa_token_never_reaches_the_logs(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    chat(client, text="hej")
    tracker_lines = [r.getMessage() for r in caplog.records if "/tracker" in r.getMessage()]
    assert tracker_lines, "expected httpx to log the tracker request"
    assert all("token=***" in line for line in tracker_lines)
    assert "test-rasa-token" not in caplog.text
