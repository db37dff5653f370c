"""`make run`'s process manager: Ctrl-C stops every process it started, cleanly.

Runs scripts/stack.py with the action server and the API only (no model to load, so it starts
in seconds) on ports of its own, then sends SIGINT — what Ctrl-C in the terminal sends.
"""

from __future__ import annotations

import os
import signal
import socket
from pathlib import Path

import pytest

from tests.conftest import start_stack_process

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

PORTS = {"API_PORT": "18400", "RASA_PORT": "18405", "ACTIONS_PORT": "18455"}


def port_open(port: str) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", int(port))) == 0


def processes_mentioning(text: str) -> list[int]:
    """Pids whose command line contains `text` (the test's own ports are unique to it)."""
    pids = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if text in cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace"):
                pids.append(int(cmdline.parent.name))
        except OSError:
            continue
    return [pid for pid in pids if pid != os.getpid()]


def test_ctrl_c_stops_every_process_and_frees_the_ports(tmp_path: Path) -> None:
    env = {**os.environ, **PORTS, "DATABASE_URL": f"sqlite:///{tmp_path / 'stack.db'}"}
    args = ["--only", "actions,api", "--log-dir", str(tmp_path / "log")]
    proc, output, ready, reader = start_stack_process(args, env)
    try:
        assert ready.wait(timeout=180), "".join(output)
        assert port_open(PORTS["API_PORT"]) and port_open(PORTS["ACTIONS_PORT"])
        assert processes_mentioning(PORTS["ACTIONS_PORT"]), "the action server is running"

        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=60) == 0, "".join(output)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        reader.join(timeout=10)
        assert proc.stdout is not None
        proc.stdout.close()

    text = "".join(output)
    assert "stopped api" in text and "stopped actions" in text, text
    assert not port_open(PORTS["API_PORT"])
    assert not port_open(PORTS["ACTIONS_PORT"])
    assert processes_mentioning(f"--port {PORTS['ACTIONS_PORT']}") == []
    assert processes_mentioning(f"--port {PORTS['API_PORT']}") == []
