"""Read the parts of the content pack the API needs (queues, demo staff, demo directory, and
the chat gateway's own answer when the assistant is down)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field, field_validator

from api.services.sla import WEEKDAYS, parse_window


class LocalizedName(BaseModel):
    sv: str
    en: str


class QueueSla(BaseModel):
    first_response_hours: int = Field(gt=0)
    resolution_hours: int = Field(gt=0)


class QueueConfig(BaseModel):
    id: str
    prefix: str = Field(pattern=r"^[A-Z]{2,8}$")
    name: LocalizedName
    sla: QueueSla
    opening_hours: dict[str, str] = Field(default_factory=dict)

    @field_validator("opening_hours")
    @classmethod
    def _valid_opening_hours(cls, value: dict[str, str]) -> dict[str, str]:
        for day, window in value.items():
            if day not in WEEKDAYS:
                raise ValueError(f"unknown weekday {day!r}; use {', '.join(WEEKDAYS)}")
            parse_window(window)  # raises InvalidOpeningHours (a ValueError) with the reason
        return value


class StaffSeed(BaseModel):
    name: str
    email: str
    role: str = Field(pattern="^(agent|admin)$")
    password: str
    queues: list[str]


class EmployeeSeed(BaseModel):
    id: str
    name: str
    phone: str
    email: str
    account_locked: bool = False


def _read(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top")
    return data


def load_queues(pack: Path) -> list[QueueConfig]:
    return [QueueConfig.model_validate(q) for q in _read(pack / "queues.yml")["queues"]]


def load_demo_staff(pack: Path) -> list[StaffSeed]:
    return [StaffSeed.model_validate(s) for s in _read(pack / "demo_staff.yml")["staff"]]


def load_demo_directory(pack: Path) -> list[EmployeeSeed]:
    data = _read(pack / "demo_directory.yml")["employees"]
    return [EmployeeSeed.model_validate(e) for e in data]


class ContactCentre(BaseModel):
    phone: str


class MunicipalityFacts(BaseModel):
    """The few keys of `municipality.yml` the API uses (the bot reads the rest)."""

    contact_centre: ContactCentre
    assistant_unavailable: LocalizedName  # `{phone}`: the contact centre's number


def load_assistant_unavailable(pack: Path) -> dict[str, str]:
    """The 503 apology per language (`sv`, `en`), with the contact centre's phone filled in."""
    facts = MunicipalityFacts.model_validate(_read(pack / "municipality.yml"))
    phone = facts.contact_centre.phone
    return {
        "sv": facts.assistant_unavailable.sv.format(phone=phone),
        "en": facts.assistant_unavailable.en.format(phone=phone),
    }
