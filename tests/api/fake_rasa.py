"""A tiny stand-in for the Rasa server (REST webhook + tracker), run in a thread."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse


@dataclass
class FakeRasaBehaviour:
    replies: list[dict[str, Any]] = field(
        default_factory=lambda: [{"text": "Hej! Hur kan jag hjälpa dig?"}]
    )
    intent: str | None = "greet"
    confidence: float = 0.98
    delay_seconds: float = 0.0
    token: str = "test-rasa-token"
    received: list[dict[str, Any]] = field(default_factory=list)
    tracker_tokens: list[str] = field(default_factory=list)
    # As after Rasa's default fallback (UserUtteranceReverted): `latest_message` is a turn behind.
    stale_latest_message: bool = False


class FakeRasa:
    """Serves `/webhooks/rest/webhook`, `/conversations/{id}/tracker` and `/status`."""

    def __init__(self, behaviour: FakeRasaBehaviour | None = None) -> None:
        self.behaviour = behaviour or FakeRasaBehaviour()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> FakeRasa:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        behaviour = self.behaviour

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: Any) -> None:  # keep test output quiet
                pass

            def _send(self, status: int, body: Any) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                payload = json.loads(self.rfile.read(length) or b"{}")
                if self.path != "/webhooks/rest/webhook":
                    self._send(404, {})
                    return
                time.sleep(behaviour.delay_seconds)
                behaviour.received.append(payload)
                replies = [{"recipient_id": payload["sender"], **r} for r in behaviour.replies]
                self._send(200, replies)

            def do_GET(self) -> None:
                parsed = urlparse(self.path)
                if parsed.path == "/health":  # the action server's probe
                    self._send(200, {"status": "ok"})
                    return
                token = parse_qs(parsed.query).get("token", [""])[0]
                if token != behaviour.token:
                    self._send(401, {"message": "bad token"})
                    return
                if parsed.path == "/status":
                    self._send(200, {"model_file": "ingang.tar.gz"})
                    return
                if parsed.path.startswith("/conversations/") and parsed.path.endswith("/tracker"):
                    behaviour.tracker_tokens.append(token)
                    intent = {"name": behaviour.intent, "confidence": behaviour.confidence}
                    latest = {"name": "greet", "confidence": 1.0}
                    events = [
                        {"event": "user", "parse_data": {"intent": latest}},
                        {"event": "action", "name": "action_listen"},
                        {"event": "user", "parse_data": {"intent": intent}},
                        {"event": "action", "name": "action_default_fallback"},
                    ]
                    body = {
                        "latest_message": {
                            "intent": latest if behaviour.stale_latest_message else intent
                        },
                        "events": events,
                    }
                    self._send(200, body)
                    return
                self._send(404, {})

        return Handler
