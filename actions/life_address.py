"""Street addresses as people write them: "Per Albin Hanssons väg 14", "S:t Persgatan 5",
"Storgatan 12 B", "Björkvägen 21 lgh 1102". Pure functions; the street words are language data
in `life_words.yml`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from actions.life_words import fold_word, words

_HOUSE_NUMBER = re.compile(r"^(\d{1,4})([A-Za-z]?)$")  # "12", "12B", "3b"
_SEPARATE_LETTER = re.compile(r"^[A-Ha-h]$")  # "12 B"; not "i", "å", "ö", which are words
_APARTMENT_NUMBER = re.compile(r"^\d{1,4}$")
_EDGE_PUNCTUATION = ",;:!?\"'()"
MAX_NAME_WORDS_BEFORE_SUFFIX = 4  # "Per Albin Hanssons väg"
MAX_WORDS_WITHOUT_SUFFIX = 3  # a whole answer "Lillgården 3" names no street word


def parse_address(text: str) -> str | None:
    """Street and number as written ("Per Albin Hanssons väg 14", "S:t Persgatan 5",
    "Storgatan 12 B", "Björkvägen 21 lgh 1102"), also inside a longer answer.

    The street needs a street word ("…gatan", "väg", "torget" …), except when the whole answer
    is a short name and a number ("Lillgården 3"); "Lampan 3 är trasig" is not an address.
    """
    tokens = text.split()
    for index, token in enumerate(tokens):
        number = _HOUSE_NUMBER.match(token.strip(_EDGE_PUNCTUATION + "."))
        if not number or index == 0:
            continue
        street = _street_before(tokens, index)
        if not street:
            continue
        house, rest = _house_number(number, tokens[index:])
        if not _has_suffix(street[-1]) and not _is_whole_answer(tokens, index, rest):
            continue
        street_text = " ".join(street)
        return f"{street_text[0].upper()}{street_text[1:]} {house}"
    return None


def _street_suffix(word: str) -> tuple[str, bool] | None:
    """(suffix, stands alone) when `word` ends a street name: "väg" (alone), "Storgatan"."""
    folded = fold_word(word).rstrip(".")
    for suffix in words().street_suffixes:
        if folded == suffix:
            return suffix, True
        if folded.endswith(suffix) and len(folded) > len(suffix) + 2:
            return suffix, False
    return None


def _has_suffix(word: str) -> bool:
    return _street_suffix(word) is not None


def _street_before(tokens: list[str], index: int) -> list[str] | None:
    """The street name's words, as written, that end right before `tokens[index]`."""
    if tokens[index - 1].endswith(","):
        return None
    run: list[str] = []  # the words before the number, nearest last, up to a stop or a comma
    for token in reversed(tokens[:index]):
        word = token.strip(_EDGE_PUNCTUATION)
        if not word or fold_word(word).rstrip(".") in words().stop_words:
            break
        if token.endswith(",") and run:
            break
        run.insert(0, word)
        if len(run) > MAX_NAME_WORDS_BEFORE_SUFFIX + 1:
            run.pop(0)
            break
    if not run:
        return None
    found = _street_suffix(run[-1])
    if found is None:
        return run
    _, alone = found
    before = run[:-1]
    if alone:
        # "Per Albin Hanssons väg": the capitalised words when there are any, else all of them
        # ("per albin hanssons väg" written in lower case, ended by a stop word or the start).
        # The first word of the message may be capitalised only because it starts a sentence.
        starts_message = len(run) == index
        if any(word[:1].isupper() for word in before[1 if starts_message else 0 :]):
            before = _trailing(before, lambda word: word[:1].isupper() or _is_prefix(word))
        return [*before, run[-1]] if before else None
    # "Storgatan": only words like "S:t", "Lilla", "Gamla" belong to a one-word street name.
    return [*_trailing(before, _is_prefix), run[-1]]


def _is_prefix(word: str) -> bool:
    return fold_word(word) in words().street_prefixes


def _trailing(items: list[str], keep: Callable[[str], bool]) -> list[str]:
    """The longest end of `items` whose every item passes `keep`."""
    kept: list[str] = []
    for item in reversed(items):
        if not keep(item):
            break
        kept.insert(0, item)
    return kept


def _house_number(number: re.Match[str], tokens: list[str]) -> tuple[str, list[str]]:
    """("12 B" / "12B" / "21 lgh 1102", the tokens after it) from the number token onwards."""
    digits, letter = number.group(1), number.group(2).upper()
    house = f"{digits}{letter}"
    rest = tokens[1:]
    ended = tokens[0].endswith(",")
    if not letter and rest and not ended:
        candidate = rest[0].strip(_EDGE_PUNCTUATION)
        last_or_followed = len(rest) == 1 or rest[0].endswith(",") or candidate.isupper()
        if _SEPARATE_LETTER.match(candidate) and last_or_followed:
            house = f"{digits} {candidate.upper()}"
            ended = rest[0].endswith(",")
            rest = rest[1:]
    if len(rest) >= 2 and fold_word(rest[0].strip(",")) in words().apartment_words:
        flat = rest[1].strip(_EDGE_PUNCTUATION + ".")
        if _APARTMENT_NUMBER.match(flat):
            house = f"{house} {rest[0].strip(',')} {flat}"
            ended = rest[1].endswith(",")
            rest = rest[2:]
    return house, ([","] if ended else []) + rest


def _is_whole_answer(tokens: list[str], index: int, rest: list[str]) -> bool:
    """The message is only "<name> <number>" (perhaps ", Mittköping" after it)."""
    return index <= MAX_WORDS_WITHOUT_SUFFIX and (not rest or rest[0] == ",")
