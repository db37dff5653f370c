"""/staff/demo-phone: the demo SMS outbox, for admins, only in DEMO_MODE."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.test_directory import start
from tests.api.test_staff_auth import cookie_login

ADMIN = {"email": "admin@mittkoping.example", "password": "demo-admin-2026"}


def admin_cookie_login(client: TestClient) -> None:
    page = client.get("/staff")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert csrf is not None
    response = client.post(
        "/staff/login", data={**ADMIN, "csrf_token": csrf.group(1)}, follow_redirects=False
    )
    assert response.status_code == 303, response.text


def test_admin_sees_the_one_time_code_the_demo_gateway_sent(
    client: TestClient, bot_headers: dict[str, str]
) -> None:
    start(client, bot_headers, "E10001")
    admin_cookie_login(client)
    page = client.get("/staff/demo-phone")
    assert page.status_code == 200
    assert "070-*** ** 21" in page.text
    assert "+46701740621" not in page.text
    assert re.search(r"engångskod till Mittköpings kommun: \d{6}", page.text)
    assert 'href="/staff/demo-phone"' in client.get("/staff").text


def test_an_agent_gets_not_found_and_no_menu_link(
    client: TestClient, bot_headers: dict[str, str]
) -> None:
    start(client, bot_headers, "E10001")
    cookie_login(client)  # the IT agent
    page = client.get("/staff/demo-phone")
    assert page.status_code == 404
    assert "engångskod" not in page.text
    assert "/staff/demo-phone" not in client.get("/staff").text


def test_signed_out_visitors_go_to_the_login(client: TestClient) -> None:
    response = client.get("/staff/demo-phone", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/staff"


class TestOutsideDemoMode:
    @pytest.fixture
    def settings_overrides(self) -> dict[str, Any]:
        return {"demo_mode": False}

    def test_the_page_does_not_exist(self, client: TestClient) -> None:
        assert client.get("/staff/demo-phone").status_code == 404
