"""The typed API client against a real local HTTP server speaking the contract."""

from __future__ import annotations

import asyncio
import socket

import pytest
from api_stub import ApiStub
from conftest import TOKEN

from actions.api_client import (
    ApiClient,
    ApiError,
    ApiUnavailable,
    CodeExpired,
    CreatedTicket,
    DeliveredReply,
    NotFound,
    NotVerified,
    RateLimited,
    TicketRequest,
    TooManyAttempts,
    UnknownEmployee,
    WrongCode,
)

CREATED = {
    "reference": "IT-2026-000123",
    "secret": "k7Qp2xR9",
    "status": "new",
    "queue": "it_support",
    "queue_name": "IT-support",
    "first_response_due": "2026-11-22T12:00:00Z",
    "resolution_due": "2026-11-23T08:00:00Z",
    "sla_first_response_hours": 4,
}


def test_settings_are_read_when_the_client_is_built(api: ApiStub) -> None:
    client = ApiClient.from_env()
    assert client.base_url == api.url
    assert client.token == TOKEN


def test_create_ticket_sends_token_key_and_body(api: ApiStub) -> None:
    api.respond("POST", "/api/v1/tickets", 201, CREATED)
    request = TicketRequest(
        queue="it_support",
        topic="it_printer",
        session_id="s-1",
        fields={"category": "printer"},
        transcript=[{"role": "user", "text": "hej", "timestamp": "2026-11-22T07:00:00Z"}],
        contact_email="anna@mittkoping.example",
    )
    ticket = asyncio.run(ApiClient.from_env().create_ticket(request, "s-1:it_ticket_form:1"))
    assert ticket == CreatedTicket(**CREATED)
    sent = api.requests[0]
    assert sent.headers["authorization"] == f"Bearer {TOKEN}"
    assert sent.headers["idempotency-key"] == "s-1:it_ticket_form:1"
    assert sent.body == {
        "queue": "it_support",
        "topic": "it_printer",
        "channel": "chat",
        "session_id": "s-1",
        "priority": "normal",
        "fields": {"category": "printer"},
        "transcript": [{"role": "user", "text": "hej", "timestamp": "2026-11-22T07:00:00Z"}],
        "lang": "sv",
        "contact_email": "anna@mittkoping.example",
    }


def test_ticket_status_passes_the_session_and_maps_404(api: ApiStub) -> None:
    api.respond(
        "GET", "/api/v1/tickets/IT-2026-000123/status", 404, {"detail": "x", "error": "not_found"}
    )
    with pytest.raises(NotFound):
        asyncio.run(ApiClient.from_env().ticket_status("IT-2026-000123", "s-1"))
    assert api.requests[0].query == "session_id=s-1"


def test_public_status_rate_limit(api: ApiStub) -> None:
    api.respond(
        "POST", "/api/v1/public/ticket-status", 429, {"detail": "slow", "error": "rate_limited"}
    )
    with pytest.raises(RateLimited):
        asyncio.run(ApiClient.from_env().public_ticket_status("IT-2026-000123", "bad"))
    assert "x-session-id" not in api.requests[0].headers


def test_public_status_names_the_chat_session_for_its_rate_limit(api: ApiStub) -> None:
    # every chat user reaches the API through the one action server: without the session
    # header they would all share one limit
    api.respond(
        "POST",
        "/api/v1/public/ticket-status",
        200,
        {
            "reference": "IT-2026-000123",
            "status": "open",
            "queue_name": "IT-support",
            "updated_at": "2026-11-22T08:15:00Z",
            "last_staff_reply": None,
        },
    )
    client = ApiClient.from_env()
    asyncio.run(client.public_ticket_status("IT-2026-000123", "K7QP2XR9MN", "s-7"))
    assert api.requests[0].headers["x-session-id"] == "s-7"
    assert api.requests[0].body == {"reference": "IT-2026-000123", "secret": "K7QP2XR9MN"}


def test_ticket_replies_delivered_by_secret(api: ApiStub) -> None:
    path = "/api/v1/tickets/IT-2026-000123/replies/deliver"
    reply = {"reference": "IT-2026-000123", "text": "Prova nu.", "at": "2026-11-22T08:10:00Z"}
    api.respond("POST", path, 200, [reply])
    client = ApiClient.from_env()
    replies = asyncio.run(client.deliver_ticket_replies("IT-2026-000123", "K7QP2XR9MN", "s-7"))
    assert replies == [DeliveredReply("IT-2026-000123", "Prova nu.", "2026-11-22T08:10:00Z")]
    sent = api.requests[0]
    assert (sent.method, sent.path, sent.body) == ("POST", path, {"secret": "K7QP2XR9MN"})
    assert sent.headers["authorization"] == f"Bearer {TOKEN}"
    assert sent.headers["x-session-id"] == "s-7"


@pytest.mark.parametrize(
    ("status", "body", "error"),
    [
        (404, {"detail": "x", "error": "not_found"}, NotFound),
        (429, {"detail": "slow", "error": "rate_limited"}, RateLimited),
    ],
)
def test_ticket_replies_by_secret_map_wrong_secret_and_rate_limit(
    api: ApiStub, status: int, body: dict[str, str], error: type[Exception]
) -> None:
    api.respond("POST", "/api/v1/tickets/IT-2026-000123/replies/deliver", status, body)
    with pytest.raises(error):
        asyncio.run(ApiClient.from_env().deliver_ticket_replies("IT-2026-000123", "fel"))


@pytest.mark.parametrize(
    ("status", "body", "error"),
    [
        (404, {"detail": "no", "error": "unknown_employee"}, UnknownEmployee),
        (400, {"detail": "no", "error": "wrong_code", "attempts_left": 2}, WrongCode),
        (410, {"detail": "no", "error": "expired"}, CodeExpired),
        (429, {"detail": "no", "error": "too_many_attempts"}, TooManyAttempts),
        (403, {"detail": "no", "error": "not_verified"}, NotVerified),
        (422, {"detail": "bad"}, ApiError),
        (503, {"detail": "down"}, ApiUnavailable),
    ],
)
def test_error_bodies_become_named_exceptions(
    api: ApiStub, status: int, body: dict[str, object], error: type[Exception]
) -> None:
    api.respond("POST", "/api/v1/directory/verifications/v-1/confirm", status, body)
    with pytest.raises(error):
        asyncio.run(ApiClient.from_env().confirm_verification("v-1", "123456"))


def test_wrong_code_carries_the_attempts_left(api: ApiStub) -> None:
    api.respond(
        "POST",
        "/api/v1/directory/verifications/v-1/confirm",
        400,
        {"detail": "no", "error": "wrong_code", "attempts_left": 1},
    )
    with pytest.raises(WrongCode) as caught:
        asyncio.run(ApiClient.from_env().confirm_verification("v-1", "123456"))
    assert caught.value.attempts_left == 1


def test_directory_routes_return_typed_results(api: ApiStub) -> None:
    api.respond(
        "POST",
        "/api/v1/directory/verifications",
        201,
        {
            "verification_id": "v-9",
            "masked_phone": "070-*** ** 21",
            "expires_at": "2026-11-22T07:10:00Z",
        },
    )
    api.respond("POST", "/api/v1/directory/password-resets", 200, {"sent_to": "070-*** ** 21"})
    api.respond("POST", "/api/v1/directory/unlocks", 200, {"unlocked": True})
    client = ApiClient.from_env()
    verification = asyncio.run(client.start_verification("E10001"))
    assert (verification.verification_id, verification.masked_phone) == ("v-9", "070-*** ** 21")
    assert asyncio.run(client.reset_password("v-9")) == "070-*** ** 21"
    asyncio.run(client.unlock_account("v-9"))
    assert [r.body for r in api.requests] == [
        {"employee_id": "E10001"},
        {"verification_id": "v-9"},
        {"verification_id": "v-9"},
    ]


def test_outages_and_replies(api: ApiStub) -> None:
    api.respond(
        "GET",
        "/api/v1/outages",
        200,
        [
            {
                "id": 1,
                "system": "Lifecare",
                "message": "Inloggning fungerar inte.",
                "started_at": "2026-11-22T06:30:00Z",
                "expected_end": None,
                "active": True,
            },
            {
                "id": 2,
                "system": "Teams",
                "message": "Löst.",
                "started_at": "2026-11-21T06:30:00Z",
                "expected_end": None,
                "active": False,
            },
        ],
    )
    api.respond(
        "POST",
        "/api/v1/sessions/s-1/replies/deliver",
        200,
        [{"reference": "IT-2026-000001", "text": "Hej!", "at": "2026-11-22T07:00:00Z"}],
    )
    client = ApiClient.from_env()
    assert [o.system for o in asyncio.run(client.active_outages())] == ["Lifecare"]
    assert asyncio.run(client.deliver_replies("s-1"))[0].text == "Hej!"


def test_unreachable_api_is_api_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("INGANG_API_URL", f"http://127.0.0.1:{port}")
    with pytest.raises(ApiUnavailable):
        asyncio.run(ApiClient.from_env().active_outages())
