"""Browser-test fixtures: Debian's chromium through Playwright, and the API as a real process.

`live_api` starts the API alone with uvicorn on a free port and a temp SQLite database, talking
to a small stand-in for Rasa (`FakeRasa`) so the staff and reply flows need no trained model.
The chat-with-the-real-bot flow uses the lead's `running_stack` fixture (tests/conftest.py).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import httpx
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RESULTS = ROOT / "test-results"
AXE = Path(__file__).resolve().parent / "vendor" / "axe-4.14.1.min.js"

BOT_TOKEN = "browser-bot-token-" + uuid.uuid4().hex
AGENT_EMAIL = "it@mittkoping.example"  # demo agent of it_support (content pack, DEMO_MODE)
AGENT_PASSWORD = "demo-agent-2026"

FAKE_ANSWER = "Prova att starta om skrivaren. Hjälpte det?"
# What the stand-in Rasa answers to `/ticket_status{"ticket_reference": …}` (the real bot asks
# for the case's code when the case is not this session's).
FAKE_CODE_QUESTION = "Vilken kod fick du när ärendet {reference} skapades?"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _FakeRasaHandler(BaseHTTPRequestHandler):
    """Answers the three Rasa HTTP calls the gateway makes, with fixed content."""

    def _json(self, body: Any, status: int = 200) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    # The last message per sender: "hej" is read as `greet`, anything else as `it_printer`.
    last_message: ClassVar[dict[str, str]] = {}

    def do_GET(self) -> None:
        if self.path.startswith("/conversations/"):
            sender = self.path.split("/")[2]
            greeting = self.last_message.get(sender) == "hej"
            intent = (
                {"name": "greet", "confidence": 0.99}
                if greeting
                else {
                    "name": "it_printer",
                    "confidence": 0.93,
                }
            )
            self._json({"latest_message": {"intent": intent}})
        else:
            self._json({"model_file": "fake.tar.gz"})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        sender = body.get("sender", "")
        message = str(body.get("message", ""))
        self.last_message[sender] = message
        if message == "/affirm":
            self._json([{"recipient_id": sender, "text": "Vad bra! Något mer?"}])
            return
        if message.startswith("/ticket_status{"):
            reference = json.loads(message[len("/ticket_status") :]).get("ticket_reference")
            text = FAKE_CODE_QUESTION.format(reference=reference)
            self._json([{"recipient_id": sender, "text": text}])
            return
        buttons = [{"title": "Ja", "payload": "/affirm"}, {"title": "Nej", "payload": "/deny"}]
        self._json([{"recipient_id": sender, "text": FAKE_ANSWER, "buttons": buttons}])

    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture(scope="session")
def fake_rasa() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), _FakeRasaHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@dataclass(frozen=True)
class LiveApi:
    url: str
    bot_token: str

    def create_ticket(self, session_id: str, **overrides: Any) -> dict[str, Any]:
        """Create a ticket through the bot-facing route, as the action server would."""
        body: dict[str, Any] = {
            "queue": "it_support",
            "topic": "it_printer",
            "channel": "chat",
            "session_id": session_id,
            "priority": "normal",
            "fields": {"personal_id": "19420315-1238", "printer": "Plan 3, HP"},
            "transcript": [
                {
                    "role": "user",
                    "text": "Min skrivare fungerar inte",
                    "timestamp": "2026-11-22T08:00:00+00:00",
                },
                {"role": "bot", "text": FAKE_ANSWER, "timestamp": "2026-11-22T08:00:01+00:00"},
            ],
            "lang": "sv",
            **overrides,
        }
        response = httpx.post(
            f"{self.url}/api/v1/tickets",
            json=body,
            headers={
                "Authorization": f"Bearer {self.bot_token}",
                "Idempotency-Key": f"{session_id}:printer_form:{uuid.uuid4().hex}",
            },
            timeout=10,
        )
        assert response.status_code == 201, response.text
        return dict(response.json())


@pytest.fixture(scope="session")
def live_api(fake_rasa: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApi]:
    """The API process alone (uvicorn), fresh SQLite database, demo staff seeded."""
    workdir = tmp_path_factory.mktemp("live-api")
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'ingang.db'}",
        "RASA_URL": fake_rasa,
        "RASA_TOKEN": "fake-rasa-token",
        "ACTION_SERVER_URL": fake_rasa,
        "BOT_SERVICE_TOKEN": BOT_TOKEN,
        "SESSION_SECRET": uuid.uuid4().hex + uuid.uuid4().hex,
        "DEMO_MODE": "true",
        "SMTP_HOST": "",
    }
    log_path = workdir / "api.log"
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "api.main:create_app",
                "--factory",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            cwd=workdir,  # no .env from the repository: the test's settings only
            env={**env, "PYTHONPATH": str(ROOT)},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail("API did not start:\n" + log_path.read_text(errors="replace")[-4000:])
        time.sleep(0.2)
    yield LiveApi(url=url, bot_token=BOT_TOKEN)
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (scripts/system-deps.sh)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def screenshot(page: Page, name: str) -> Path:
    """Full-page screenshot into test-results/ (looked at by people, not asserted)."""
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def axe_violations(page: Page, disabled_rules: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Run axe-core (WCAG 2.1 A/AA rules) in the page; serious and critical violations."""
    # Evaluated through the DevTools protocol, which the pages' CSP does not block
    # (a <script> tag would be, rightly).
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;void 0")
    options = {
        "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "rules": {rule: {"enabled": False} for rule in disabled_rules},
    }
    result = page.evaluate("options => axe.run(document, options)", options)
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
