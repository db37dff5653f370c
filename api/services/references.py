"""Ticket references `<PREFIX>-<YEAR>-<6 digits>` and the citizen's look-up secret."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy import Insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from api.models import ReferenceSequence

# No 0/O, 1/I/L: the citizen may read the secret aloud or type it from a screenshot.
SECRET_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # noqa: S105
SECRET_LENGTH = 10


def next_sequence_value(session: Session, prefix: str, year: int) -> int:
    """Atomically take the next number for `prefix` and `year`.

    One INSERT … ON CONFLICT DO UPDATE … RETURNING: the row lock it takes serializes concurrent
    creators on PostgreSQL, and SQLite allows only one writer anyway.
    """
    table = ReferenceSequence.__table__
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    insert = module.insert(table).values(prefix=prefix, year=year, last_value=1)
    statement: Insert = insert.on_conflict_do_update(
        index_elements=["prefix", "year"],
        set_={"last_value": table.c.last_value + 1},
    ).returning(table.c.last_value)
    value = session.execute(statement).scalar_one()
    return int(value)


def format_reference(prefix: str, year: int, number: int) -> str:
    return f"{prefix}-{year}-{number:06d}"


def new_secret() -> str:
    return "".join(secrets.choice(SECRET_ALPHABET) for _ in range(SECRET_LENGTH))


def hash_secret(secret: str) -> str:
    """SHA-256 of the normalized secret (random, high-entropy: no slow hash needed)."""
    normalized = secret.strip().upper().replace("-", "").replace(" ", "")
    return hashlib.sha256(normalized.encode()).hexdigest()


def secret_matches(secret: str, secret_hash: str) -> bool:
    return hmac.compare_digest(hash_secret(secret), secret_hash)
