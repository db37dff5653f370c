"""The API's error answers (`{"detail", "error": <machine code>}`) as named exceptions."""

from __future__ import annotations

import httpx


class ApiError(RuntimeError):
    """The API answered with an error this client does not map to a narrower exception."""

    def __init__(self, message: str, status_code: int | None = None, code: str | None = None):
        super().__init__(message)
        self.status_code = status_code
        self.code = code


class ApiUnavailable(ApiError):
    """The API could not be reached, timed out or failed with a 5xx."""


class NotFound(ApiError):
    """Unknown (or not visible) resource; the API answers both with the same 404."""


class UnknownEmployee(NotFound):
    """No employee with that id in the directory."""


class WrongCode(ApiError):
    """The one-time code did not match."""

    def __init__(self, attempts_left: int):
        super().__init__("wrong code", 400, "wrong_code")
        self.attempts_left = attempts_left


class CodeExpired(ApiError):
    """The one-time code is no longer valid."""


class TooManyAttempts(ApiError):
    """The verification is locked after too many wrong codes."""


class NotVerified(ApiError):
    """A directory change was asked for without a confirmed, unused verification."""


class RateLimited(ApiError):
    """Too many requests from this client."""


def error_for(response: httpx.Response) -> ApiError:
    """The exception for a 4xx answer, by its machine code (docs/ARCHITECTURE.md)."""
    try:
        body = response.json()
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    code = body.get("error")
    detail = str(body.get("detail") or f"HTTP {response.status_code}")
    status = response.status_code
    if code == "wrong_code":
        return WrongCode(int(body.get("attempts_left", 0)))
    if code == "unknown_employee":
        return UnknownEmployee(detail, status, code)
    if code == "expired" or status == 410:
        return CodeExpired(detail, status, code)
    if code == "too_many_attempts":
        return TooManyAttempts(detail, status, code)
    if code == "rate_limited" or status == 429:
        return RateLimited(detail, status, code)
    if code == "not_verified":
        return NotVerified(detail, status, code)
    if status == 404:
        return NotFound(detail, status, code)
    return ApiError(detail, status, code)
