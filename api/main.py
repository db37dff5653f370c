"""App factory: `uvicorn api.main:create_app --factory`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api.content import load_assistant_unavailable
from api.db import build_engine, build_session_factory
from api.errors import register_error_handlers
from api.log_redaction import install_token_redaction
from api.metrics import Metrics, install_metrics
from api.migrations.runner import upgrade
from api.routes import chat, directory, health, outages, public, sessions, staff, stats, tickets
from api.services.notify import build_notifier
from api.services.rasa_client import RasaClient
from api.services.rate_limit import SlidingWindowLimiter
from api.services.seed import seed_reference_data
from api.settings import Settings
from api.web import chat_page


def prepare_database(settings: Settings) -> None:
    """Migrate to the newest schema and seed reference data (idempotent)."""
    engine = build_engine(settings.database_url)
    try:
        upgrade(engine)
        with build_session_factory(engine)() as session:
            seed_reference_data(session, settings.content_path, demo_mode=settings.demo_mode)
    finally:
        engine.dispose()


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Migrate and seed before serving; build the engine and the Rasa clients."""
    settings: Settings = app.state.settings
    install_token_redaction()
    prepare_database(settings)
    engine = build_engine(settings.database_url)
    token = settings.rasa_token.get_secret_value()
    app.state.engine = engine
    app.state.session_factory = build_session_factory(engine)
    app.state.rasa = RasaClient(settings.rasa_url, token, settings.rasa_timeout_seconds)
    app.state.rasa_probe = RasaClient(settings.rasa_url, token, settings.readyz_timeout_seconds)
    try:
        yield
    finally:
        app.state.rasa.close()
        app.state.rasa_probe.close()
        engine.dispose()


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the API. Nothing connects until the lifespan starts."""
    settings = settings or Settings()  # type: ignore[call-arg]
    app = FastAPI(
        title="Ingång API",
        version="1.0.0",
        description="Chat gateway, escalation API and staff workspace for Mittköpings kommun.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.public_status_limiter = SlidingWindowLimiter(
        settings.public_status_limit, settings.public_status_window_seconds
    )
    app.state.verification_employee_limiter = SlidingWindowLimiter(
        settings.verification_start_limit, settings.verification_start_window_seconds
    )
    app.state.verification_session_limiter = SlidingWindowLimiter(
        settings.verification_start_session_limit, settings.verification_start_window_seconds
    )
    # E-mail notice of staff replies (None while SMTP_HOST is unset); staff routes pass it on.
    app.state.reply_notifier = build_notifier(settings)
    # The chat gateway's apology when Rasa does not answer, per language, from the content pack.
    app.state.assistant_unavailable_texts = load_assistant_unavailable(settings.content_path)
    register_error_handlers(app)
    install_metrics(app, Metrics())
    for module in (health, chat, tickets, sessions, outages, directory, public, stats):
        app.include_router(module.router)
    app.include_router(chat_page.build_router())
    app.include_router(staff.router)
    return app
