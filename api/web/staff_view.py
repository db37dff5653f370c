"""Rendering helpers for the staff pages: Swedish labels and local times."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import Request
from fastapi.responses import HTMLResponse

from api.web.templating import CONTENT_SECURITY_POLICY, get_templates

STATUS_LABELS = {
    "new": "Ny",
    "open": "Öppen",
    "pending": "Väntar på användaren",
    "resolved": "Löst",
    "closed": "Stängd",
}
PRIORITY_LABELS = {"low": "Låg", "normal": "Normal", "high": "Hög"}
AUDIT_LABELS = {
    "ticket.created": "Ärendet skapades",
    "ticket.claimed": "Ärendet togs",
    "ticket.replied": "Svar skickat till användaren",
    "ticket.note_added": "Intern anteckning",
    "ticket.priority_changed": "Prioritet ändrad",
    "ticket.queue_changed": "Kö ändrad",
    "ticket.status_changed": "Status ändrad",
    "ticket.personal_id_revealed": "Personnummer visat",
}
ACTOR_LABELS = {"bot": "Ingång (bot)", "system": "Systemet", "citizen": "Användaren"}
ROLE_LABELS = {"user": "Användare", "bot": "Ingång (bot)", "staff": "Handläggare"}


@lru_cache(maxsize=1)
def _local_zone() -> ZoneInfo | None:
    try:
        return ZoneInfo("Europe/Stockholm")
    except ZoneInfoNotFoundError:
        return None


def local_time(value: datetime | None) -> str:
    """`2026-11-22 09:15` in Swedish time (UTC when the zone database is missing)."""
    if value is None:
        return "\u2013"  # en dash: "no time"
    zone = _local_zone()
    shown = value.astimezone(zone) if zone else value.astimezone(UTC)
    return shown.strftime("%Y-%m-%d %H:%M")


def status_label(value: str) -> str:
    return STATUS_LABELS.get(str(value), str(value))


def priority_label(value: str) -> str:
    return PRIORITY_LABELS.get(str(value), str(value))


def role_label(value: str) -> str:
    return ROLE_LABELS.get(str(value), str(value))


def field_label(key: str) -> str:
    """Form field keys as headings: `personal_id` → Personnummer, `phone_number` → Phone number."""
    return "Personnummer" if key == "personal_id" else key.replace("_", " ").capitalize()


def audit_label(action: str) -> str:
    return AUDIT_LABELS.get(action, action)


def actor_label(actor: str) -> str:
    return ACTOR_LABELS.get(actor, actor)


def render(
    request: Request, name: str, values: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """Render a staff template with the helpers every page uses."""
    context = {
        "lang": "sv",
        "local_time": local_time,
        "status_label": status_label,
        "priority_label": priority_label,
        "role_label": role_label,
        "audit_label": audit_label,
        "field_label": field_label,
        "actor_label": actor_label,
        "demo_mode": request.app.state.settings.demo_mode,
        **values,
    }
    response = get_templates().TemplateResponse(request, name, context, status_code=status_code)
    # Staff pages show personal data: never cache them, never frame them.
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    return response
