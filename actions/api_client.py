"""Typed client for the bot-facing routes of the Ingång API (docs/ARCHITECTURE.md).

The only place the action server talks HTTP. Settings are read from the environment when
the client is built (`ApiClient.from_env()`), never at import.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import httpx

from actions.api_errors import (
    ApiError,
    ApiUnavailable,
    CodeExpired,
    NotFound,
    NotVerified,
    RateLimited,
    TooManyAttempts,
    UnknownEmployee,
    WrongCode,
    error_for,
)

# The error types are part of this client's interface: callers import them from here.
__all__ = [
    "ApiClient",
    "ApiError",
    "ApiUnavailable",
    "CodeExpired",
    "CreatedTicket",
    "DeliveredReply",
    "NotFound",
    "NotVerified",
    "Outage",
    "RateLimited",
    "StaffReply",
    "TicketRequest",
    "TicketStatus",
    "TooManyAttempts",
    "UnknownEmployee",
    "Verification",
    "WrongCode",
]

DEFAULT_API_URL = "http://127.0.0.1:8000"
DEFAULT_TIMEOUT = httpx.Timeout(8.0, connect=3.0)


@dataclass(frozen=True)
class TicketRequest:
    queue: str
    topic: str
    session_id: str
    fields: dict[str, Any]
    transcript: list[dict[str, str]]
    priority: str = "normal"
    channel: str = "chat"
    lang: str = "sv"
    contact_email: str | None = None

    def as_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "queue": self.queue,
            "topic": self.topic,
            "channel": self.channel,
            "session_id": self.session_id,
            "priority": self.priority,
            "fields": self.fields,
            "transcript": self.transcript,
            "lang": self.lang,
        }
        if self.contact_email:
            body["contact_email"] = self.contact_email
        return body


@dataclass(frozen=True)
class CreatedTicket:
    reference: str
    secret: str
    status: str
    queue: str
    queue_name: str
    first_response_due: str
    resolution_due: str
    sla_first_response_hours: int


@dataclass(frozen=True)
class StaffReply:
    text: str
    at: str


@dataclass(frozen=True)
class TicketStatus:
    reference: str
    status: str
    queue_name: str
    updated_at: str
    last_staff_reply: StaffReply | None = None


@dataclass(frozen=True)
class DeliveredReply:
    reference: str
    text: str
    at: str


@dataclass(frozen=True)
class Outage:
    id: int | str
    system: str
    message: str
    started_at: str
    expected_end: str | None
    active: bool = True


@dataclass(frozen=True)
class Verification:
    verification_id: str
    masked_phone: str
    expires_at: str


@dataclass
class ApiClient:
    """Async client; one instance per action run (cheap: it holds settings, not sockets)."""

    base_url: str
    token: str
    timeout: httpx.Timeout = field(default_factory=lambda: DEFAULT_TIMEOUT)
    transport: httpx.AsyncBaseTransport | None = None

    @classmethod
    def from_env(cls) -> ApiClient:
        """Build from `INGANG_API_URL` and `BOT_SERVICE_TOKEN`, read now."""
        return cls(
            base_url=os.environ.get("INGANG_API_URL") or DEFAULT_API_URL,
            token=os.environ.get("BOT_SERVICE_TOKEN", ""),
        )

    async def _request(
        self,
        method: str,
        path: str,
        *,
        json: dict[str, Any] | None = None,
        params: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        all_headers = {"Authorization": f"Bearer {self.token}", **(headers or {})}
        try:
            async with httpx.AsyncClient(
                base_url=self.base_url.rstrip("/") + "/api/v1",
                timeout=self.timeout,
                transport=self.transport,
            ) as client:
                response = await client.request(
                    method, path, json=json, params=params, headers=all_headers
                )
        except httpx.HTTPError as exc:
            raise ApiUnavailable(f"{method} {path}: {type(exc).__name__}") from exc
        if response.status_code >= 500:
            raise ApiUnavailable(
                f"{method} {path}: HTTP {response.status_code}", response.status_code
            )
        if response.status_code >= 400:
            raise error_for(response)
        return response

    async def create_ticket(self, ticket: TicketRequest, idempotency_key: str) -> CreatedTicket:
        """POST /tickets; retrying with the same key returns the same ticket."""
        response = await self._request(
            "POST", "/tickets", json=ticket.as_json(), headers={"Idempotency-Key": idempotency_key}
        )
        data = response.json()
        return CreatedTicket(
            reference=data["reference"],
            secret=data["secret"],
            status=data["status"],
            queue=data["queue"],
            queue_name=data["queue_name"],
            first_response_due=data["first_response_due"],
            resolution_due=data["resolution_due"],
            sla_first_response_hours=int(data["sla_first_response_hours"]),
        )

    async def ticket_status(self, reference: str, session_id: str) -> TicketStatus:
        """Status of a ticket created in this chat session; NotFound otherwise."""
        response = await self._request(
            "GET", f"/tickets/{reference}/status", params={"session_id": session_id}
        )
        return _ticket_status(response.json())

    async def public_ticket_status(
        self, reference: str, secret: str, session_id: str | None = None
    ) -> TicketStatus:
        """Status by reference + secret; NotFound for either wrong, RateLimited when throttled.

        `session_id` makes the API's rate limit count per chat session instead of per action
        server address (which every chat user shares).
        """
        response = await self._request(
            "POST",
            "/public/ticket-status",
            json={"reference": reference, "secret": secret},
            headers=_session_header(session_id),
        )
        return _ticket_status(response.json())

    async def deliver_replies(self, session_id: str) -> list[DeliveredReply]:
        """Staff replies not yet shown in this session (marks them delivered)."""
        response = await self._request("POST", f"/sessions/{session_id}/replies/deliver")
        return _delivered(response.json())

    async def deliver_ticket_replies(
        self, reference: str, secret: str, session_id: str | None = None
    ) -> list[DeliveredReply]:
        """Staff replies of a ticket proven by its secret, not yet delivered, oldest first.

        For a chat that is not the ticket's own session; the API marks them delivered.
        NotFound for a wrong reference or secret, RateLimited like the status look-up.
        """
        response = await self._request(
            "POST",
            f"/tickets/{reference}/replies/deliver",
            json={"secret": secret},
            headers=_session_header(session_id),
        )
        return _delivered(response.json())

    async def active_outages(self) -> list[Outage]:
        """Outages published by staff that are still active."""
        response = await self._request("GET", "/outages")
        return [
            Outage(
                id=o["id"],
                system=o["system"],
                message=o["message"],
                started_at=o["started_at"],
                expected_end=o.get("expected_end"),
                active=bool(o.get("active", True)),
            )
            for o in response.json()
            if o.get("active", True)
        ]

    async def start_verification(
        self, employee_id: str, session_id: str | None = None
    ) -> Verification:
        """Send a one-time code to the employee's registered phone; RateLimited when too many.

        `session_id` lets the API limit codes per chat session, not only per employee id.
        """
        response = await self._request(
            "POST",
            "/directory/verifications",
            json={"employee_id": employee_id},
            headers=_session_header(session_id),
        )
        data = response.json()
        return Verification(data["verification_id"], data["masked_phone"], data["expires_at"])

    async def confirm_verification(self, verification_id: str, code: str) -> None:
        """Check the code; raises WrongCode, CodeExpired or TooManyAttempts."""
        await self._request(
            "POST", f"/directory/verifications/{verification_id}/confirm", json={"code": code}
        )

    async def reset_password(self, verification_id: str) -> str:
        """Send a temporary password by SMS; returns the masked phone it went to."""
        response = await self._request(
            "POST", "/directory/password-resets", json={"verification_id": verification_id}
        )
        return str(response.json()["sent_to"])

    async def unlock_account(self, verification_id: str) -> None:
        """Unlock the verified employee's account."""
        await self._request("POST", "/directory/unlocks", json={"verification_id": verification_id})


def _session_header(session_id: str | None) -> dict[str, str]:
    return {"X-Session-Id": session_id} if session_id else {}


def _delivered(data: list[dict[str, Any]]) -> list[DeliveredReply]:
    return [DeliveredReply(r["reference"], r["text"], r["at"]) for r in data]


def _ticket_status(data: dict[str, Any]) -> TicketStatus:
    reply = data.get("last_staff_reply")
    return TicketStatus(
        reference=data["reference"],
        status=data["status"],
        queue_name=data["queue_name"],
        updated_at=data["updated_at"],
        last_staff_reply=StaffReply(reply["text"], reply["at"]) if reply else None,
    )
