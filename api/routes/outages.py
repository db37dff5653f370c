"""Active outages, read by the bot (public: no token)."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import select

from api.db import SessionDep
from api.models import Outage
from api.schemas.tickets import OutageOut

router = APIRouter(prefix="/api/v1/outages", tags=["outages"])


@router.get("", summary="Active outages (public: no token)")
def active_outages(session: SessionDep) -> list[OutageOut]:
    """Outages staff marked active, newest first."""
    rows = session.scalars(
        select(Outage).where(Outage.active.is_(True)).order_by(Outage.started_at.desc())
    ).all()
    return [
        OutageOut(
            id=o.id,
            system=o.system,
            message=o.message,
            started_at=o.started_at,
            expected_end=o.expected_end,
            active=o.active,
        )
        for o in rows
    ]
