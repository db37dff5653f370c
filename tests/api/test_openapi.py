"""The OpenAPI document: /docs works, every /api/v1 route says what it does and how it fails."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.schemas.errors import ERROR_CODES
from tests.api.conftest import make_settings

BOT = "BotBearer"
STAFF = "StaffBearer"

# (method, path) → (security scheme or None, machine error codes the route documents)
ROUTES: dict[tuple[str, str], tuple[str | None, set[str]]] = {
    ("POST", "/api/v1/chat"): (None, {"invalid_request", "assistant_unavailable"}),
    ("POST", "/api/v1/tickets"): (
        BOT,
        {"unauthorized", "idempotency_conflict", "invalid_request", "unknown_queue"},
    ),
    ("GET", "/api/v1/tickets/{reference}/status"): (BOT, {"unauthorized", "not_found"}),
    ("POST", "/api/v1/tickets/{reference}/replies/deliver"): (
        BOT,
        {"unauthorized", "not_found", "rate_limited"},
    ),
    ("POST", "/api/v1/sessions/{session_id}/replies/deliver"): (BOT, {"unauthorized"}),
    ("GET", "/api/v1/outages"): (None, set()),
    ("POST", "/api/v1/directory/verifications"): (
        BOT,
        {"unauthorized", "unknown_employee", "rate_limited"},
    ),
    ("POST", "/api/v1/directory/verifications/{verification_id}/confirm"): (
        BOT,
        {"wrong_code", "unauthorized", "not_verified", "expired", "too_many_attempts"},
    ),
    ("POST", "/api/v1/directory/password-resets"): (BOT, {"unauthorized", "not_verified"}),
    ("POST", "/api/v1/directory/unlocks"): (BOT, {"unauthorized", "not_verified"}),
    ("POST", "/api/v1/public/ticket-status"): (None, {"not_found", "rate_limited"}),
    ("GET", "/api/v1/stats"): (STAFF, {"unauthorized", "invalid_range"}),
    ("POST", "/api/v1/staff/login"): (None, {"unauthorized", "rate_limited"}),
    ("POST", "/api/v1/staff/logout"): (STAFF, {"unauthorized", "csrf_failed"}),
    ("GET", "/api/v1/staff/me"): (STAFF, {"unauthorized"}),
    ("GET", "/api/v1/staff/queues"): (STAFF, {"unauthorized"}),
    ("GET", "/api/v1/staff/tickets"): (STAFF, {"unauthorized"}),
    ("GET", "/api/v1/staff/tickets/{reference}"): (STAFF, {"unauthorized", "not_found"}),
    ("PATCH", "/api/v1/staff/tickets/{reference}"): (
        STAFF,
        {"unauthorized", "csrf_failed", "not_found", "ticket_closed", "unknown_queue"},
    ),
    **{
        ("POST", f"/api/v1/staff/tickets/{{reference}}/{action}"): (
            STAFF,
            {"unauthorized", "csrf_failed", "not_found", "ticket_closed"},
        )
        for action in ("claim", "replies", "notes", "status", "personal-id")
    },
    ("GET", "/api/v1/staff/outages"): (STAFF, {"unauthorized"}),
    ("POST", "/api/v1/staff/outages"): (STAFF, {"unauthorized", "csrf_failed"}),
    ("POST", "/api/v1/staff/outages/{outage_id}/close"): (
        STAFF,
        {"unauthorized", "csrf_failed", "not_found"},
    ),
}


@pytest.fixture(scope="module")
def spec_client() -> Iterator[TestClient]:
    """The app without its lifespan: the docs need no database."""
    yield TestClient(create_app(make_settings("sqlite://")))


def operations(client: TestClient) -> dict[tuple[str, str], dict[str, Any]]:
    paths = client.get("/openapi.json").json()["paths"]
    return {
        (method.upper(), path): op
        for path, ops in paths.items()
        if path.startswith("/api/v1/")
        for method, op in ops.items()
    }


def test_docs_page_and_openapi_document_load(spec_client: TestClient) -> None:
    client = spec_client
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "swagger-ui" in docs.text
    assert "/openapi.json" in docs.text
    spec = client.get("/openapi.json")
    assert spec.status_code == 200
    schemes = spec.json()["components"]["securitySchemes"]
    assert schemes[BOT] == {
        "type": "http",
        "scheme": "bearer",
        "description": "The bot's `BOT_SERVICE_TOKEN`",
    }
    assert schemes[STAFF]["scheme"] == "bearer"


def test_the_route_table_above_lists_every_api_route(spec_client: TestClient) -> None:
    assert set(operations(spec_client)) == set(ROUTES)


def test_every_api_route_has_its_own_summary(spec_client: TestClient) -> None:
    # Without `summary=` FastAPI falls back to the function name in Title Case ("Create").
    for (method, path), op in operations(spec_client).items():
        summary = op.get("summary", "")
        assert summary, (method, path)
        assert summary != summary.title(), f"{method} {path}: {summary!r} looks generated"


def test_every_api_route_documents_its_error_codes_and_security(spec_client: TestClient) -> None:
    for key, op in operations(spec_client).items():
        scheme, codes = ROUTES[key]
        assert op.get("security") == ([{scheme: []}] if scheme else None), key
        for code in codes:
            status = str(ERROR_CODES[code][0])
            assert status in op["responses"], (key, code)
            assert f"`{code}`" in op["responses"][status]["description"], (key, code)
            schema = op["responses"][status]["content"]["application/json"]["schema"]
            assert "$ref" in schema, (key, code)


def test_documented_error_bodies_match_what_the_api_answers(
    client: TestClient, bot_headers: dict[str, str]
) -> None:
    unauthorized = client.post("/api/v1/tickets", json={}, headers={"Idempotency-Key": "x"})
    assert unauthorized.status_code == 401
    assert set(unauthorized.json()) == {"detail", "error"}
    invalid = client.post("/api/v1/public/ticket-status", json={})
    assert invalid.status_code == 422
    assert set(invalid.json()) == {"detail", "error", "problems"}
    components = client.get("/openapi.json").json()["components"]["schemas"]
    assert set(components["ErrorOut"]["properties"]) == {"detail", "error"}
    assert set(components["InvalidRequestOut"]["properties"]) == {"detail", "error", "problems"}
