"""The SQLite connection settings the app relies on are really in force."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError


def sqlite_engine_of(client: TestClient) -> Engine:
    engine: Engine = client.app.state.engine  # type: ignore[attr-defined]
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite PRAGMAs")
    return engine


def test_app_engine_runs_sqlite_in_wal_mode_with_foreign_keys_on(client: TestClient) -> None:
    with sqlite_engine_of(client).connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 15000


def test_a_message_for_a_missing_ticket_is_refused(client: TestClient) -> None:
    with sqlite_engine_of(client).connect() as connection, pytest.raises(IntegrityError):
        connection.execute(
            text(
                "INSERT INTO message (ticket_id, role, text, internal, created_at) "
                "VALUES (987654, 'staff', 'x', 0, '2026-11-22 08:00:00')"
            )
        )
