from __future__ import annotations

import threading

from sqlalchemy import Engine, func, select

from api.db import build_session_factory
from api.migrations.runner import upgrade
from api.models import Ticket
from api.schemas.tickets import TicketCreate
from api.services.seed import seed_queues
from api.services.tickets import create_ticket
from api.settings import REPO_ROOT
from tests.api.factories import ticket_body


def test_concurrent_retries_with_one_key_create_one_ticket(empty_engine: Engine) -> None:
    """Committed transactions on a scratch database: the real race, not a rolled-back one."""
    upgrade(empty_engine)
    factory = build_session_factory(empty_engine)
    with factory() as session:
        seed_queues(session, REPO_ROOT / "content/mittkoping")
        session.commit()
    data = TicketCreate.model_validate(ticket_body("race"))
    references: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def submit() -> None:
        try:
            start.wait(timeout=10)
            with factory() as session:
                references.append(
                    create_ticket(session, data, "race:ticket_form:1").ticket.reference
                )
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(references) == 4 and len(set(references)) == 1
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(Ticket)) == 1
