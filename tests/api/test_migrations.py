from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, inspect
from sqlalchemy.engine import make_url

from api.db import build_engine
from api.migrations.runner import alembic_config, downgrade, upgrade
from api.models import Base
from tests.api.conftest import BACKENDS, postgres_url_or_skip, reset_postgres_schema

STATS_AND_DIRECTORY = {
    "conversation",
    "conversation_turn",
    "employee",
    "verification",
    "sms_outbox",
}
MIGRATION_SCHEMA = "migration_test"


@pytest.fixture(params=BACKENDS)
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An engine on an empty database (PostgreSQL: an empty schema of its own)."""
    if request.param == "sqlite":
        engine = build_engine(f"sqlite:///{tmp_path / 'migrations.db'}")
    else:
        url = make_url(postgres_url_or_skip())
        admin = build_engine(url.render_as_string(hide_password=False))
        reset_postgres_schema(admin, MIGRATION_SCHEMA)
        admin.dispose()
        scoped = url.update_query_dict({"options": f"-csearch_path={MIGRATION_SCHEMA}"})
        engine = build_engine(scoped.render_as_string(hide_password=False))
    yield engine
    engine.dispose()


def tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names()) - {"alembic_version"}


def test_upgrade_from_empty_downgrade_one_step_and_upgrade_again(empty_engine: Engine) -> None:
    all_tables = set(Base.metadata.tables)
    assert tables(empty_engine) == set()
    upgrade(empty_engine)
    assert tables(empty_engine) == all_tables
    downgrade(empty_engine, "-1")
    assert tables(empty_engine) == all_tables - STATS_AND_DIRECTORY
    upgrade(empty_engine)
    assert tables(empty_engine) == all_tables


def test_models_and_migrations_agree(empty_engine: Engine) -> None:
    upgrade(empty_engine)
    command.check(alembic_config(empty_engine))  # raises when autogenerate finds a difference


def test_downgrade_to_empty_removes_everything(empty_engine: Engine) -> None:
    upgrade(empty_engine)
    downgrade(empty_engine, "base")
    assert tables(empty_engine) == set()
