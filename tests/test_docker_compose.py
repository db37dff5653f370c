"""docker-compose.yml and the Dockerfiles, checked by reading them (no engine runs here).

The compose file is only useful if it stays in step with the code: these tests fail when a
service, a file an image copies, a module a command starts or a variable it needs goes missing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
VARIABLE = re.compile(r"\$\{([A-Z_][A-Z0-9_]*)(:?[-?][^}]*)?\}")


def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text("utf-8"))
    return data


def env_example_keys() -> set[str]:
    lines = (ROOT / ".env.example").read_text("utf-8").splitlines()
    return {line.split("=", 1)[0] for line in lines if "=" in line and not line.startswith("#")}


def test_compose_has_the_five_services_of_the_issue() -> None:
    assert set(compose()["services"]) == {"rasa", "actions", "api", "postgres", "redis"}


def test_every_required_variable_is_in_env_example() -> None:
    text = (ROOT / "docker-compose.yml").read_text("utf-8")
    required = {name for name, default in VARIABLE.findall(text) if not default.startswith(":-")}
    assert required, "the compose file reads its secrets from .env"
    assert required <= env_example_keys(), required - env_example_keys()


def test_ensure_env_generates_every_secret_the_compose_file_requires() -> None:
    script = (ROOT / "scripts" / "ensure-env.sh").read_text("utf-8")
    text = (ROOT / "docker-compose.yml").read_text("utf-8")
    secrets = {name for name, default in VARIABLE.findall(text) if default.startswith(":?")}
    for name in secrets:
        assert f"{name}=*" in script, f"{name} is required by compose but not generated"


@pytest.mark.parametrize("dockerfile", ["docker/app.Dockerfile", "docker/bot.Dockerfile"])
def test_dockerfile_copies_only_paths_that_exist(dockerfile: str) -> None:
    copies = [
        line.split()[1:-1]
        for line in (ROOT / dockerfile).read_text("utf-8").splitlines()
        if line.startswith("COPY ")
    ]
    assert copies
    for sources in copies:
        for source in sources:
            matches = list(ROOT.glob(source.rstrip("/")))
            assert matches, f"{dockerfile} copies {source}, which does not exist"


def test_built_services_use_existing_dockerfiles_and_endpoints() -> None:
    services = compose()["services"]
    for name in ("rasa", "actions", "api"):
        assert (ROOT / services[name]["build"]["dockerfile"]).is_file()
    rasa_command = services["rasa"]["command"]
    endpoints = ROOT / rasa_command[rasa_command.index("--endpoints") + 1]
    stores = yaml.safe_load(endpoints.read_text("utf-8"))
    # Several Rasa replicas need a shared tracker store and a shared lock store.
    assert services["rasa"]["deploy"]["replicas"] > 1
    assert stores["lock_store"]["type"] == "redis"
    assert stores["lock_store"]["url"] in services
    assert stores["tracker_store"]["type"] == "SQL"
    assert stores["tracker_store"]["url"] in services
    assert "--auth-token" in rasa_command


def test_api_points_at_the_compose_services() -> None:
    services = compose()["services"]
    env = services["api"]["environment"]
    assert "@postgres:5432/" in env["DATABASE_URL"]
    assert env["RASA_URL"].startswith("http://rasa:")
    assert env["ACTION_SERVER_URL"].startswith("http://actions:")
    assert services["actions"]["environment"]["INGANG_API_URL"].startswith("http://api:")
    assert env["DEMO_MODE"] == "false"


def test_app_image_command_names_the_real_app_factory() -> None:
    text = (ROOT / "docker/app.Dockerfile").read_text("utf-8")
    target = re.search(r'"uvicorn", "([\w.]+):(\w+)"', text)
    assert target is not None
    module, factory = target.groups()
    source = (ROOT / (module.replace(".", "/") + ".py")).read_text("utf-8")
    assert f"def {factory}(" in source


@pytest.mark.skipif(
    shutil.which("docker") is None
    or subprocess.run(["docker", "compose", "version"], capture_output=True).returncode != 0,
    reason="no docker compose client on this machine",
)
def test_docker_compose_config_accepts_the_file(tmp_path: Path) -> None:
    env = tmp_path / "compose.env"
    env.write_text("\n".join(f"{k}=x" for k in sorted(env_example_keys())) + "\n", "utf-8")
    result = subprocess.run(
        ["docker", "compose", "--env-file", str(env), "-f", "docker-compose.yml", "config", "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
