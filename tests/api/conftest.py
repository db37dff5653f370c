"""Fixtures for the API tests.

Data tests run on SQLite and on a real PostgreSQL (`TEST_POSTGRES_URL`, e.g. from
`scripts/pg-test-cluster.sh start`). Without that variable the PostgreSQL runs are skipped,
unless `INGANG_REQUIRE_POSTGRES=1`, which turns the skip into a failure.

Every test runs inside one outer transaction that is rolled back at the end; the app's own
commits only release SAVEPOINTs (`join_transaction_mode="create_savepoint"`).
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from api.db import build_engine, build_session_factory, get_session
from api.main import create_app
from api.migrations.runner import upgrade
from api.services.seed import seed_reference_data
from api.settings import Settings
from tests.api.fake_rasa import FakeRasa

BOT_TOKEN = "test-bot-token"
RASA_TOKEN = "test-rasa-token"
SCRATCH_SCHEMA = "scratch_test"
BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


def postgres_url_or_skip() -> str:
    url = os.environ.get("TEST_POSTGRES_URL", "")
    if url:
        return url
    if os.environ.get("INGANG_REQUIRE_POSTGRES") == "1":
        pytest.fail("INGANG_REQUIRE_POSTGRES=1 but TEST_POSTGRES_URL is not set")
    pytest.skip("TEST_POSTGRES_URL not set (scripts/pg-test-cluster.sh start)")


def reset_postgres_schema(engine: Engine, schema: str = "public") -> None:
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))


def closed_port_url() -> str:
    """A URL nothing listens on (bind, read the port, close)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def make_settings(database_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": database_url,
        "rasa_url": closed_port_url(),
        "rasa_token": RASA_TOKEN,
        "rasa_timeout_seconds": 2.0,
        "action_server_url": closed_port_url(),
        "readyz_timeout_seconds": 1.0,
        "bot_service_token": BOT_TOKEN,
        "session_secret": "test-session-secret",
        "demo_mode": True,
        "smtp_host": "",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'ingang.db'}"
    return postgres_url_or_skip()


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    """Migrated, seeded database for this backend (demo staff and directory included).

    Deferred BEGIN on SQLite: each test's outer transaction must not lock out the app's start-up
    reads, which run on their own connection.
    """
    engine = build_engine(database_url, sqlite_immediate=False)
    if engine.dialect.name == "postgresql":
        reset_postgres_schema(engine)
    upgrade(engine)
    with build_session_factory(engine)() as session:
        seed_reference_data(session, make_settings(database_url).content_path, demo_mode=True)
    yield engine
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An engine on an empty database (PostgreSQL: an empty schema of its own)."""
    if request.param == "sqlite":
        engine = build_engine(f"sqlite:///{tmp_path / 'scratch.db'}")
    else:
        url = make_url(postgres_url_or_skip())
        admin = build_engine(url.render_as_string(hide_password=False))
        reset_postgres_schema(admin, SCRATCH_SCHEMA)
        admin.dispose()
        scoped = url.update_query_dict({"options": f"-csearch_path={SCRATCH_SCHEMA}"})
        engine = build_engine(scoped.render_as_string(hide_password=False))
    yield engine
    engine.dispose()


@pytest.fixture
def db_session(engine: Engine) -> Iterator[Session]:
    """A session inside an outer transaction that is rolled back after the test."""
    connection = engine.connect()
    transaction = connection.begin()
    session = Session(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    try:
        yield session
    finally:
        session.close()
        transaction.rollback()
        connection.close()


@pytest.fixture
def fake_rasa() -> Iterator[FakeRasa]:
    with FakeRasa() as rasa:
        rasa.behaviour.token = RASA_TOKEN
        yield rasa


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    """Override in a test module to change settings for its `client`."""
    return {}


@pytest.fixture
def client(
    database_url: str,
    engine: Engine,
    db_session: Session,
    fake_rasa: FakeRasa,
    settings_overrides: dict[str, Any],
) -> Iterator[TestClient]:
    """The app, talking to the fake Rasa, with every request on the test's session."""
    overrides = {"rasa_url": fake_rasa.url, "action_server_url": fake_rasa.url}
    overrides.update(settings_overrides)
    with app_client(database_url, db_session, **overrides) as test_client:
        yield test_client


@contextmanager
def app_client(database_url: str, db_session: Session, **overrides: Any) -> Iterator[TestClient]:
    """A started app whose requests all use `db_session`."""
    app = create_app(make_settings(database_url, **overrides))
    app.dependency_overrides[get_session] = lambda: db_session
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def bot_headers() -> dict[str, str]:
    return {"Authorization": f"Bearer {BOT_TOKEN}"}


@pytest.fixture
def repo_root() -> Path:
    return Path(__file__).resolve().parents[2]
