from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import closed_port_url


def test_healthz_answers_while_process_is_up(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}


def test_readyz_is_ready_when_rasa_action_server_and_database_answer(client: TestClient) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"] == {"rasa": "ok", "action_server": "ok", "database": "ok"}


@pytest.mark.parametrize("settings_overrides", [{"action_server_url": closed_port_url()}])
def test_readyz_names_the_action_server_when_it_is_down(client: TestClient) -> None:
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["action_server"]


@pytest.mark.parametrize("settings_overrides", [{"rasa_token": "wrong-token"}])
def test_readyz_fails_rasa_when_the_token_is_refused(client: TestClient) -> None:
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["rasa"]


def test_unknown_route_has_the_error_body(client: TestClient) -> None:
    response = client.get("/api/v1/nope")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found", "error": "not_found"}
