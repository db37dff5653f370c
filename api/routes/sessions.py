"""Bot-facing: hand pending staff replies to a chat session."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from api.db import SessionDep
from api.schemas.chat import SESSION_ID_PATTERN
from api.schemas.errors import error_responses
from api.schemas.tickets import DeliveredReply
from api.security import BotAuth
from api.services.replies import take_pending_replies

router = APIRouter(prefix="/api/v1/sessions", tags=["sessions"], dependencies=[BotAuth])


@router.post(
    "/{session_id}/replies/deliver",
    summary="Undelivered staff replies of the chat session's tickets",
    responses=error_responses("unauthorized", "invalid_request"),
)
def deliver_replies(
    session_id: Annotated[str, Path(pattern=SESSION_ID_PATTERN)], session: SessionDep
) -> list[DeliveredReply]:
    """Staff replies not yet delivered to the session; they are marked delivered."""
    replies = take_pending_replies(session, session_id)
    session.commit()
    return [DeliveredReply(reference=r.reference, text=r.text, at=r.at) for r in replies]
