"""Jinja2 templates and static files for the web pages (plain HTML/CSS/JS, no build step)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

WEB_DIR = Path(__file__).resolve().parent

# Pages load only their own CSS and JS: no inline scripts, no third parties, no framing.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


@lru_cache(maxsize=1)
def get_templates() -> Jinja2Templates:
    """The one template environment, built on first use (no work at import)."""
    return Jinja2Templates(directory=WEB_DIR / "templates")


def static_files() -> StaticFiles:
    """Static files app for ``/static`` (CSS, JS)."""
    return StaticFiles(directory=WEB_DIR / "static")
