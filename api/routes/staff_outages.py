"""Staff-facing outage notices: list, publish, close (the bot reads `GET /api/v1/outages`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.db import SessionDep
from api.routes.staff_auth import StaffDep
from api.schemas.errors import error_responses
from api.schemas.staff import OutageIn, OutageOut
from api.services import staff_outages

router = APIRouter(prefix="/api/v1/staff/outages", tags=["staff: outages"])

_AUTH = error_responses("unauthorized", "csrf_failed", "invalid_request")


@router.get("", summary="Outages, newest first", response_model=list[OutageOut], responses=_AUTH)
def list_outages(
    _context: StaffDep,
    session: SessionDep,
    include_closed: Annotated[bool, Query(description="Also closed outages")] = False,
) -> list[OutageOut]:
    outages = staff_outages.list_outages(session, include_closed=include_closed)
    return [OutageOut.of(o) for o in outages]


@router.post(
    "",
    summary="Publish an outage notice (the bot tells users about it)",
    response_model=OutageOut,
    status_code=201,
    responses=_AUTH,
)
def publish(body: OutageIn, context: StaffDep, session: SessionDep) -> OutageOut:
    outage = staff_outages.publish(
        session,
        context.staff,
        system=body.system,
        message=body.message,
        expected_end=body.expected_end,
    )
    return OutageOut.of(outage)


@router.post(
    "/{outage_id}/close",
    summary="Close an outage notice",
    response_model=OutageOut,
    responses=error_responses("unauthorized", "csrf_failed", "not_found", "invalid_request"),
)
def close(outage_id: int, context: StaffDep, session: SessionDep) -> OutageOut:
    return OutageOut.of(staff_outages.close(session, context.staff, outage_id))
