"""Directory verification bodies (bot-facing)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class VerificationStart(BaseModel):
    employee_id: str = Field(min_length=1, max_length=32)


class VerificationStarted(BaseModel):
    verification_id: str
    masked_phone: str
    expires_at: datetime


class CodeConfirm(BaseModel):
    code: str = Field(min_length=1, max_length=12)


class Verified(BaseModel):
    verified: bool


class VerificationRef(BaseModel):
    verification_id: str = Field(min_length=1, max_length=32)


class PasswordResetSent(BaseModel):
    sent_to: str


class Unlocked(BaseModel):
    unlocked: bool
