"""Request and response bodies of the staff-facing API (`/api/v1/staff/...`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from api.models import AuditLogEntry, Message, Outage, Priority, StaffUser, Ticket, TicketStatus
from api.services.staff_tickets import PERSONAL_ID_FIELD, SlaState, sla_state
from swedish.personal_id import mask_personal_id


class LoginRequest(BaseModel):
    email: str = Field(min_length=3, max_length=320)
    password: str = Field(min_length=1, max_length=200)


class StaffMe(BaseModel):
    id: int
    name: str
    email: str
    role: Literal["agent", "admin"]
    queues: list[str]

    @classmethod
    def of(cls, staff: StaffUser) -> StaffMe:
        return cls(
            id=staff.id,
            name=staff.name,
            email=staff.email,
            role=staff.role.value,
            queues=sorted(staff.queue_ids()),
        )


class LoginResponse(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 - the OAuth2 scheme name
    expires_in: int
    staff: StaffMe


class QueueOut(BaseModel):
    id: str
    prefix: str
    name_sv: str
    name_en: str
    sla_first_response_hours: int
    sla_resolution_hours: int


class SlaOut(BaseModel):
    first_response_due: datetime
    resolution_due: datetime
    first_response_at: datetime | None
    resolved_at: datetime | None
    first_response_breached: bool
    resolution_breached: bool
    breached: bool

    @classmethod
    def of(cls, ticket: Ticket, state: SlaState) -> SlaOut:
        return cls(
            first_response_due=ticket.first_response_due,
            resolution_due=ticket.resolution_due,
            first_response_at=ticket.first_response_at,
            resolved_at=ticket.resolved_at,
            first_response_breached=state.first_response_breached,
            resolution_breached=state.resolution_breached,
            breached=state.breached,
        )


class TicketSummary(BaseModel):
    reference: str
    queue: str
    queue_name: str
    topic: str
    channel: str
    status: TicketStatus
    priority: Priority
    assignee: str | None
    created_at: datetime
    updated_at: datetime
    sla: SlaOut

    @classmethod
    def of(cls, ticket: Ticket) -> TicketSummary:
        return cls(
            reference=ticket.reference,
            queue=ticket.queue_id,
            queue_name=ticket.queue.name_sv,
            topic=ticket.topic,
            channel=ticket.channel.value,
            status=ticket.status,
            priority=ticket.priority,
            assignee=ticket.assignee.name if ticket.assignee else None,
            created_at=ticket.created_at,
            updated_at=ticket.updated_at,
            sla=SlaOut.of(ticket, sla_state(ticket)),
        )


class MessageOut(BaseModel):
    id: int
    role: str
    text: str
    internal: bool
    author: str | None
    created_at: datetime
    delivered_at: datetime | None

    @classmethod
    def of(cls, message: Message) -> MessageOut:
        return cls(
            id=message.id,
            role=message.role.value,
            text=message.text,
            internal=message.internal,
            author=message.author.name if message.author else None,
            created_at=message.created_at,
            delivered_at=message.delivered_at,
        )


class AuditOut(BaseModel):
    id: int
    actor: str
    staff_user_id: int | None
    staff_name: str | None
    action: str
    detail: dict[str, Any]
    created_at: datetime

    @classmethod
    def of(cls, entry: AuditLogEntry, names: dict[int, str]) -> AuditOut:
        return cls(
            id=entry.id,
            actor=entry.actor,
            staff_user_id=entry.staff_user_id,
            staff_name=names.get(entry.staff_user_id) if entry.staff_user_id else None,
            action=entry.action,
            detail=entry.detail,
            created_at=entry.created_at,
        )


def masked_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """The form fields with the personnummer masked (revealing it is a separate, audited call)."""
    shown = dict(fields)
    value = shown.get(PERSONAL_ID_FIELD)
    if isinstance(value, str) and len(value) >= 9:
        shown[PERSONAL_ID_FIELD] = mask_personal_id(value)
    elif value is not None:
        shown[PERSONAL_ID_FIELD] = "****"
    return shown


class TicketDetail(TicketSummary):
    lang: str
    has_contact_email: bool
    fields: dict[str, Any] = Field(description="Form fields; the personnummer is masked.")
    transcript: list[MessageOut] = Field(description="User, bot and staff messages, oldest first.")
    notes: list[MessageOut] = Field(description="Internal notes, never shown to the user.")
    audit: list[AuditOut]

    @classmethod
    def build(
        cls, ticket: Ticket, audit: list[AuditLogEntry], names: dict[int, str]
    ) -> TicketDetail:
        summary = TicketSummary.of(ticket)
        return cls(
            **summary.model_dump(),
            lang=ticket.lang,
            has_contact_email=bool(ticket.contact_email),
            fields=masked_fields(ticket.fields),
            transcript=[MessageOut.of(m) for m in ticket.messages if not m.internal],
            notes=[MessageOut.of(m) for m in ticket.messages if m.internal],
            audit=[AuditOut.of(e, names) for e in audit],
        )


class TextBody(BaseModel):
    text: str = Field(min_length=1, max_length=5000)


class TicketChange(BaseModel):
    priority: Priority | None = None
    queue: str | None = Field(default=None, max_length=64)


class StatusChange(BaseModel):
    status: Literal["open", "pending", "resolved", "closed"]


class PersonalIdOut(BaseModel):
    personal_id: str | None


class OutageIn(BaseModel):
    system: str = Field(min_length=1, max_length=200)
    message: str = Field(min_length=1, max_length=2000)
    expected_end: datetime | None = None


class OutageOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    system: str
    message: str
    started_at: datetime
    expected_end: datetime | None
    active: bool
    closed_at: datetime | None

    @classmethod
    def of(cls, outage: Outage) -> OutageOut:
        return cls.model_validate(outage)
