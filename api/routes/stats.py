"""`GET /api/v1/stats`: automation, handoff and fallback rates, topics, response times, SLA."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Query

from api.db import SessionDep
from api.errors import DomainError
from api.routes.staff_auth import StaffDep
from api.schemas.errors import error_responses
from api.schemas.stats import StatsOut
from api.services.stats import compute_stats

router = APIRouter(prefix="/api/v1/stats", tags=["stats"])

DEFAULT_DAYS = 30
MAX_DAYS = 366


class InvalidRange(DomainError):
    status_code = 422
    error = "invalid_range"
    detail = "`from` must not be after `to`, and the range at most 366 days"


@router.get(
    "",
    summary="Statistics over a date range (staff login)",
    responses=error_responses("unauthorized", "invalid_range", "invalid_request"),
)
def stats(
    session: SessionDep,
    _staff: StaffDep,
    from_date: Annotated[date | None, Query(alias="from")] = None,
    to_date: Annotated[date | None, Query(alias="to")] = None,
) -> StatsOut:
    """Statistics over UTC days `from`..`to` (both included; default the last 30 days)."""
    to_date = to_date or datetime.now(UTC).date()
    from_date = from_date or to_date - timedelta(days=DEFAULT_DAYS - 1)
    if from_date > to_date or (to_date - from_date).days >= MAX_DAYS:
        raise InvalidRange()
    return compute_stats(session, from_date, to_date)
