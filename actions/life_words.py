"""The word lists the citizen forms understand (`life_words.yml` beside this module).

They are language data, the same for every Swedish municipality, so they live beside the code;
the content pack holds one municipality's facts. Read once, on first use.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]

WORDS_FILE = Path(__file__).with_name("life_words.yml")


def fold(text: str) -> str:
    """Lower case, no diacritics, single spaces: "Lampan ÄR släckt" → "lampan ar slackt"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.findall(r"[\w@.+\-]+", plain))


@dataclass(frozen=True)
class Words:
    """The word lists of `life_words.yml`, folded (see `fold`)."""

    yes: frozenset[str]
    no: frozenset[str]
    someone_else: tuple[str, ...]
    myself: tuple[str, ...]
    name_prefix: re.Pattern[str]
    street_suffixes: tuple[str, ...]  # longest first
    street_prefixes: frozenset[str]
    stop_words: frozenset[str]
    apartment_words: frozenset[str]
    question_starts: tuple[str, ...]


@cache
def words() -> Words:
    """The citizen forms' word lists, read once."""
    with WORDS_FILE.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    address = data["address"]

    def folded(key: list[Any], how: Callable[[str], str] = fold) -> tuple[str, ...]:
        if not all(isinstance(word, str) for word in key):  # an unquoted yes/no/on in the YAML
            raise ValueError(f"{WORDS_FILE.name}: every word must be a string: {key}")
        return tuple(dict.fromkeys(how(word) for word in key))

    prefixes = sorted((str(word) for word in data["name_prefixes"]), key=len, reverse=True)
    return Words(
        yes=frozenset(folded(data["yes_answers"])),
        no=frozenset(folded(data["no_answers"])),
        someone_else=folded(data["on_behalf"]["someone_else"]),
        myself=folded(data["on_behalf"]["myself"]),
        name_prefix=re.compile(
            r"^(?:" + "|".join(re.escape(word) for word in prefixes) + r")\s+", re.IGNORECASE
        ),
        street_suffixes=tuple(
            sorted(folded(address["street_suffixes"], fold_word), key=len, reverse=True)
        ),
        street_prefixes=frozenset(folded(address["street_prefixes"], fold_word)),
        stop_words=frozenset(folded(address["stop_words"], fold_word)),
        apartment_words=frozenset(folded(address["apartment_words"], fold_word)),
        question_starts=folded(data["question_starts"]),
    )


def fold_word(text: str) -> str:
    """Lower case and no diacritics, punctuation kept: "S:t" → "s:t", "Allén" → "allen"."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
