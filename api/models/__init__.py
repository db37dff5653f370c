"""SQLAlchemy models; importing this package registers every table on `Base.metadata`."""

from api.models.audit import AuditLogEntry, AuditLogIsAppendOnly
from api.models.base import Base, utcnow
from api.models.conversation import Conversation, ConversationTurn
from api.models.directory import Employee, SmsOutboxMessage, Verification
from api.models.outage import Outage
from api.models.queue import Queue
from api.models.staff import StaffRole, StaffUser, staff_queue
from api.models.ticket import (
    Channel,
    Message,
    MessageRole,
    Priority,
    ReferenceSequence,
    Ticket,
    TicketStatus,
)

__all__ = [
    "AuditLogEntry",
    "AuditLogIsAppendOnly",
    "Base",
    "Channel",
    "Conversation",
    "ConversationTurn",
    "Employee",
    "Message",
    "MessageRole",
    "Outage",
    "Priority",
    "Queue",
    "ReferenceSequence",
    "SmsOutboxMessage",
    "StaffRole",
    "StaffUser",
    "Ticket",
    "TicketStatus",
    "Verification",
    "staff_queue",
    "utcnow",
]
