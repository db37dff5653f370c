"""Outage notices published and closed by staff (the bot reads the active ones)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.errors import NotFound
from api.models import Outage, StaffUser, utcnow
from api.services.staff_tickets import audit


class OutageNotFound(NotFound):
    """No outage with that id."""

    detail = "No such outage"


def list_outages(session: Session, *, include_closed: bool = False) -> list[Outage]:
    """Active outages (and closed ones when asked), newest first."""
    query = select(Outage).order_by(Outage.started_at.desc(), Outage.id.desc())
    if not include_closed:
        query = query.where(Outage.active.is_(True))
    return list(session.scalars(query.limit(100)))


def publish(
    session: Session,
    staff: StaffUser,
    *,
    system: str,
    message: str,
    expected_end: datetime | None = None,
) -> Outage:
    """Publish an active outage notice."""
    outage = Outage(
        system=system.strip(),
        message=message.strip(),
        started_at=utcnow(),
        expected_end=expected_end,
        active=True,
        created_by_id=staff.id,
    )
    session.add(outage)
    session.flush()
    audit(
        session, staff, "outage.published", detail={"outage_id": outage.id, "system": outage.system}
    )
    session.commit()
    return outage


def close(session: Session, staff: StaffUser, outage_id: int) -> Outage:
    """Mark an outage as over."""
    outage = session.get(Outage, outage_id)
    if outage is None:
        raise OutageNotFound()
    if outage.active:
        outage.active = False
        outage.closed_at = utcnow()
        audit(session, staff, "outage.closed", detail={"outage_id": outage.id})
        session.commit()
    return outage
