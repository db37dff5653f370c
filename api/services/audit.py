"""Append entries to the audit log (it is never updated or deleted)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from api.models import AuditLogEntry, StaffUser, Ticket


def record(
    session: Session,
    action: str,
    *,
    actor: str,
    ticket: Ticket | None = None,
    staff_user: StaffUser | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditLogEntry:
    """Add one entry; `actor` is "bot", "citizen", "system" or "staff"."""
    entry = AuditLogEntry(
        ticket_id=ticket.id if ticket is not None else None,
        actor=actor,
        staff_user_id=staff_user.id if staff_user is not None else None,
        action=action,
        detail=detail or {},
    )
    session.add(entry)
    return entry
