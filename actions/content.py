"""The content pack (`CONTENT_PACK`, default `content/mittkoping`): answers as data, not code."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONTENT_PACK = "content/mittkoping"


class ContentError(RuntimeError):
    """The content pack is missing a file or an expected entry."""


def content_pack_dir() -> Path:
    """The content pack folder; relative paths are taken from the repository root."""
    path = Path(os.environ.get("CONTENT_PACK") or DEFAULT_CONTENT_PACK)
    return path if path.is_absolute() else REPO_ROOT / path


@lru_cache(maxsize=32)
def _load(path: Path) -> dict[str, Any]:
    try:
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except FileNotFoundError as exc:
        raise ContentError(f"content file missing: {path}") from exc
    if not isinstance(data, dict):
        raise ContentError(f"content file is not a mapping: {path}")
    return data


def load_content(name: str) -> dict[str, Any]:
    """One YAML file of the active content pack, e.g. `load_content("it_help.yml")`; cached."""
    return _load(content_pack_dir() / name)


def clear_cache() -> None:
    """Forget loaded files (tests and a changed `CONTENT_PACK`)."""
    _load.cache_clear()


def localized(entry: dict[str, Any], lang: str, default_lang: str = "sv") -> Any:
    """`entry[lang]`, falling back to Swedish when the translation is missing."""
    if lang in entry:
        return entry[lang]
    if default_lang in entry:
        return entry[default_lang]
    raise ContentError(f"no {lang!r} or {default_lang!r} text in {sorted(entry)}")
