"""Chat gateway request and response bodies (docs/ARCHITECTURE.md, "People-facing chat")."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

SESSION_ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"


class ChatRequest(BaseModel):
    session_id: str | None = Field(default=None, pattern=SESSION_ID_PATTERN)
    text: str = Field(min_length=1, max_length=2000)
    lang: Literal["sv", "en"] | None = None


class Button(BaseModel):
    title: str
    payload: str


class ChatMessage(BaseModel):
    text: str
    buttons: list[Button] | None = None
    kind: Literal["staff_reply"] | None = None
    reference: str | None = None
    at: datetime | None = None


class ChatResponse(BaseModel):
    session_id: str
    messages: list[ChatMessage]
    topic: str | None
    confidence: float
    lang: Literal["sv", "en"]
