"""Seed reference data at start: queues always, demo staff and directory in DEMO_MODE."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.content import load_demo_directory, load_demo_staff, load_queues
from api.models import Employee, Queue, StaffRole, StaffUser
from api.services.passwords import hash_password

log = logging.getLogger(__name__)


def seed_queues(session: Session, pack: Path) -> None:
    """Insert or update every queue from the content pack (ids are stable)."""
    for config in load_queues(pack):
        wanted = {
            "prefix": config.prefix,
            "name_sv": config.name.sv,
            "name_en": config.name.en,
            "sla_first_response_hours": config.sla.first_response_hours,
            "sla_resolution_hours": config.sla.resolution_hours,
            "opening_hours": dict(config.opening_hours),
        }
        queue = session.get(Queue, config.id)
        if queue is None:
            session.add(Queue(id=config.id, **wanted))
            continue
        # Write only what changed: a restart must not take row locks for nothing.
        for name, value in wanted.items():
            if getattr(queue, name) != value:
                setattr(queue, name, value)
    session.flush()


def seed_demo_staff(session: Session, pack: Path) -> None:
    """Create the demo staff accounts that do not exist yet (existing ones are left alone)."""
    for seed in load_demo_staff(pack):
        if session.scalar(select(StaffUser.id).where(StaffUser.email == seed.email)) is not None:
            continue
        queues = [q for q in (session.get(Queue, qid) for qid in seed.queues) if q is not None]
        session.add(
            StaffUser(
                name=seed.name,
                email=seed.email,
                role=StaffRole(seed.role),
                password_hash=hash_password(seed.password),
                queues=queues,
            )
        )
        log.info("demo staff user created: %s", seed.email)
    session.flush()


def seed_demo_directory(session: Session, pack: Path) -> None:
    """Create the demo employees that do not exist yet."""
    for seed in load_demo_directory(pack):
        if session.get(Employee, seed.id) is None:
            session.add(
                Employee(
                    id=seed.id,
                    name=seed.name,
                    phone=seed.phone,
                    email=seed.email,
                    account_locked=seed.account_locked,
                )
            )
    session.flush()


def seed_reference_data(session: Session, pack: Path, *, demo_mode: bool) -> None:
    """Everything the app needs before serving; commits."""
    seed_queues(session, pack)
    if demo_mode:
        seed_demo_staff(session, pack)
        seed_demo_directory(session, pack)
    session.commit()
