"""Database engine and sessions. Built by functions, never at import."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from api.settings import REPO_ROOT


def build_engine(url: str, *, sqlite_immediate: bool = True) -> Engine:
    """Create the engine for `url`; SQLite gets WAL, foreign keys and working SAVEPOINTs.

    `hide_parameters`: a failed statement's error text (which ends up in logs and tracebacks)
    names the SQL but never the values: they are transcripts, personnummer, e-mail addresses.

    SQLite transactions start with BEGIN IMMEDIATE by default: a transaction that reads and
    then writes would otherwise fail with "database is locked" when another writer committed in
    between, instead of waiting its turn. Tests that hold one long outer transaction pass False.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, hide_parameters=True)

    database = parsed.database
    if database and database != ":memory:" and not Path(database).is_absolute():
        parsed = parsed.set(database=str(REPO_ROOT / database))
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        parsed,
        connect_args={"check_same_thread": False, "timeout": 15},
        hide_parameters=True,
    )
    event.listen(engine, "connect", _configure_sqlite_connection)
    begin = _begin_immediate if sqlite_immediate else _begin_deferred
    event.listen(engine, "begin", begin)
    return engine


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite's own transaction handling breaks SAVEPOINT; let SQLAlchemy emit BEGIN itself.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.close()


def _begin_immediate(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _begin_deferred(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


def build_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Session factory bound to `engine`; objects stay readable after commit."""
    return sessionmaker(bind=engine, expire_on_commit=False)


def get_session(request: Request) -> Iterator[Session]:
    """FastAPI dependency: one session per request from the app's factory."""
    factory: sessionmaker[Session] = request.app.state.session_factory
    with factory() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]
