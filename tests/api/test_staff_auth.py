"""Staff login: bearer tokens, the /staff session cookie with CSRF, rate limit, logout."""

from __future__ import annotations

import re
import time

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.services import staff_auth
from tests.api.factories import create_ticket, demo_staff

AGENT = {"email": "it@mittkoping.example", "password": "demo-agent-2026"}
SECRET = "test-session-secret"  # make_settings() in tests/api/conftest.py


def bearer(
    client: TestClient, email: str = AGENT["email"], password: str = AGENT["password"]
) -> dict[str, str]:
    response = client.post("/api/v1/staff/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def cookie_login(client: TestClient) -> str:
    """Log in through the /staff form; return the page's CSRF token for later form posts."""
    page = client.get("/staff")
    login_csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert login_csrf is not None
    response = client.post(
        "/staff/login",
        data={**AGENT, "csrf_token": login_csrf.group(1)},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    workspace = client.get("/staff")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', workspace.text)
    assert csrf is not None
    return csrf.group(1)


def test_login_returns_a_bearer_token_that_identifies_the_agent(client: TestClient) -> None:
    response = client.post("/api/v1/staff/login", json=AGENT)
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["staff"] == {
        "id": body["staff"]["id"],
        "name": "Ivar IT",
        "email": "it@mittkoping.example",
        "role": "agent",
        "queues": ["it_support"],
    }
    me = client.get("/api/v1/staff/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200
    assert me.json()["email"] == "it@mittkoping.example"


def test_wrong_password_and_unknown_email_get_the_same_answer(client: TestClient) -> None:
    wrong = client.post("/api/v1/staff/login", json={**AGENT, "password": "nope"})
    unknown = client.post(
        "/api/v1/staff/login", json={"email": "nobody@x.example", "password": "nope"}
    )
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert wrong.json()["error"] == "unauthorized"


def test_inactive_staff_cannot_log_in(client: TestClient, db_session: Session) -> None:
    demo_staff(db_session).active = False
    db_session.flush()
    assert client.post("/api/v1/staff/login", json=AGENT).status_code == 401


def test_repeated_failures_lock_the_account_even_for_the_right_password(client: TestClient) -> None:
    for _ in range(5):
        assert (
            client.post("/api/v1/staff/login", json={**AGENT, "password": "x"}).status_code == 401
        )
    blocked = client.post("/api/v1/staff/login", json=AGENT)
    assert blocked.status_code == 429
    assert blocked.json()["error"] == "rate_limited"


def test_rate_limiter_forgets_failures_after_the_window() -> None:
    limiter = staff_auth.LoginRateLimiter(per_account=2, per_client=10, window=60)
    keys = staff_auth.limiter_keys("10.0.0.1", "a@b.se")
    limiter.record_failure(keys, now=0)
    limiter.record_failure(keys, now=1)
    assert limiter.is_blocked(keys, now=2)
    assert not limiter.is_blocked(keys, now=62)


def test_forged_expired_and_missing_tokens_are_refused(client: TestClient) -> None:
    good = bearer(client)["Authorization"].removeprefix("Bearer ")
    forged = good[:-2] + ("AA" if not good.endswith("AA") else "BB")
    expired = staff_auth.issue_token(SECRET, 1, now=time.time() - staff_auth.TOKEN_TTL_SECONDS - 1)
    other_secret = staff_auth.issue_token("another-secret", 1)
    for token in (forged, expired, other_secret, "garbage"):
        response = client.get("/api/v1/staff/me", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401, token
    assert client.get("/api/v1/staff/me").status_code == 401


def test_logout_revokes_the_token(client: TestClient) -> None:
    headers = bearer(client)
    assert client.post("/api/v1/staff/logout", headers=headers).status_code == 204
    assert client.get("/api/v1/staff/me", headers=headers).status_code == 401


def test_form_login_sets_an_httponly_samesite_lax_cookie(client: TestClient) -> None:
    page = client.get("/staff")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token is not None
    response = client.post(
        "/staff/login", data={**AGENT, "csrf_token": token.group(1)}, follow_redirects=False
    )
    assert response.status_code == 303
    cookie = next(
        value
        for key, value in response.headers.multi_items()
        if key == "set-cookie" and value.startswith("ingang_staff=")
    )
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie or "samesite=lax" in cookie.lower()
    assert client.get("/api/v1/staff/me").json()["name"] == "Ivar IT"


def test_form_login_without_the_login_csrf_token_is_refused(client: TestClient) -> None:
    client.get("/staff")
    response = client.post(
        "/staff/login", data={**AGENT, "csrf_token": "forged"}, follow_redirects=False
    )
    assert response.status_code == 403
    assert client.get("/api/v1/staff/me").status_code == 401


def test_cookie_session_needs_the_csrf_header_for_api_changes(
    client: TestClient, bot_headers: dict[str, str]
) -> None:
    reference = create_ticket(client, bot_headers, "csrf-1", "sess-csrf")["reference"]
    csrf = cookie_login(client)
    url = f"/api/v1/staff/tickets/{reference}/notes"
    refused = client.post(url, json={"text": "utan token"})
    assert refused.status_code == 403
    assert refused.json()["error"] == "csrf_failed"
    wrong = client.post(url, json={"text": "fel token"}, headers={"X-CSRF-Token": "nope"})
    assert wrong.status_code == 403
    accepted = client.post(url, json={"text": "med token"}, headers={"X-CSRF-Token": csrf})
    assert accepted.status_code == 201
    assert client.get(f"/api/v1/staff/tickets/{reference}").status_code == 200  # GET needs none


def test_form_post_without_csrf_changes_nothing(
    client: TestClient, bot_headers: dict[str, str]
) -> None:
    reference = create_ticket(client, bot_headers, "csrf-2", "sess-csrf2")["reference"]
    cookie_login(client)
    response = client.post(
        f"/staff/tickets/{reference}/note", data={"text": "smyg"}, follow_redirects=False
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/staff"
    assert client.get(f"/api/v1/staff/tickets/{reference}").json()["notes"] == []


def test_form_logout_ends_the_cookie_session(client: TestClient) -> None:
    csrf = cookie_login(client)
    response = client.post("/staff/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert response.status_code == 303
    assert client.get("/api/v1/staff/me").status_code == 401


def test_twenty_failures_from_one_address_block_every_account_from_it(
    client: TestClient,
) -> None:
    # Different e-mail addresses each time, so the per-account limit (5) never applies.
    for n in range(20):
        wrong = client.post(
            "/api/v1/staff/login", json={"email": f"guess{n}@mittkoping.example", "password": "x"}
        )
        assert wrong.status_code == 401, n
    blocked = client.post("/api/v1/staff/login", json=AGENT)
    assert blocked.status_code == 429
    assert blocked.json()["error"] == "rate_limited"
