"""Alembic environment: uses the engine given by the app, else DATABASE_URL from settings."""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import Engine

from api.db import build_engine
from api.models import Base

config = context.config
target_metadata = Base.metadata


def _engine() -> Engine:
    given = config.attributes.get("engine")
    if isinstance(given, Engine):
        return given
    url = os.environ.get("DATABASE_URL")
    if url is None:
        from api.settings import Settings

        url = Settings().database_url  # type: ignore[call-arg]
    return build_engine(url)


def run_migrations_online() -> None:
    with _engine().connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
