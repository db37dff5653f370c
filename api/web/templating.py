"""Jinja2 templates and static files for the web pages (plain HTML/CSS/JS, no build step)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

WEB_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def get_templates() -> Jinja2Templates:
    """The one template environment, built on first use (no work at import)."""
    return Jinja2Templates(directory=WEB_DIR / "templates")


def static_files() -> StaticFiles:
    """Static files app for ``/static`` (CSS, JS)."""
    return StaticFiles(directory=WEB_DIR / "static")
