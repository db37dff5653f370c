"""Liveness (`/healthz`) and readiness (`/readyz`) probes."""

from __future__ import annotations

import httpx
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

from api.db import SessionDep
from api.services.rasa_client import RasaClient
from api.settings import Settings

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz() -> dict[str, str]:
    """The process is up."""
    return {"status": "ok"}


def _database_ok(session: SessionDep) -> bool:
    try:
        session.execute(text("SELECT 1"))
    except Exception:  # any driver error means "not ready"
        return False
    return True


def _action_server_ok(settings: Settings) -> bool:
    url = settings.action_server_url.rstrip("/") + "/health"
    try:
        response = httpx.get(url, timeout=settings.readyz_timeout_seconds)
    except httpx.HTTPError:
        return False
    return response.status_code == 200


@router.get("/readyz")
def readyz(request: Request, session: SessionDep) -> JSONResponse:
    """Rasa, the action server and the database all answer; 503 names the ones that do not."""
    settings: Settings = request.app.state.settings
    rasa: RasaClient = request.app.state.rasa_probe
    checks = {
        "rasa": rasa.is_ready(),
        "action_server": _action_server_ok(settings),
        "database": _database_ok(session),
    }
    failed = sorted(name for name, ok in checks.items() if not ok)
    body = {
        "status": "ready" if not failed else "not_ready",
        "checks": {name: "ok" if ok else "unreachable" for name, ok in checks.items()},
        "failed": failed,
    }
    return JSONResponse(body, status_code=200 if not failed else 503)
