"""Local demo employee directory, one-time code verifications and the SMS outbox."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, UTCDateTime, utcnow


class Employee(Base):
    __tablename__ = "employee"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # employee number, e.g. "E10023"
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(32))  # E.164, e.g. "+46701234567"
    email: Mapped[str] = mapped_column(String(320))
    account_locked: Mapped[bool] = mapped_column(default=False)
    password_reset_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Verification(Base):
    __tablename__ = "verification"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # uuid4 hex
    employee_id: Mapped[str] = mapped_column(ForeignKey("employee.id"), index=True)
    # HMAC-SHA256 of the one-time code; the code itself is only in the SMS.
    code_hash: Mapped[str] = mapped_column(String(64))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SmsOutboxMessage(Base):
    """SMS the local sender 'sent': the demo's stand-in for a phone."""

    __tablename__ = "sms_outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    to_phone: Mapped[str] = mapped_column(String(32))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
