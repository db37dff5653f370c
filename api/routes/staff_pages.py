"""The `/staff` workspace: server-rendered pages with plain HTML forms (work without JS).

Login sets the signed session cookie; every form post carries the session's CSRF token in the
hidden field `csrf_token` and is answered with a redirect (post/redirect/get).
"""

from __future__ import annotations

import secrets
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, BackgroundTasks, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from api.db import SessionDep
from api.errors import DomainError, NotFound
from api.models import Priority, TicketStatus
from api.routes.staff_auth import (
    COOKIE_NAME,
    StaffContext,
    identify,
    login,
    revoked_tokens,
    session_secret,
)
from api.routes.staff_tickets import schedule_reply_notice, ticket_detail
from api.schemas.staff import TicketSummary
from api.services import staff_auth, staff_tickets
from api.web.staff_view import render, status_label

LOGIN_NONCE_COOKIE = "ingang_login_nonce"
FLASH = {
    "claimed": "Du har tagit ärendet.",
    "replied": "Svaret är skickat till användaren.",
    "noted": "Den interna anteckningen är sparad.",
    "changed": "Ärendet är uppdaterat.",
    "status": "Status är ändrad.",
    "published": "Driftstörningen är publicerad.",
    "closed": "Driftstörningen är avslutad.",
}

TICKET_ACTIONS = frozenset({"claim", "reply", "note", "status", "change", "reveal"})

router = APIRouter(prefix="/staff", tags=["staff: pages"], include_in_schema=False)


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def _redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _to_login() -> RedirectResponse:
    return _redirect("/staff")


def form_context(request: Request, session: Session, csrf_token: str) -> StaffContext | None:
    """The signed-in staff member if the form's CSRF token matches their session."""
    context = identify(request, session)
    if context is None or not context.via_cookie:
        return None
    if not staff_auth.check_csrf(session_secret(request), context.claims.token_id, csrf_token):
        return None
    return context


def _login_page(request: Request, error: str | None = None, status_code: int = 200) -> Response:
    nonce = request.cookies.get(LOGIN_NONCE_COOKIE) or secrets.token_urlsafe(16)
    csrf = staff_auth.login_csrf_token(session_secret(request), nonce)
    response = render(
        request, "staff_login.html", {"csrf_token": csrf, "error": error}, status_code=status_code
    )
    response.set_cookie(
        LOGIN_NONCE_COOKIE,
        nonce,
        httponly=True,
        samesite="lax",
        secure=_secure(request),
        path="/staff",
    )
    return response


@router.get("", response_class=HTMLResponse)
def queue_page(
    request: Request,
    session: SessionDep,
    queue: str | None = None,
    status: str | None = None,
    sla: str | None = None,
    done: str | None = None,
) -> Response:
    context = identify(request, session)
    if context is None or not context.via_cookie:
        return _login_page(request)
    # Default (no or empty choice): the tickets still to work on; "all" shows every status.
    statuses: list[TicketStatus] | None = [
        TicketStatus.NEW,
        TicketStatus.OPEN,
        TicketStatus.PENDING,
    ]
    if status in set(TicketStatus):
        statuses = [TicketStatus(status)]
    elif status == "all":
        statuses = None
    breached = {"breached": True, "ok": False}.get(sla or "")
    tickets = staff_tickets.list_tickets(
        session, context.staff, queue=queue or None, status=statuses, sla_breached=breached
    )
    return render(
        request,
        "staff_queue.html",
        {
            "ctx": context,
            "tickets": [TicketSummary.of(t) for t in tickets],
            "queues": staff_tickets.list_queues(session, context.staff),
            "filters": {"queue": queue or "", "status": status or "", "sla": sla or ""},
            "statuses": list(TicketStatus),
            "flash": FLASH.get(done or ""),
            "nav": "tickets",
        },
    )


@router.post("/login", response_class=HTMLResponse)
def login_form(
    request: Request,
    session: SessionDep,
    email: Annotated[str, Form(max_length=320)],
    password: Annotated[str, Form(max_length=200)],
    csrf_token: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    nonce = request.cookies.get(LOGIN_NONCE_COOKIE, "")
    expected = staff_auth.login_csrf_token(session_secret(request), nonce)
    if not nonce or not secrets.compare_digest(expected, csrf_token):
        return _login_page(request, "Sidan hann bli för gammal. Försök igen.", 403)
    try:
        staff = login(request, session, email, password)
    except DomainError as error:
        message = (
            "För många misslyckade inloggningar. Vänta några minuter och försök igen."
            if error.status_code == 429
            else "Fel e-postadress eller lösenord."
        )
        return _login_page(request, message, error.status_code)
    token = staff_auth.issue_token(session_secret(request), staff.id)
    response = _redirect("/staff")
    response.set_cookie(
        COOKIE_NAME,
        token,
        max_age=staff_auth.TOKEN_TTL_SECONDS,
        httponly=True,
        samesite="lax",
        secure=_secure(request),
        path="/",
    )
    response.delete_cookie(LOGIN_NONCE_COOKIE, path="/staff")
    return response


@router.post("/logout")
def logout_form(
    request: Request, session: SessionDep, csrf_token: Annotated[str, Form(max_length=200)] = ""
) -> Response:
    context = form_context(request, session, csrf_token)
    if context is not None:
        revoked_tokens(request).revoke(context.claims)
    response = _to_login()
    response.delete_cookie(COOKIE_NAME, path="/")
    return response


def _ticket_page(
    request: Request,
    session: Session,
    context: StaffContext,
    reference: str,
    *,
    revealed: str | None = None,
    flash: str | None = None,
    flash_error: bool = False,
) -> Response:
    try:
        ticket = staff_tickets.get_ticket(session, context.staff, reference)
    except NotFound:
        return render(request, "staff_not_found.html", {"ctx": context}, status_code=404)
    detail = ticket_detail(session, ticket)
    values: dict[str, Any] = {
        "ctx": context,
        "t": detail,
        "revealed": revealed,
        "flash": flash,
        "flash_error": flash_error,
        "queues": staff_tickets.list_queues(session, context.staff),
        "priorities": list(Priority),
        "status_label": status_label,
        "nav": "tickets",
    }
    return render(request, "staff_ticket.html", values)


@router.get("/tickets/{reference}", response_class=HTMLResponse)
def ticket_page(
    reference: str, request: Request, session: SessionDep, done: str | None = None
) -> Response:
    context = identify(request, session)
    if context is None or not context.via_cookie:
        return _to_login()
    return _ticket_page(request, session, context, reference, flash=FLASH.get(done or ""))


@router.post("/tickets/{reference}/{action}", response_class=HTMLResponse)
def ticket_action(
    reference: str,
    action: str,
    request: Request,
    background: BackgroundTasks,
    session: SessionDep,
    csrf_token: Annotated[str, Form(max_length=200)] = "",
    text: Annotated[str, Form(max_length=5000)] = "",
    status: Annotated[str, Form(max_length=16)] = "",
    priority: Annotated[str, Form(max_length=16)] = "",
    queue: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    context = form_context(request, session, csrf_token)
    if context is None:
        return _to_login()
    if action not in TICKET_ACTIONS:
        return render(request, "staff_not_found.html", {"ctx": context}, status_code=404)
    try:
        ticket = staff_tickets.get_ticket(session, context.staff, reference)
    except NotFound:
        return render(request, "staff_not_found.html", {"ctx": context}, status_code=404)
    staff = context.staff
    done = action
    try:
        if action == "claim":
            staff_tickets.claim(session, staff, ticket)
            done = "claimed"
        elif action == "reply" and text.strip():
            message = staff_tickets.reply(session, staff, ticket, text.strip())
            schedule_reply_notice(request, background, ticket, message)
            done = "replied"
        elif action == "note" and text.strip():
            staff_tickets.add_note(session, staff, ticket, text.strip())
            done = "noted"
        elif action == "status" and status in {s.value for s in TicketStatus} - {"new"}:
            staff_tickets.set_status(session, staff, ticket, TicketStatus(status))
            done = "status"
        elif action == "change":
            new_priority = Priority(priority) if priority in set(Priority) else None
            staff_tickets.change(
                session, staff, ticket, priority=new_priority, queue_id=queue or None
            )
            done = "changed"
        elif action == "reveal":
            value = staff_tickets.reveal_personal_id(session, staff, ticket)
            return _ticket_page(request, session, context, reference, revealed=value)
        else:
            return _ticket_page(
                request, session, context, reference, flash="Fyll i texten först.", flash_error=True
            )
    except DomainError as error:
        session.rollback()
        return _ticket_page(
            request,
            session,
            context,
            reference,
            flash=f"Gick inte: {error.detail}",
            flash_error=True,
        )
    if staff_tickets.visible_queue_ids(staff, session) >= {ticket.queue_id}:
        return _redirect(f"/staff/tickets/{reference}?" + urlencode({"done": done}))
    return _redirect("/staff?" + urlencode({"done": done}))
