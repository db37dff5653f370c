"""The running stack (Rasa, action server, API) for end-to-end and browser tests.

Started once per test session through scripts/stack.py — the same code path as `make run` — on
ports of its own, with a fresh SQLite database, and stopped at the end.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
READY_LINE = "Ingång is ready"


@dataclass(frozen=True)
class RunningStack:
    api_url: str
    rasa_url: str
    action_server_url: str
    database_url: str
    log_dir: Path
    env: dict[str, str]


@pytest.fixture(scope="session")
def running_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningStack]:
    """Start the three real processes; fail with their logs if they do not become ready."""
    model = ROOT / "models" / "ingang.tar.gz"
    if not model.exists():
        pytest.fail(f"{model} is missing: run `make train` first (make test does)")
    workdir = tmp_path_factory.mktemp("stack")
    database_url = f"sqlite:///{workdir / 'ingang.db'}"
    env = {
        **os.environ,
        "API_PORT": "18200",
        "RASA_PORT": "18205",
        "ACTIONS_PORT": "18255",
        "DATABASE_URL": database_url,
        "DEMO_MODE": "true",
    }
    log_dir = workdir / "log"
    proc, output, ready, reader = start_stack_process(["--log-dir", str(log_dir)], env)
    if not ready.wait(timeout=420):
        proc.kill()
        proc.wait()
        reader.join(timeout=10)
        logs = "".join(
            f"\n--- {p.name} ---\n{p.read_text(errors='replace')[-3000:]}"
            for p in sorted(log_dir.glob("*.log"))
        )
        pytest.fail("stack did not start:\n" + "".join(output) + logs)
    child_env = env | read_secrets()
    yield RunningStack(
        api_url=f"http://127.0.0.1:{env['API_PORT']}",
        rasa_url=f"http://127.0.0.1:{env['RASA_PORT']}",
        action_server_url=f"http://127.0.0.1:{env['ACTIONS_PORT']}",
        database_url=database_url,
        log_dir=log_dir,
        env=child_env,
    )
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise
    finally:
        reader.join(timeout=10)
        assert proc.stdout is not None
        proc.stdout.close()


def start_stack_process(
    args: list[str], env: dict[str, str]
) -> tuple[subprocess.Popen[str], list[str], threading.Event, threading.Thread]:
    """Start `scripts/stack.py run <args>`; a thread collects its output and sets the event once
    it says it is ready (and keeps reading, so the pipe never fills up and blocks the stack)."""
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "stack.py"), "run", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output: list[str] = []
    ready = threading.Event()

    def drain() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            output.append(line)
            if READY_LINE in line:
                ready.set()

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    return proc, output, ready, reader


def read_secrets() -> dict[str, str]:
    """Tokens the stack was given (from the environment or .env), for tests that call it."""
    values: dict[str, str] = {}
    env_file = ROOT / ".env"
    if env_file.exists():
        for line in env_file.read_text(encoding="utf-8").splitlines():
            key, sep, value = line.partition("=")
            if sep and not key.startswith("#"):
                values[key.strip()] = value.strip()
    for key in ("RASA_TOKEN", "BOT_SERVICE_TOKEN", "SESSION_SECRET"):
        if key in os.environ:
            values[key] = os.environ[key]
    return values
