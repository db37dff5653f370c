"""`make bench`: training time, cold start, chat latency and memory, written to bench/results.md.

Measures the real processes on this machine; numbers vary with load, so they live here and not in
timed tests. Standard library only (run with .venv/bin/python).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORTS = {"API_PORT": "18300", "RASA_PORT": "18305", "ACTIONS_PORT": "18355"}
MESSAGES = [
    "hej",
    "jag har glömt mitt lösenord",
    "skrivaren på plan 3 skriver inte ut",
    "hur söker jag förskoleplats",
    "gatlampan utanför huset är trasig",
    "tack så mycket",
]


def time_training(workdir: Path) -> float:
    start = time.monotonic()
    subprocess.run(
        [
            str(ROOT / ".venv-bot/bin/rasa"),
            "train",
            "--config",
            "bot/config.yml",
            "--domain",
            "bot/domain",
            "--data",
            "bot/data",
            "nlu_data",
            "--out",
            str(workdir / "models"),
            "--fixed-model-name",
            "bench",
        ],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        # An empty cache: Rasa would otherwise reuse components fingerprinted in .rasa/cache.
        env={
            **os.environ,
            "RASA_TELEMETRY_ENABLED": "false",
            "RASA_CACHE_DIRECTORY": str(workdir / "rasa-cache"),
        },
    )
    return time.monotonic() - start


def start_stack(workdir: Path) -> tuple[subprocess.Popen[str], float]:
    env = {**os.environ, **PORTS, "DATABASE_URL": f"sqlite:///{workdir / 'bench.db'}"}
    start = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts/stack.py"), "run", "--log-dir", str(workdir / "log")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if "Ingång is ready" in line:
            return proc, time.monotonic() - start
    raise RuntimeError("stack did not start; see " + str(workdir / "log"))


def post_chat(url: str, text: str, session_id: str | None) -> tuple[dict[str, object], float]:
    body = {"text": text} | ({"session_id": session_id} if session_id else {})
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    start = time.monotonic()
    with urllib.request.urlopen(request, timeout=30) as response:
        payload = json.loads(response.read())
    return payload, (time.monotonic() - start) * 1000


def chat_latencies(count: int) -> list[float]:
    url = f"http://127.0.0.1:{PORTS['API_PORT']}/api/v1/chat"
    latencies = []
    session_id = None
    for i in range(count):
        if i % len(MESSAGES) == 0:
            session_id = None  # a new conversation every few turns, as real traffic has
        payload, ms = post_chat(url, MESSAGES[i % len(MESSAGES)], session_id)
        session_id = str(payload["session_id"])
        latencies.append(ms)
    return latencies


def rss_mb_by_process() -> dict[str, float]:
    """Resident memory of every process in the stack's process tree, by command name."""
    result: dict[str, float] = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
            cmdline = (status.parent / "cmdline").read_text().replace("\0", " ")
        except OSError:
            continue
        if "VmRSS" not in fields or str(ROOT) not in cmdline:
            continue
        name = (
            "actions"
            if "run actions" in cmdline
            else "rasa"
            if "rasa run" in cmdline
            else "api"
            if "uvicorn" in cmdline
            else None
        )
        if name:
            result[name] = result.get(name, 0) + int(fields["VmRSS"].split()[0]) / 1024
    return result


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="bench/results.md")
    parser.add_argument("--messages", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        training_s = time_training(workdir)
        proc, cold_start_s = start_stack(workdir)
        try:
            latencies = chat_latencies(args.messages)
            memory = rss_mb_by_process()
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=60)
            if proc.stdout is not None:
                proc.stdout.close()
    results = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "python": platform.python_version(),
        "training_s": round(training_s, 1),
        "cold_start_s": round(cold_start_s, 1),
        "chat_messages": args.messages,
        "chat_p50_ms": round(statistics.median(latencies), 1),
        "chat_p95_ms": round(percentile(latencies, 95), 1),
        "chat_max_ms": round(max(latencies), 1),
        "rss_mb": {name: round(mb) for name, mb in sorted(memory.items())},
    }
    out = ROOT / args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    out.with_suffix(".json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    rows = "\n".join(f"| {k} | {v} |" for k, v in results.items())
    out.write_text(
        "# Benchmark results (`make bench`)\n\nTraining from scratch, cold start of all three "
        "processes until healthy, and `POST /api/v1/chat` latency over sequential messages.\n\n"
        f"| measure | value |\n|---|---|\n{rows}\n",
        encoding="utf-8",
    )
    print(out.read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
