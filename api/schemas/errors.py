"""Error bodies and their OpenAPI documentation: one table of machine codes for every route."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from api.schemas.chat import ChatMessage


class ErrorOut(BaseModel):
    detail: str
    error: str


class WrongCodeOut(ErrorOut):
    attempts_left: int


class Problem(BaseModel):
    loc: list[str | int]
    msg: str


class InvalidRequestOut(ErrorOut):
    problems: list[Problem]


class AssistantUnavailableOut(BaseModel):
    session_id: str
    messages: list[ChatMessage]
    error: str


# machine code → (HTTP status, what it means, body model)
ERROR_CODES: dict[str, tuple[int, str, type[BaseModel]]] = {
    "wrong_code": (400, "wrong one-time code; `attempts_left` ≥ 1", WrongCodeOut),
    "unauthorized": (401, "missing or wrong token (or login)", ErrorOut),
    "not_verified": (403, "no confirmed, unexpired, unused verification", ErrorOut),
    "csrf_failed": (403, "session cookie without the CSRF token", ErrorOut),
    "not_found": (404, "unknown, or not yours to see (the same body)", ErrorOut),
    "unknown_employee": (404, "no employee with that id", ErrorOut),
    "idempotency_conflict": (409, "Idempotency-Key already used by another session", ErrorOut),
    "ticket_closed": (409, "the ticket is closed", ErrorOut),
    "expired": (410, "the one-time code has expired", ErrorOut),
    "invalid_request": (422, "the body or a parameter is not valid", InvalidRequestOut),
    "unknown_queue": (422, "no such queue", ErrorOut),
    "invalid_range": (422, "`from` after `to`, or more than 366 days", ErrorOut),
    "rate_limited": (429, "too many requests from this client; try later", ErrorOut),
    "too_many_attempts": (429, "too many wrong codes; start a new verification", ErrorOut),
    "assistant_unavailable": (
        503,
        "the assistant is down or slow; an apology in the user's language",
        AssistantUnavailableOut,
    ),
}


def error_responses(*codes: str) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for these machine codes; codes with the same status share an entry."""
    responses: dict[int | str, dict[str, Any]] = {}
    for code in codes:
        status, meaning, model = ERROR_CODES[code]
        entry = responses.get(status)
        line = f"`{code}`: {meaning}"
        if entry is None:
            responses[status] = {"model": model, "description": line}
        else:
            entry["description"] += f"; {line}"
            if entry["model"] is not model:
                entry["model"] = ErrorOut  # the common part of the bodies
    return responses
