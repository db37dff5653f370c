from __future__ import annotations

from conftest import load_tracker

from actions.transcript import HIDDEN_TEXT, build_transcript


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
