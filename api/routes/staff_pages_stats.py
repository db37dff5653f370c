"""`/staff/stats`: automation rate and top topics over time, drawn in the browser."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.db import SessionDep
from api.routes.staff_auth import identify
from api.web.staff_view import render

router = APIRouter(prefix="/staff/stats", tags=["staff: pages"], include_in_schema=False)


@router.get("", response_class=HTMLResponse)
def stats_page(request: Request, session: SessionDep) -> Response:
    context = identify(request, session)
    if context is None or not context.via_cookie:
        return RedirectResponse("/staff", status_code=303)
    return render(request, "staff_stats.html", {"ctx": context, "nav": "stats"})
