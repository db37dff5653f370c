from __future__ import annotations

from alembic import command
from sqlalchemy import Engine, inspect

from api.migrations.runner import alembic_config, downgrade, upgrade
from api.models import Base

STATS_AND_DIRECTORY = {
    "conversation",
    "conversation_turn",
    "employee",
    "verification",
    "sms_outbox",
}


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
