"""Queues (departments) that tickets are routed to; seeded from the content pack."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base


class Queue(Base):
    __tablename__ = "queue"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # stable id, e.g. "it_support"
    prefix: Mapped[str] = mapped_column(String(8), unique=True)
    name_sv: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    sla_first_response_hours: Mapped[int] = mapped_column(Integer)
    sla_resolution_hours: Mapped[int] = mapped_column(Integer)
    # {"mon": "08:00-16:30", ...}; missing day = closed.
    opening_hours: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_sv
