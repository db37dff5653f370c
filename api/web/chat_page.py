"""The people-facing chat page ``/`` and the static files it and ``/staff`` use."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.web.templating import CONTENT_SECURITY_POLICY, get_templates, static_files


def build_router() -> APIRouter:
    """Router with ``GET /`` and the ``/static`` mount."""
    router = APIRouter(tags=["web"])

    @router.get("/", response_class=HTMLResponse, include_in_schema=False)
    def chat_page(request: Request) -> HTMLResponse:
        response = get_templates().TemplateResponse(request, "chat.html", {"lang": "sv"})
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        return response

    router.mount("/static", static_files(), name="web_static")
    return router
