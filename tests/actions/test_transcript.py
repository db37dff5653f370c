from __future__ import annotations

from typing import Any

from conftest import load_tracker

from actions.transcript import HIDDEN_TEXT, MAX_LINES, MAX_TEXT, build_transcript


def test_turns_are_user_and_bot_with_iso_timestamps_and_redacted() -> None:
    turns = build_transcript(load_tracker("it_ticket_submit").events)
    assert turns[0] == {
        "role": "user",
        "text": "skrivaren på plan 2 skriver inte ut",
        "timestamp": "2026-11-22T09:00:01Z",
    }
    assert "19900101-0017" not in turns[3]["text"]
    assert turns[3]["role"] == "user"


def test_one_time_codes_never_reach_the_transcript() -> None:
    turns = build_transcript(load_tracker("it_verification_code").events)
    assert turns[-1] == {"role": "user", "text": HIDDEN_TEXT, "timestamp": "2026-11-22T09:00:10Z"}
    assert all("482" not in turn["text"] for turn in turns)


def test_a_ticket_code_the_bot_told_is_hidden_from_a_later_transcript() -> None:
    # the second ticket of the session (a handoff) must not show staff the first one's code
    turns = build_transcript(load_tracker("it_handoff_after_ticket_code").events)
    created = turns[4]
    assert created["role"] == "bot"
    assert created["text"] == (
        "Klart! Ditt ärende IT-2026-000123 har skickats till IT-support med vår konversation. "
        "Din kod är [dolt] \u2013 spara den tillsammans med ärendenumret. "
        "Du får svar senast söndag 22 november kl. 12.00."
    )
    texts = " ".join(turn["text"] for turn in turns).lower()
    assert "k7qp2xr9mn" not in texts


def test_codes_the_user_typed_are_hidden_wherever_they_are_repeated() -> None:
    turns = build_transcript(load_tracker("it_handoff_after_ticket_code").events)
    assert turns[7] == {"role": "user", "text": HIDDEN_TEXT, "timestamp": "2026-11-22T09:00:20Z"}
    assert turns[-1]["text"] == (
        "min kod för det första var [dolt] och den andra [dolt], jag vill prata med en människa"
    )
    # the reference itself is no secret: staff need it
    assert "IT-2026-000124" in turns[5]["text"]


def test_short_wrong_guesses_do_not_hide_ordinary_words() -> None:
    events = [
        {"event": "slot", "name": "ticket_secret", "value": "fel", "timestamp": 1.0},
        {"event": "user", "text": "det blev fel igen", "timestamp": 2.0},
    ]
    assert build_transcript(events)[0]["text"] == "det blev fel igen"


def _chat(lines: int) -> list[dict[str, Any]]:
    return [
        {"event": "user" if n % 2 == 0 else "bot", "text": f"rad {n}", "timestamp": 1000.0 + n}
        for n in range(lines)
    ]


def test_a_long_conversation_keeps_its_latest_lines_after_a_marker() -> None:
    turns = build_transcript(_chat(MAX_LINES + 37))
    assert len(turns) == MAX_LINES
    assert turns[0] == {
        "role": "bot",
        "text": "[… 38 tidigare rader utelämnade]",
        "timestamp": turns[1]["timestamp"],
    }
    assert turns[1]["text"] == "rad 38"
    assert turns[-1]["text"] == f"rad {MAX_LINES + 36}"


def test_a_conversation_at_the_limit_is_sent_whole() -> None:
    turns = build_transcript(_chat(MAX_LINES))
    assert len(turns) == MAX_LINES
    assert turns[0]["text"] == "rad 0"


def test_an_overlong_message_is_cut_to_what_the_api_accepts() -> None:
    turns = build_transcript([{"event": "user", "text": "a" * 6000, "timestamp": 1.0}])
    assert len(turns[0]["text"]) == MAX_TEXT
    assert turns[0]["text"].endswith(" […]")
