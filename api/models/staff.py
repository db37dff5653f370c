"""Staff users (case officers and admins) and the queues they may see."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Column, ForeignKey, Integer, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.models.base import Base, UTCDateTime, enum_type, utcnow
from api.models.queue import Queue


class StaffRole(enum.StrEnum):
    AGENT = "agent"
    ADMIN = "admin"


staff_queue = Table(
    "staff_queue",
    Base.metadata,
    Column("staff_user_id", ForeignKey("staff_user.id", ondelete="CASCADE"), primary_key=True),
    Column("queue_id", ForeignKey("queue.id", ondelete="CASCADE"), primary_key=True),
)


class StaffUser(Base):
    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320), unique=True)
    role: Mapped[StaffRole] = mapped_column(enum_type(StaffRole))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    queues: Mapped[list[Queue]] = relationship(secondary=staff_queue, lazy="selectin")

    @property
    def is_admin(self) -> bool:
        return self.role is StaffRole.ADMIN

    def queue_ids(self) -> set[str]:
        return {queue.id for queue in self.queues}
