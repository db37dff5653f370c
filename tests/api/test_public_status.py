from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.factories import create_ticket

STATUS_URL = "/api/v1/public/ticket-status"


def test_right_secret_shows_the_status(client: TestClient, bot_headers: dict[str, str]) -> None:
    created = create_ticket(client, bot_headers, "p1", "sess-p1")
    response = client.post(
        STATUS_URL, json={"reference": created["reference"], "secret": created["secret"]}
    )
    assert response.status_code == 200
    assert response.json()["reference"] == created["reference"]
    assert response.json()["status"] == "new"


def test_secret_is_case_and_space_tolerant(client: TestClient, bot_headers: dict[str, str]) -> None:
    created = create_ticket(client, bot_headers, "p2", "sess-p2")
    typed = {"reference": created["reference"].lower(), "secret": f" {created['secret'].lower()} "}
    assert client.post(STATUS_URL, json=typed).status_code == 200


def test_wrong_secret_looks_like_unknown_reference(
    client: TestClient, bot_headers: dict[str, str]
) -> None:
    created = create_ticket(client, bot_headers, "p3", "sess-p3")
    wrong = client.post(
        STATUS_URL, json={"reference": created["reference"], "secret": "WRONG23456"}
    )
    unknown = client.post(STATUS_URL, json={"reference": "IT-1999-000001", "secret": "WRONG23456"})
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.json() == unknown.json()
    assert wrong.headers.get("content-length") == unknown.headers.get("content-length")


@pytest.mark.parametrize("settings_overrides", [{"public_status_limit": 3}])
def test_look_ups_are_rate_limited_per_client(
    client: TestClient, settings_overrides: dict[str, Any]
) -> None:
    look_up = {"reference": "IT-1999-000001", "secret": "AAAAAAAAAA"}
    codes = [client.post(STATUS_URL, json=look_up).status_code for _ in range(4)]
    assert codes == [404, 404, 404, 429]
    assert client.post(STATUS_URL, json=look_up).json()["error"] == "rate_limited"


@pytest.mark.parametrize("settings_overrides", [{"public_status_limit": 2}])
def test_bot_relayed_look_ups_are_limited_per_chat_session(
    client: TestClient, bot_headers: dict[str, str], settings_overrides: dict[str, Any]
) -> None:
    look_up = {"reference": "IT-1999-000001", "secret": "AAAAAAAAAA"}

    def codes(headers: dict[str, str]) -> list[int]:
        return [
            client.post(STATUS_URL, json=look_up, headers=headers).status_code for _ in range(3)
        ]

    assert codes({**bot_headers, "X-Session-Id": "chat-a"}) == [404, 404, 429]
    assert codes({**bot_headers, "X-Session-Id": "chat-b"}) == [404, 404, 429]
    # Without the bot token the header is ignored: the client IP is the key.
    assert codes({"X-Session-Id": "chat-c"}) == [404, 404, 429]
    assert codes({"X-Session-Id": "chat-d"}) == [429, 429, 429]
