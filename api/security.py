"""Bearer-token check for the bot-facing routes."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.errors import Unauthorized
from api.settings import Settings

_bearer = HTTPBearer(
    auto_error=False, scheme_name="BotBearer", description="The bot's `BOT_SERVICE_TOKEN`"
)


def require_bot_token(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """401 unless `Authorization: Bearer $BOT_SERVICE_TOKEN` (compared in constant time)."""
    settings: Settings = request.app.state.settings
    expected = settings.bot_service_token.get_secret_value().encode()
    given = credentials.credentials.encode() if credentials else b""
    if not hmac.compare_digest(given, expected):
        raise Unauthorized()


BotAuth = Depends(require_bot_token)
