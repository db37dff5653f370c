"""`/staff/outages`: publish and close outage notices from the staff workspace."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.db import SessionDep
from api.errors import NotFound
from api.routes.staff_auth import identify
from api.routes.staff_pages import FLASH, form_context
from api.services import staff_outages
from api.web.staff_view import render

router = APIRouter(prefix="/staff/outages", tags=["staff: pages"], include_in_schema=False)


def _parse_local(value: str) -> datetime | None:
    """`2026-11-22T14:30` from <input type=datetime-local>, taken as Swedish time."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=ZoneInfo("Europe/Stockholm"))


@router.get("", response_class=HTMLResponse)
def outages_page(request: Request, session: SessionDep, done: str | None = None) -> Response:
    context = identify(request, session)
    if context is None or not context.via_cookie:
        return RedirectResponse("/staff", status_code=303)
    values = {
        "ctx": context,
        "outages": staff_outages.list_outages(session, include_closed=True),
        "flash": FLASH.get(done or ""),
        "nav": "outages",
    }
    return render(request, "staff_outages.html", values)


@router.post("")
def publish_form(
    request: Request,
    session: SessionDep,
    system: Annotated[str, Form(min_length=1, max_length=200)],
    message: Annotated[str, Form(min_length=1, max_length=2000)],
    expected_end: Annotated[str, Form(max_length=40)] = "",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    context = form_context(request, session, csrf_token)
    if context is None:
        return RedirectResponse("/staff", status_code=303)
    staff_outages.publish(
        session,
        context.staff,
        system=system,
        message=message,
        expected_end=_parse_local(expected_end),
    )
    return RedirectResponse("/staff/outages?done=published", status_code=303)


@router.post("/{outage_id}/close")
def close_form(
    outage_id: int,
    request: Request,
    session: SessionDep,
    csrf_token: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    context = form_context(request, session, csrf_token)
    if context is None:
        return RedirectResponse("/staff", status_code=303)
    try:
        staff_outages.close(session, context.staff, outage_id)
    except NotFound:
        return RedirectResponse("/staff/outages", status_code=303)
    return RedirectResponse("/staff/outages?done=closed", status_code=303)
