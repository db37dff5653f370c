"""Ticket bodies for the bot-facing and citizen-facing API."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator

from api.schemas.chat import SESSION_ID_PATTERN
from swedish import is_valid_email


class TranscriptLine(BaseModel):
    role: Literal["user", "bot"]
    text: str = Field(max_length=5000)
    timestamp: datetime


class TicketCreate(BaseModel):
    queue: str
    topic: str = Field(min_length=1, max_length=100)
    channel: Literal["chat", "speech", "api"] = "chat"
    session_id: str = Field(pattern=SESSION_ID_PATTERN)
    priority: Literal["low", "normal", "high"] = "normal"
    fields: dict[str, Any] = Field(default_factory=dict)
    transcript: list[TranscriptLine] = Field(default_factory=list, max_length=500)
    lang: Literal["sv", "en"] = "sv"
    contact_email: str | None = Field(default=None, max_length=320)

    @field_validator("contact_email")
    @classmethod
    def _check_email(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        if not is_valid_email(value):
            raise ValueError("not an e-mail address")
        return value.strip()


class TicketCreated(BaseModel):
    reference: str
    secret: str
    status: str
    queue: str
    queue_name: str
    first_response_due: datetime
    resolution_due: datetime
    sla_first_response_hours: int


class StaffReplyOut(BaseModel):
    text: str
    at: datetime


class TicketStatusOut(BaseModel):
    reference: str
    status: str
    queue_name: str
    updated_at: datetime
    last_staff_reply: StaffReplyOut | None


class PublicStatusQuery(BaseModel):
    reference: str = Field(max_length=32)
    secret: str = Field(max_length=64)


class SecretProof(BaseModel):
    secret: str = Field(min_length=1, max_length=64)


class DeliveredReply(BaseModel):
    reference: str
    text: str
    at: datetime


class OutageOut(BaseModel):
    id: int
    system: str
    message: str
    started_at: datetime
    expected_end: datetime | None
    active: bool
