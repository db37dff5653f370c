from __future__ import annotations

import threading

from sqlalchemy import Engine, delete

from api.db import build_session_factory
from api.models import ReferenceSequence
from api.services.references import format_reference, next_sequence_value

PREFIX, YEAR = "ZZ", 2099


def test_concurrent_creators_never_get_the_same_number(engine: Engine) -> None:
    factory = build_session_factory(engine)
    taken: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def take(count: int) -> None:
        try:
            for _ in range(count):
                with factory() as session:
                    value = next_sequence_value(session, PREFIX, YEAR)
                    session.commit()
                with lock:
                    taken.append(value)
        except BaseException as exc:  # reported below, not swallowed
            errors.append(exc)

    threads = [threading.Thread(target=take, args=(15,)) for _ in range(4)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert errors == []
        assert sorted(taken) == list(range(1, 61))
    finally:
        with factory() as session:
            session.execute(delete(ReferenceSequence).where(ReferenceSequence.prefix == PREFIX))
            session.commit()


def test_reference_format() -> None:
    assert format_reference("IT", 2026, 123) == "IT-2026-000123"
    assert format_reference("BN", 2027, 1) == "BN-2027-000001"
