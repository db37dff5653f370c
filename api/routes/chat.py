"""`POST /api/v1/chat`: the people-facing gateway in front of Rasa."""

from __future__ import annotations

import logging
import uuid

from fastapi import APIRouter, Request

from api.db import SessionDep
from api.errors import AssistantUnavailable
from api.metrics import Metrics
from api.schemas.chat import Button, ChatMessage, ChatRequest, ChatResponse
from api.schemas.errors import error_responses
from api.services.conversations import find_conversation, get_or_create_conversation, record_turn
from api.services.language import Lang, detect_language
from api.services.rasa_client import Intent, RasaClient
from api.services.replies import take_pending_replies
from api.settings import Settings

log = logging.getLogger(__name__)

router = APIRouter(prefix="/api/v1/chat", tags=["chat"])


def _choose_language(body: ChatRequest, session: SessionDep) -> Lang:
    if body.lang is not None:
        return body.lang
    detected = detect_language(body.text)
    if detected is not None:
        return detected
    conversation = body.session_id and find_conversation(session, body.session_id)
    if conversation and conversation.lang == "en":
        return "en"
    return "sv"


@router.post(
    "",
    response_model=ChatResponse,
    response_model_exclude_none=True,
    summary="Send the user's message to the assistant; pending staff replies come first",
    responses=error_responses("invalid_request", "assistant_unavailable"),
)
def chat(body: ChatRequest, request: Request, session: SessionDep) -> ChatResponse:
    """Deliver pending staff replies, then forward the message to Rasa and log the turn."""
    settings: Settings = request.app.state.settings
    rasa: RasaClient = request.app.state.rasa
    metrics: Metrics = request.app.state.metrics
    session_id = body.session_id or uuid.uuid4().hex
    lang = _choose_language(body, session)
    # End the read transaction (SQLite: BEGIN IMMEDIATE = write lock) before waiting for Rasa:
    # the action server writes through the bot-facing API during this turn.
    session.rollback()

    try:
        bot_messages = rasa.send_message(session_id, body.text, {"lang": lang, "channel": "chat"})
    except AssistantUnavailable as exc:
        session.rollback()
        metrics.assistant_unavailable.inc()
        log.warning("assistant unavailable: %s", exc.reason)
        raise AssistantUnavailable(exc.reason, session_id, lang) from exc
    try:
        intent = rasa.latest_intent(session_id)
    except AssistantUnavailable as exc:
        # The answer is there; only the statistics lose this turn's intent.
        log.warning("tracker unavailable: %s", exc.reason)
        intent = Intent(name=None, confidence=0.0)

    replies = take_pending_replies(session, session_id)
    conversation = get_or_create_conversation(session, session_id, lang=lang)
    record_turn(
        session,
        conversation,
        topic=intent.name,
        confidence=intent.confidence,
        lang=lang,
        threshold=settings.fallback_threshold,
    )
    session.commit()
    metrics.chat_turns.labels(intent.name or "none").inc()

    messages = [
        ChatMessage(text=r.text, kind="staff_reply", reference=r.reference, at=r.at)
        for r in replies
    ]
    messages += [
        ChatMessage(text=m.text, buttons=[Button(**b) for b in m.buttons] or None)
        for m in bot_messages
    ]
    return ChatResponse(
        session_id=session_id,
        messages=messages,
        topic=intent.name,
        confidence=intent.confidence,
        lang=lang,
    )
