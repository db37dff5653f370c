"""The people-facing chat page ``/`` and the static files it and ``/staff`` use."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.web.templating import get_templates, static_files


def build_router() -> APIRouter:
    """Router with ``GET /`` and the ``/static`` mount."""
    router = APIRouter(tags=["web"])

    @router.get("/", response_class=HTMLResponse, include_in_schema=False)
    def chat_page(request: Request) -> HTMLResponse:
        return get_templates().TemplateResponse(request, "chat.html", {"lang": "sv"})

    router.mount("/static", static_files(), name="web_static")
    return router
