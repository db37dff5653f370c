"""End to end over the real NLU: questions for other authorities are routed, never answered.

Each question is new to the training data (nlu_data/out_of_scope.yml has its neighbours, not it):
the trained model must call it `out_of_scope`, and action_route_out_of_scope must name the
authority from content/mittkoping/authorities.yml. Anything else gets the honest "I can't help"
with the contact centre's phone number, and no question here becomes a case.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT, RunningStack
from tests.e2e.conversation import REFERENCE, Conversation, Reply

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

CONTENT = ROOT / "content" / "mittkoping"
AUTHORITY_NAMES = ["1177", "Skatteverket", "Försäkringskassan", "Polisen", "112"]


def content(name: str) -> dict[str, Any]:
    return dict(yaml.safe_load(Path(CONTENT / name).read_text(encoding="utf-8")))


def authority_answer(authority_id: str, lang: str) -> str:
    """The answer the content pack gives for that authority."""
    (entry,) = [a for a in content("authorities.yml")["authorities"] if a["id"] == authority_id]
    return str(entry["answer"][lang])


def ask(stack: RunningStack, question: str) -> Reply:
    """One question in a fresh session, so nothing earlier steers the answer."""
    return Conversation(stack).say(question)


def assert_routed_not_answered(reply: Reply, lang: str) -> None:
    assert reply.topic == "out_of_scope", (reply.topic, reply.confidence, reply.text)
    assert reply.lang == lang
    assert REFERENCE.search(reply.text) is None, "a question for another authority became a case"
    assert "Det här gör kommunen:" not in reply.text  # no municipal checklist
    assert "What the municipality does:" not in reply.text


@pytest.mark.parametrize(
    ("question", "authority_id", "name"),
    [
        ("Var kan jag vaccinera mig mot influensan i höst?", "healthcare", "1177"),
        ("Varför måste jag betala skatt på min pension?", "skatteverket", "Skatteverket"),
        (
            "Jag har varit sjukskriven i tre veckor, när får jag sjukpenning?",
            "forsakringskassan",
            "Försäkringskassan",
        ),
        (
            "Jag har blivit lurad på nätet och betalat för en soffa som aldrig kom",
            "polisen",
            "Polisen",
        ),
        ("Det brinner i lägenheten bredvid och det kommer rök i trapphuset!", "emergency", "112"),
    ],
)
def test_a_swedish_question_for_another_authority_names_it(
    running_stack: RunningStack, question: str, authority_id: str, name: str
) -> None:
    reply = ask(running_stack, question)
    assert_routed_not_answered(reply, "sv")
    assert reply.text == authority_answer(authority_id, "sv")
    assert name in reply.text


@pytest.mark.parametrize(
    ("question", "authority_id", "name"),
    [
        ("Where can I get a flu vaccination this autumn?", "healthcare", "1177"),
        ("My bike was stolen outside the library last night", "polisen", "Polisen"),
    ],
)
def test_an_english_question_for_another_authority_names_it_in_english(
    running_stack: RunningStack, question: str, authority_id: str, name: str
) -> None:
    reply = ask(running_stack, question)
    assert_routed_not_answered(reply, "en")
    assert reply.text == authority_answer(authority_id, "en")
    assert name in reply.text


def test_chit_chat_gets_an_honest_no_and_the_contact_centre(running_stack: RunningStack) -> None:
    reply = ask(running_stack, "Vilket lag vann Allsvenskan förra året?")
    assert_routed_not_answered(reply, "sv")
    assert reply.text.startswith("Det kan jag tyvärr inte svara på. Jag vill inte gissa.")
    centre = content("municipality.yml")["contact_centre"]
    assert str(centre["phone"]) in reply.text
    assert str(centre["email"]) in reply.text
    assert not [name for name in AUTHORITY_NAMES if name in reply.text], reply.text
