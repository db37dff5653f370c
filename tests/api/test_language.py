from __future__ import annotations

import pytest

from api.services.language import detect_language


@pytest.mark.parametrize(
    "text",
    [
        "Jag har glömt mitt lösenord",
        "hur ansöker jag om bygglov",
        "Skrivaren på mitt kontor fungerar inte",
        "hej",
        "Kan du hjälpa mig?",
    ],
)
def test_swedish_messages_are_swedish(text: str) -> None:
    assert detect_language(text) == "sv"


@pytest.mark.parametrize(
    "text",
    [
        "I forgot my password",
        "How do I apply for a building permit?",
        "The printer in my office does not work",
        "hello",
        "Can you help me with this?",
    ],
)
def test_english_messages_are_english(text: str) -> None:
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text", ["ok", "IT-2026-000123", "123456", "VPN", "?"])
def test_too_short_to_tell_gives_none(text: str) -> None:
    assert detect_language(text) is None


def test_swedish_letters_tip_an_otherwise_unclear_message() -> None:
    assert detect_language("Bygglov växthus") == "sv"


def test_english_words_outweigh_a_single_swedish_letter() -> None:
    assert detect_language("I moved to Malmö and would like to know what I should do") == "en"
