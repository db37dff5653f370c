"""Start Ingång's three processes, wait until they are healthy, stop them cleanly.

    python scripts/stack.py run                       # make run: all three, until Ctrl-C
    python scripts/stack.py run --only api,actions -- CMD ARGS...  # run CMD, then stop

Standard library only, so it runs with any Python 3.11. The API runs in .venv, Rasa and the action
server in .venv-bot (see README: "Why two runtimes"). Ports come from the environment (.env is read
too): API_PORT (8000), RASA_PORT (5005), ACTIONS_PORT (5055). Logs go to var/log/<process>.log.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROCESS_NAMES = ("actions", "rasa", "api")  # start order: each may need the one before


@dataclass(frozen=True)
class Service:
    name: str
    command: list[str]
    health_url: str
    timeout_s: float


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines of a .env file; comments and blank lines ignored."""
    values: dict[str, str] = {}
    if not path.exists():
        return values
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        values[key.strip()] = value.strip().strip('"').strip("'")
    return values


def build_environment() -> dict[str, str]:
    """The process environment over .env over defaults; what every child process gets."""
    env = {
        "API_HOST": "127.0.0.1",
        "API_PORT": "8000",
        "RASA_PORT": "5005",
        "ACTIONS_PORT": "5055",
        "CONTENT_PACK": "content/mittkoping",
    }
    env.update(read_env_file(ROOT / ".env"))
    env.update(os.environ)
    env["RASA_URL"] = f"http://127.0.0.1:{env['RASA_PORT']}"
    env["ACTION_SERVER_URL"] = f"http://127.0.0.1:{env['ACTIONS_PORT']}"
    env["ACTION_ENDPOINT_URL"] = f"{env['ACTION_SERVER_URL']}/webhook"
    env["INGANG_API_URL"] = f"http://127.0.0.1:{env['API_PORT']}"
    env["SANIC_HOST"] = "127.0.0.1"  # rasa-sdk's action server binds here (no CLI flag for it)
    env["PYTHONPATH"] = str(ROOT)
    env.setdefault("RASA_TELEMETRY_ENABLED", "false")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    for secret in ("RASA_TOKEN", "BOT_SERVICE_TOKEN", "SESSION_SECRET"):
        if not env.get(secret):
            sys.exit(f"stack: {secret} is not set; run scripts/ensure-env.sh (make does) first")
    return env


def services(env: dict[str, str]) -> dict[str, Service]:
    bot_bin = ROOT / ".venv-bot" / "bin"
    app_bin = ROOT / ".venv" / "bin"
    model = env.get("RASA_MODEL", str(ROOT / "models" / "ingang.tar.gz"))
    return {
        "actions": Service(
            "actions",
            [
                str(bot_bin / "rasa"),
                "run",
                "actions",
                "--actions",
                "actions",
                "--port",
                env["ACTIONS_PORT"],
            ],
            f"{env['ACTION_SERVER_URL']}/health",
            120,
        ),
        "rasa": Service(
            "rasa",
            [
                str(bot_bin / "rasa"),
                "run",
                "--model",
                model,
                "--enable-api",
                "--auth-token",
                env["RASA_TOKEN"],
                "--interface",
                "127.0.0.1",
                "--port",
                env["RASA_PORT"],
                "--endpoints",
                "bot/endpoints.yml",
                "--credentials",
                "bot/credentials.yml",
            ],
            f"{env['RASA_URL']}/status?token={env['RASA_TOKEN']}",
            300,
        ),
        "api": Service(
            "api",
            [
                str(app_bin / "uvicorn"),
                "api.main:create_app",
                "--factory",
                "--host",
                env["API_HOST"],
                "--port",
                env["API_PORT"],
            ],
            f"http://127.0.0.1:{env['API_PORT']}/healthz",
            120,
        ),
    }


class Stack:
    """The running child processes; stop() ends them in reverse start order."""

    def __init__(self, env: dict[str, str], log_dir: Path) -> None:
        self.env = env
        self.log_dir = log_dir
        self.procs: list[tuple[Service, subprocess.Popen[bytes]]] = []

    def start(self, service: Service) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log = (self.log_dir / f"{service.name}.log").open("wb")
        proc = subprocess.Popen(
            service.command,
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # Ctrl-C reaches us, we stop them
        )
        self.procs.append((service, proc))
        print(
            f"  starting {service.name:8} (log: {self.log_dir / (service.name + '.log')})",
            flush=True,
        )

    def wait_healthy(self, service: Service, proc: subprocess.Popen[bytes]) -> None:
        deadline = time.monotonic() + service.timeout_s
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"{service.name} exited with code {proc.returncode}")
            if http_ok(service.health_url):
                print(f"  {service.name:8} healthy", flush=True)
                return
            time.sleep(0.5)
        raise RuntimeError(f"{service.name} not healthy after {service.timeout_s:.0f} s")

    def stop(self) -> None:
        for _service, proc in reversed(self.procs):
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for service, proc in reversed(self.procs):
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
            print(f"  stopped {service.name}", flush=True)
        self.procs.clear()

    def tail_logs(self, lines: int = 30) -> None:
        for service, _ in self.procs:
            path = self.log_dir / f"{service.name}.log"
            text = path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
            print(f"--- last lines of {path} ---", file=sys.stderr)
            print("\n".join(text), file=sys.stderr)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return 200 <= response.status < 300
    except (urllib.error.URLError, OSError):
        return False


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["run"])
    parser.add_argument(
        "--only", default=",".join(PROCESS_NAMES), help="comma-separated subset of actions,rasa,api"
    )
    parser.add_argument("--log-dir", default=str(ROOT / "var" / "log"))
    parser.epilog = "After --: a command to run once healthy; the stack stops after it."
    # Split at "--" ourselves: argparse.REMAINDER would swallow options given after the action.
    command: list[str] = []
    if "--" in argv:
        at = argv.index("--")
        argv, command = argv[:at], argv[at + 1 :]
    args = parser.parse_args(argv)
    wanted = [name for name in PROCESS_NAMES if name in args.only.split(",")]
    unknown = set(args.only.split(",")) - set(PROCESS_NAMES)
    if unknown or not wanted:
        parser.error(f"--only takes a comma-separated subset of {','.join(PROCESS_NAMES)}")

    env = build_environment()
    stack = Stack(env, Path(args.log_dir))
    # SIGTERM (CI, a test fixture) ends us the same way as Ctrl-C.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        for name in wanted:
            service = services(env)[name]
            stack.start(service)
            stack.wait_healthy(service, stack.procs[-1][1])
        if command:
            return subprocess.call(command, cwd=ROOT, env=env)
        if "api" in wanted:
            url = f"http://localhost:{env['API_PORT']}"
            print(
                f"\nIngång is ready: open {url}  (staff: {url}/staff)  — Ctrl-C stops\n", flush=True
            )
        while all(proc.poll() is None for _, proc in stack.procs):
            time.sleep(0.5)
        crashed = [service.name for service, proc in stack.procs if proc.poll() is not None]
        print(f"stack: {', '.join(crashed)} stopped unexpectedly", file=sys.stderr)
        stack.tail_logs()
        return 1
    except RuntimeError as exc:
        print(f"stack: {exc}", file=sys.stderr)
        stack.tail_logs()
        return 1
    except KeyboardInterrupt:
        print("\nstopping…", flush=True)
        return 0
    finally:
        stack.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
