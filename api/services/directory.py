"""Employee directory and SMS behind small adapters (local demo now; LDAP/Azure AD later)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.orm import Session

from api.models import Employee, SmsOutboxMessage, utcnow

TEMP_PASSWORD_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ"  # noqa: S105


@dataclass(frozen=True)
class EmployeeRecord:
    id: str
    name: str
    phone: str


class DirectoryAdapter(Protocol):
    def find_employee(self, employee_id: str) -> EmployeeRecord | None: ...

    def set_temporary_password(self, employee_id: str, temporary_password: str) -> None: ...

    def unlock_account(self, employee_id: str) -> None: ...


class SmsSender(Protocol):
    def send(self, to_phone: str, body: str) -> None: ...


class LocalDirectory:
    """The demo directory in the app database (`employee` table)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def find_employee(self, employee_id: str) -> EmployeeRecord | None:
        employee = self._session.get(Employee, employee_id.strip().upper())
        if employee is None:
            return None
        return EmployeeRecord(id=employee.id, name=employee.name, phone=employee.phone)

    def set_temporary_password(self, employee_id: str, temporary_password: str) -> None:
        # The demo directory has no real accounts: remember only that a reset happened.
        del temporary_password
        employee = self._session.get_one(Employee, employee_id)
        employee.password_reset_at = utcnow()
        employee.account_locked = False

    def unlock_account(self, employee_id: str) -> None:
        self._session.get_one(Employee, employee_id).account_locked = False


class OutboxSmsSender:
    """Local SMS: writes to `sms_outbox` (the demo's phone). Never logs the body."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def send(self, to_phone: str, body: str) -> None:
        self._session.add(SmsOutboxMessage(to_phone=to_phone, body=body))


def mask_phone(e164: str) -> str:
    """`+46701740621` → `070-*** ** 21`: enough to recognise, not enough to call."""
    digits = "".join(ch for ch in e164 if ch.isdigit())
    national = "0" + digits[2:] if e164.startswith("+46") else digits
    return f"{national[:3]}-*** ** {national[-2:]}"


def new_temporary_password() -> str:
    return "".join(secrets.choice(TEMP_PASSWORD_ALPHABET) for _ in range(12))
