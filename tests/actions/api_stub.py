"""A small real HTTP server speaking the bot-facing API contract, for action tests.

The real API is exercised by the end-to-end tests; here each test sets the answers it needs
(`stub.respond(method, path, status, body)`) and inspects the requests the actions made.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit


@dataclass
class RecordedRequest:
    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: Any


@dataclass
class ApiStub:
    server: ThreadingHTTPServer
    responses: dict[tuple[str, str], list[tuple[int, Any]]] = field(default_factory=dict)
    requests: list[RecordedRequest] = field(default_factory=list)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def respond(self, method: str, path: str, status: int, body: Any) -> None:
        """Queue an answer for `method path` (the last one queued repeats)."""
        self.responses.setdefault((method, path), []).append((status, body))

    def answer_for(self, method: str, path: str) -> tuple[int, Any]:
        queued = self.responses.get((method, path))
        if not queued:
            return 404, {"detail": "Not found", "error": "not_found"}
        return queued.pop(0) if len(queued) > 1 else queued[0]


def start_stub() -> ApiStub:
    stub_holder: list[ApiStub] = []

    class Handler(BaseHTTPRequestHandler):
        def _handle(self) -> None:
            stub = stub_holder[0]
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            stub.requests.append(
                RecordedRequest(
                    method=self.command,
                    path=parts.path,
                    query=parts.query,
                    headers={k.lower(): v for k, v in self.headers.items()},
                    body=json.loads(raw) if raw else None,
                )
            )
            status, body = stub.answer_for(self.command, parts.path)
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = _handle
        do_POST = _handle

        def log_message(self, format: str, *args: Any) -> None:  # quiet test output
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    stub = ApiStub(server=server)
    stub_holder.append(stub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return stub
