"""Everything staff-facing in one router: the API under /api/v1/staff and the /staff pages."""

from __future__ import annotations

from fastapi import APIRouter

from api.routes import (
    staff_auth,
    staff_outages,
    staff_pages,
    staff_pages_demo,
    staff_pages_outages,
    staff_pages_stats,
    staff_tickets,
)

router = APIRouter()
for _module in (
    staff_auth,
    staff_tickets,
    staff_outages,
    staff_pages,
    staff_pages_outages,
    staff_pages_stats,
    staff_pages_demo,
):
    router.include_router(_module.router)
