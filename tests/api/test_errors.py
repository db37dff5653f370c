"""Unexpected errors: a clean 500 body, and no personal data in the logs or error texts."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from api.db import build_engine
from tests.api.factories import ticket_body

PERSONAL_ID = "19420315-1238"
TRANSCRIPT_TEXT = "Jag heter Greta Svensson och bor på Storgatan 12"


def refuse_inserts_into_message(session: Session) -> None:
    """A trigger that fails every transcript insert (inside the test's rolled-back transaction)."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(
            text(
                "CREATE TRIGGER refuse_message BEFORE INSERT ON message "
                "BEGIN SELECT RAISE(ABORT, 'refused by test'); END"
            )
        )
        return
    session.execute(
        text(
            "CREATE FUNCTION refuse_message() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'refused by test'; END $$"
        )
    )
    session.execute(
        text(
            "CREATE TRIGGER refuse_message BEFORE INSERT ON message "
            "FOR EACH ROW EXECUTE FUNCTION refuse_message()"
        )
    )


def test_database_error_in_ticket_create_is_a_clean_500_without_personal_data_in_the_log(
    client: TestClient,
    bot_headers: dict[str, str],
    db_session: Session,
    caplog: pytest.LogCaptureFixture,
) -> None:
    refuse_inserts_into_message(db_session)
    body = ticket_body(
        "sess-db-error",
        fields={"personal_id": PERSONAL_ID},
        transcript=[{"role": "user", "text": TRANSCRIPT_TEXT, "timestamp": "2026-11-22T08:00:00Z"}],
    )
    with caplog.at_level(logging.DEBUG):
        response = client.post(
            "/api/v1/tickets", json=body, headers={**bot_headers, "Idempotency-Key": "db-error"}
        )
    assert response.status_code == 500
    assert response.json() == {
        "detail": "Något gick fel hos oss. Försök igen om en stund. / Something went wrong.",
        "error": "internal_error",
    }
    logged = [r for r in caplog.records if r.name == "api.errors"]
    assert len(logged) == 1
    assert "POST /api/v1/tickets" in logged[0].getMessage()
    assert "Error" in logged[0].getMessage()  # the exception type, e.g. IntegrityError
    for record in caplog.records:
        written = record.getMessage() + repr(record.args) + str(record.exc_info or "")
        for secret in (PERSONAL_ID, "19420315", TRANSCRIPT_TEXT, "Storgatan"):
            assert secret not in written, record.name
    metrics = client.get("/metrics").text
    assert 'route="/api/v1/tickets",status="500"} 1.0' in metrics


def test_engines_hide_statement_parameters_from_error_texts(tmp_path: Path) -> None:
    engine = build_engine(f"sqlite:///{tmp_path / 'hidden.db'}")
    assert build_engine("postgresql+psycopg://u@127.0.0.1:1/none").hide_parameters
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)"))
            with pytest.raises(DBAPIError) as raised:
                connection.execute(
                    text("INSERT INTO t (id, v) VALUES (:id, :v), (:id, :v)"),
                    {"id": 1, "v": PERSONAL_ID},
                )
    finally:
        engine.dispose()
    assert "INSERT INTO t" in str(raised.value)
    assert PERSONAL_ID not in str(raised.value)
