"""Domain errors and the one place that maps them (and framework errors) to HTTP."""

from __future__ import annotations

import logging
import traceback
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.metrics import route_template

log = logging.getLogger(__name__)


class DomainError(Exception):
    """A failure the caller can act on. Subclasses set the HTTP status and machine code."""

    status_code = 400
    error = "bad_request"
    detail = "Bad request"

    def __init__(self, detail: str | None = None, **extra: Any) -> None:
        super().__init__(detail or self.detail)
        self.detail = detail or self.detail
        self.extra = extra

    def body(self) -> dict[str, Any]:
        return {"detail": self.detail, "error": self.error, **self.extra}


class NotFound(DomainError):
    status_code = 404
    error = "not_found"
    detail = "Not found"


class Unauthorized(DomainError):
    status_code = 401
    error = "unauthorized"
    detail = "Missing or wrong credentials"


class UnknownQueue(DomainError):
    status_code = 422
    error = "unknown_queue"
    detail = "No such queue"


class IdempotencyConflict(DomainError):
    status_code = 409
    error = "idempotency_conflict"
    detail = "Idempotency-Key already used"


class RateLimited(DomainError):
    status_code = 429
    error = "rate_limited"
    detail = "För många förfrågningar. Försök igen om en stund. / Too many requests."


class UnknownEmployee(DomainError):
    status_code = 404
    error = "unknown_employee"
    detail = "Unknown employee id"


class WrongCode(DomainError):
    status_code = 400
    error = "wrong_code"
    detail = "Wrong code"


class VerificationExpired(DomainError):
    status_code = 410
    error = "expired"
    detail = "The code has expired"


class TooManyAttempts(DomainError):
    status_code = 429
    error = "too_many_attempts"
    detail = "Too many wrong codes"


class NotVerified(DomainError):
    status_code = 403
    error = "not_verified"
    detail = "No confirmed, unexpired and unused verification"


class AssistantUnavailable(Exception):
    """Rasa did not answer (down, slow or broken); the chat gateway answers 503.

    The answer is the content pack's `assistant_unavailable` text in `lang` (read at start-up
    into `app.state.assistant_unavailable_texts`).
    """

    def __init__(self, reason: str, session_id: str = "", lang: str = "sv") -> None:
        super().__init__(reason)
        self.reason = reason
        self.session_id = session_id
        self.lang = lang


_HTTP_ERROR_CODES = {
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
}


async def _domain_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    return JSONResponse(exc.body(), status_code=exc.status_code)


async def _assistant_unavailable(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AssistantUnavailable)
    texts: dict[str, str] = request.app.state.assistant_unavailable_texts
    body = {
        "session_id": exc.session_id,
        "messages": [{"text": texts.get(exc.lang, texts["sv"])}],
        "error": "assistant_unavailable",
    }
    return JSONResponse(body, status_code=503)


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    error = _HTTP_ERROR_CODES.get(exc.status_code, "http_error")
    body = {"detail": str(exc.detail), "error": error}
    return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = [
        {"loc": list(error.get("loc", ())), "msg": str(error.get("msg", ""))}
        for error in exc.errors()
    ]
    body = {"detail": "Invalid request", "error": "invalid_request", "problems": problems}
    return JSONResponse(body, status_code=422)


INTERNAL_ERROR_BODY = {
    "detail": "Något gick fel hos oss. Försök igen om en stund. / Something went wrong.",
    "error": "internal_error",
}


class UnexpectedErrorMiddleware:
    """Answers any exception no handler took with a clean 500, and logs it without data.

    The log line names the exception type, the method, the route template and where it was
    raised (file, line, function), never the exception's message, the request body or its
    parameters: those carry transcripts, personnummer and e-mail addresses. Nothing is
    re-raised, so the server does not print the full traceback either.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as exc:  # the last line of defence: answered and logged below
            _log_unexpected(scope, exc)
            if not started:
                await JSONResponse(INTERNAL_ERROR_BODY, status_code=500)(scope, receive, send)


def _frame(frame: traceback.FrameSummary) -> str:
    return f"{frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}:{frame.name}"


def _log_unexpected(scope: Scope, exc: Exception) -> None:
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/api/" in f.filename and "site-packages" not in f.filename]
    where = _frame(ours[-1]) if ours else "?"
    raised = _frame(frames[-1]) if frames else "?"
    log.error(
        "unexpected %s.%s on %s %s in %s (raised in %s)",
        type(exc).__module__,
        type(exc).__qualname__,
        scope.get("method", "?"),
        route_template(scope),
        where,
        raised,
    )


def register_error_handlers(app: FastAPI) -> None:
    """Map domain errors and framework errors to the `{"detail", "error"}` body.

    Call before any other middleware is added, so that those (metrics) see the 500 too.
    """
    app.add_middleware(UnexpectedErrorMiddleware)
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(AssistantUnavailable, _assistant_unavailable)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
