"""Prometheus metrics, one registry per app (so tests can build many apps)."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from fastapi import FastAPI, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram
from prometheus_client.exposition import generate_latest


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "ingang_http_requests_total",
            "HTTP requests by method, route template and status",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "ingang_http_request_duration_seconds",
            "HTTP request latency by method and route template",
            ["method", "route"],
            registry=self.registry,
        )
        self.tickets_created = Counter(
            "ingang_tickets_created_total",
            "Tickets created, by queue",
            ["queue"],
            registry=self.registry,
        )
        self.chat_turns = Counter(
            "ingang_chat_turns_total",
            "Chat turns answered by the assistant, by topic (intent)",
            ["topic"],
            registry=self.registry,
        )
        self.assistant_unavailable = Counter(
            "ingang_assistant_unavailable_total",
            "Chat turns answered with 503 because Rasa was down or slow",
            registry=self.registry,
        )

    def render(self) -> Response:
        return Response(generate_latest(self.registry), media_type=CONTENT_TYPE_LATEST)


def route_template(scope: Mapping[str, Any]) -> str:
    """The matched route's template (`/api/v1/staff/tickets/{reference}`), never the raw path."""
    # The raw path would unbound the label set, and it can carry a reference.
    route = scope.get("route")
    return str(getattr(route, "path_format", None) or getattr(route, "path", None) or "unmatched")


def install_metrics(app: FastAPI, metrics: Metrics) -> None:
    """Count and time every request, and serve `/metrics`."""
    app.state.metrics = metrics

    @app.middleware("http")
    async def record(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        started = time.perf_counter()
        response = await call_next(request)
        route = route_template(request.scope)
        metrics.latency.labels(request.method, route).observe(time.perf_counter() - started)
        metrics.requests.labels(request.method, route, str(response.status_code)).inc()
        return response

    @app.get("/metrics", include_in_schema=False)
    def metrics_endpoint() -> Response:
        return metrics.render()
