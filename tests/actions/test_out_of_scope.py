"""Out-of-scope routing: the right authority by keyword, or an honest "I can't help"."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.content import load_content
from actions.out_of_scope import ActionRouteOutOfScope, out_of_scope_answer, route_authority

FIXTURES = Path(__file__).parent / "fixtures" / "citizen"


def tracker_from(name: str, text: str, lang: str = "sv") -> Tracker:
    state: dict[str, Any] = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    state["latest_message"]["text"] = text
    state["events"][-1]["text"] = text
    state["slots"]["lang"] = lang
    return Tracker.from_dict(state)


def answer_for(authority_id: str, lang: str) -> str:
    entry = next(
        a for a in load_content("authorities.yml")["authorities"] if a["id"] == authority_id
    )
    return str(entry["answer"][lang])


@pytest.mark.parametrize(
    ("text", "authority"),
    [
        ("Jag har ont i magen", "healthcare"),
        ("hur bokar jag tid pa vardcentralen", "healthcare"),
        ("my child has a fever", "healthcare"),
        ("min tand gör ont", "healthcare"),
        ("someone broke into my house", "polisen"),
        ("how much tax do I pay", "skatteverket"),
        ("När kommer skatteåterbäringen?", "skatteverket"),
        ("jag vill byta efternamn", "skatteverket"),
        ("hur byter man namn", "skatteverket"),
        ("I want to change my name", "skatteverket"),
        ("Hur ansöker jag om föräldrapenning?", "forsakringskassan"),
        ("jag vill vabba imorgon", "forsakringskassan"),
        ("how do I get sick pay", "forsakringskassan"),
        ("Min cykel har blivit stulen", "polisen"),
        ("I want to report a crime", "polisen"),
        ("det brinner i huset bredvid", "emergency"),
    ],
)
def test_question_is_routed_to_the_authority(text: str, authority: str) -> None:
    assert route_authority(text, load_content("authorities.yml")) == authority


@pytest.mark.parametrize(
    "text", ["Vad blir det för väder imorgon?", "berätta ett skämt", "jag bor på hotell"]
)
def test_unknown_topic_has_no_authority(text: str) -> None:
    assert route_authority(text, load_content("authorities.yml")) is None


def test_fallback_is_honest_and_names_the_contact_centre() -> None:
    authority, answer = out_of_scope_answer(
        "berätta ett skämt",
        "sv",
        load_content("authorities.yml"),
        load_content("municipality.yml"),
    )
    assert authority is None
    assert answer == (
        "Det kan jag tyvärr inte svara på. Jag vill inte gissa. Kontakta kommunens kontaktcenter "
        "på 070-174 06 10 (måndag–fredag 8.00–16.30) "  # noqa: RUF001 (the queue's hours)
        "eller mejla kontaktcenter@mittkoping.example."
    )


@pytest.mark.parametrize(
    ("text", "lang", "authority"),
    [
        ("Jag har ont i magen", "sv", "healthcare"),
        ("När kommer skatteåterbäringen?", "sv", "skatteverket"),
        ("Hur ansöker jag om föräldrapenning?", "sv", "forsakringskassan"),
        ("Min cykel har blivit stulen", "sv", "polisen"),
        ("my car was stolen", "en", "polisen"),
    ],
)
def test_action_answers_with_the_authority_and_sets_nothing(
    text: str, lang: str, authority: str
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = tracker_from("out_of_scope_message.json", text, lang)
    events = asyncio.run(ActionRouteOutOfScope().run(dispatcher, tracker, {}))
    assert events == []
    assert [m["text"] for m in dispatcher.messages] == [answer_for(authority, lang)]


def test_action_in_english_falls_back_honestly() -> None:
    dispatcher = CollectingDispatcher()
    tracker = tracker_from("out_of_scope_message.json", "tell me a joke", "en")
    asyncio.run(ActionRouteOutOfScope().run(dispatcher, tracker, {}))
    assert [m["text"] for m in dispatcher.messages] == [
        "Sorry, I can't help with that, and I don't want to guess. Contact the municipality's "
        "contact centre on 070-174 06 10 (Monday–Friday 08:00–16:30) "  # noqa: RUF001
        "or e-mail kontaktcenter@mittkoping.example."
    ]
