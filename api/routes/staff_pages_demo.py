"""`/staff/demo-phone`: in DEMO_MODE, the text messages the local SMS gateway "sent".

The demo directory's employees have fictional phone numbers, so whoever tries the automated
password reset needs to see the one-time code somewhere. Only in DEMO_MODE and only for admins;
anywhere else the page does not exist (404).
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from api.db import SessionDep
from api.errors import NotFound
from api.models import SmsOutboxMessage
from api.routes.staff_auth import identify
from api.services.directory import mask_phone
from api.settings import Settings
from api.web.staff_view import render

router = APIRouter(prefix="/staff/demo-phone", tags=["staff: pages"], include_in_schema=False)
SHOWN = 20


@router.get("", response_class=HTMLResponse)
def demo_phone_page(request: Request, session: SessionDep) -> Response:
    settings: Settings = request.app.state.settings
    if not settings.demo_mode:
        raise NotFound()
    context = identify(request, session)
    if context is None or not context.via_cookie:
        return RedirectResponse("/staff", status_code=303)
    if not context.staff.is_admin:
        return render(request, "staff_not_found.html", {"ctx": context}, status_code=404)
    messages = session.scalars(
        select(SmsOutboxMessage).order_by(SmsOutboxMessage.id.desc()).limit(SHOWN)
    ).all()
    values = {
        "ctx": context,
        "messages": [(mask_phone(m.to_phone), m.body, m.created_at) for m in messages],
        "nav": "demo-phone",
    }
    return render(request, "staff_demo_phone.html", values)
