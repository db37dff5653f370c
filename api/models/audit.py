"""Append-only audit log of every change to a ticket."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, event
from sqlalchemy.orm import Mapped, Mapper, mapped_column

from api.models.base import Base, UTCDateTime, utcnow


class AuditLogEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id"), index=True)
    # "bot", "system", "citizen" or "staff"; staff_user_id says which staff member.
    actor: Mapped[str] = mapped_column(String(32))
    staff_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    action: Mapped[str] = mapped_column(String(64))  # e.g. "ticket.created", "ticket.status"
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AuditLogIsAppendOnly(RuntimeError):
    """Raised when code tries to change or delete an audit entry."""


def _refuse_change(_mapper: Mapper[Any], _connection: Any, _target: Any) -> None:
    raise AuditLogIsAppendOnly("audit_log is append-only")


# The database refuses too (triggers in the migration); this catches it earlier in the ORM.
event.listen(AuditLogEntry, "before_update", _refuse_change)
event.listen(AuditLogEntry, "before_delete", _refuse_change)
