from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import closed_port_url
from tests.api.factories import create_ticket
from tests.api.fake_rasa import FakeRasa


def test_metrics_count_requests_tickets_by_queue_and_turns_by_topic(
    client: TestClient, bot_headers: dict[str, str], fake_rasa: FakeRasa
) -> None:
    fake_rasa.behaviour.intent = "it_printer"
    client.post("/api/v1/chat", json={"text": "skrivaren är trasig"})
    create_ticket(client, bot_headers, "m1", "sess-m1", queue="street_parks")
    client.get("/api/v1/tickets/GP-2026-000999/status?session_id=x", headers=bot_headers)
    text = client.get("/metrics").text
    assert 'ingang_chat_turns_total{topic="it_printer"} 1.0' in text
    assert 'ingang_tickets_created_total{queue="street_parks"} 1.0' in text
    assert (
        'ingang_http_requests_total{method="GET",route="/api/v1/tickets/{reference}/status",'
        'status="404"} 1.0'
    ) in text
    assert (
        'ingang_http_request_duration_seconds_count{method="POST",route="/api/v1/chat"} 1.0' in text
    )


@pytest.mark.parametrize("settings_overrides", [{"rasa_url": closed_port_url()}])
def test_assistant_unavailable_is_counted_when_rasa_is_down(client: TestClient) -> None:
    def unavailable() -> float:
        for line in client.get("/metrics").text.splitlines():
            if line.startswith("ingang_assistant_unavailable_total "):
                return float(line.split()[1])
        raise AssertionError("ingang_assistant_unavailable_total is not exported")

    assert unavailable() == 0.0
    assert client.post("/api/v1/chat", json={"text": "hej"}).status_code == 503
    assert client.post("/api/v1/chat", json={"text": "hallå"}).status_code == 503
    assert unavailable() == 2.0
