from __future__ import annotations

from typing import Any

from api_stub import ApiStub
from conftest import load_tracker, message, run_action

from actions.ticket_status import ActionShowTicketStatus, ValidateTicketStatusForm, parse_reference

STATUS = {
    "reference": "IT-2026-000123",
    "status": "open",
    "queue_name": "IT-support",
    "updated_at": "2026-11-22T08:15:00Z",
    "last_staff_reply": {"text": "Vi tittar på det.", "at": "2026-11-22T08:10:00Z"},
}
RESET = [
    {"event": "slot", "timestamp": None, "name": name, "value": None}
    for name in ("ticket_reference", "ticket_secret", "ticket_in_session", "interrupted_form")
]


def slot(name: str, value: Any) -> dict[str, Any]:
    return {"event": "slot", "timestamp": None, "name": name, "value": value}


def test_reference_is_found_in_free_text() -> None:
    assert parse_reference("status på it-2026-000123 tack") == "IT-2026-000123"
    assert parse_reference("ärende 123") is None


def test_ticket_of_this_session_needs_no_secret(api: ApiStub, domain: dict[str, Any]) -> None:
    api.respond("GET", "/api/v1/tickets/IT-2026-000123/status", 200, STATUS)
    events, messages = run_action(
        ValidateTicketStatusForm(), load_tracker("ticket_status_reference"), domain
    )
    assert messages == []
    assert events == [
        slot("ticket_reference", "IT-2026-000123"),
        slot("ticket_in_session", True),
        slot("requested_slot", None),
    ]
    assert api.requests[0].query == "session_id=s-status"


def test_ticket_of_another_session_asks_for_the_secret(
    api: ApiStub, domain: dict[str, Any]
) -> None:
    api.respond(
        "GET", "/api/v1/tickets/IT-2026-000123/status", 404, {"detail": "x", "error": "not_found"}
    )
    events, _ = run_action(
        ValidateTicketStatusForm(), load_tracker("ticket_status_reference"), domain
    )
    assert events == [slot("ticket_reference", "IT-2026-000123"), slot("ticket_in_session", False)]


def test_status_and_last_staff_reply_in_local_time(api: ApiStub) -> None:
    api.respond("GET", "/api/v1/tickets/IT-2026-000123/status", 200, STATUS)
    tracker = load_tracker(
        "ticket_status_reference", ticket_reference="IT-2026-000123", ticket_in_session=True
    )
    events, messages = run_action(ActionShowTicketStatus(), tracker)
    assert messages == [
        message(
            "utter_ticket_status",
            reference="IT-2026-000123",
            queue_name="IT-support",
            status="under handläggning",
            updated_at="2026-11-22 09:15",
        ),
        message("utter_ticket_last_reply", text="Vi tittar på det.", at="2026-11-22 09:10"),
    ]
    assert events == RESET


def test_wrong_secret_looks_like_unknown_reference(api: ApiStub) -> None:
    api.respond("POST", "/api/v1/public/ticket-status", 404, {"detail": "x", "error": "not_found"})
    tracker = load_tracker(
        "ticket_status_reference",
        ticket_reference="IT-2026-000123",
        ticket_secret="fel",
        ticket_in_session=False,
    )
    events, messages = run_action(ActionShowTicketStatus(), tracker)
    assert messages == [message("utter_ticket_not_found")]
    assert events == RESET
    assert api.requests[0].body == {"reference": "IT-2026-000123", "secret": "fel"}


def test_a_form_paused_for_the_status_question_stays_resumable(api: ApiStub) -> None:
    # "vad är status på IT-2026-000123?" in the middle of the IT ticket form
    api.respond("GET", "/api/v1/tickets/IT-2026-000123/status", 200, STATUS)
    tracker = load_tracker(
        "ticket_status_reference",
        ticket_reference="IT-2026-000123",
        ticket_in_session=True,
        interrupted_form="it_ticket_form",
    )
    events, messages = run_action(ActionShowTicketStatus(), tracker)
    assert [m["response"] for m in messages] == [
        "utter_ticket_status",
        "utter_ticket_last_reply",
        "utter_resume_hint",
    ]
    assert events == RESET[:3]


def test_the_status_forms_own_pause_ends_with_the_answer(api: ApiStub) -> None:
    api.respond("GET", "/api/v1/tickets/IT-2026-000123/status", 503, {"detail": "down"})
    tracker = load_tracker(
        "ticket_status_reference",
        ticket_reference="IT-2026-000123",
        ticket_in_session=True,
        interrupted_form="ticket_status_form",
    )
    events, messages = run_action(ActionShowTicketStatus(), tracker)
    assert messages == [message("utter_service_unavailable")]
    assert events == RESET


REPLIES = "/api/v1/tickets/IT-2026-000123/replies/deliver"


def by_secret(**slots: Any) -> Any:
    return load_tracker(
        "ticket_status_reference",
        ticket_reference="IT-2026-000123",
        ticket_secret="K7QP2XR9MN",
        ticket_in_session=False,
        **slots,
    )


def test_with_the_code_the_pending_staff_replies_are_delivered(api: ApiStub) -> None:
    # a chat opened from the reply e-mail's link (not the ticket's own session)
    api.respond("POST", "/api/v1/public/ticket-status", 200, STATUS)
    api.respond(
        "POST",
        REPLIES,
        200,
        [
            {
                "reference": "IT-2026-000123",
                "text": "Vi tittar på det.",
                "at": "2026-11-22T08:10:00Z",
            },
            {"reference": "IT-2026-000123", "text": "Prova nu igen.", "at": "2026-11-22T08:40:00Z"},
        ],
    )
    events, messages = run_action(ActionShowTicketStatus(), by_secret())
    assert messages == [
        message(
            "utter_ticket_status",
            reference="IT-2026-000123",
            queue_name="IT-support",
            status="under handläggning",
            updated_at="2026-11-22 09:15",
        ),
        message("utter_ticket_new_reply", text="Vi tittar på det.", at="2026-11-22 09:10"),
        message("utter_ticket_new_reply", text="Prova nu igen.", at="2026-11-22 09:40"),
    ]
    assert events == RESET
    status_call, deliver_call = api.requests
    assert status_call.headers["x-session-id"] == "s-status"
    assert (deliver_call.path, deliver_call.body) == (REPLIES, {"secret": "K7QP2XR9MN"})
    assert deliver_call.headers["x-session-id"] == "s-status"


def test_with_the_code_and_nothing_new_the_last_reply_is_shown(api: ApiStub) -> None:
    api.respond("POST", "/api/v1/public/ticket-status", 200, STATUS)
    api.respond("POST", REPLIES, 200, [])
    _, messages = run_action(ActionShowTicketStatus(), by_secret())
    assert [m["response"] for m in messages] == ["utter_ticket_status", "utter_ticket_last_reply"]


def test_replies_that_cannot_be_delivered_stay_pending_and_the_status_is_still_told(
    api: ApiStub,
) -> None:
    api.respond("POST", "/api/v1/public/ticket-status", 200, dict(STATUS, last_staff_reply=None))
    api.respond("POST", REPLIES, 503, {"detail": "down"})
    _, messages = run_action(ActionShowTicketStatus(), by_secret())
    assert [m["response"] for m in messages] == ["utter_ticket_status", "utter_ticket_no_reply_yet"]


def test_a_wrong_code_delivers_nothing(api: ApiStub) -> None:
    api.respond("POST", "/api/v1/public/ticket-status", 404, {"detail": "x", "error": "not_found"})
    _, messages = run_action(ActionShowTicketStatus(), by_secret())
    assert messages == [message("utter_ticket_not_found")]
    assert [r.path for r in api.requests] == ["/api/v1/public/ticket-status"]


def test_the_tickets_own_session_leaves_delivery_to_the_chat_gateway(api: ApiStub) -> None:
    api.respond("GET", "/api/v1/tickets/IT-2026-000123/status", 200, STATUS)
    tracker = load_tracker(
        "ticket_status_reference", ticket_reference="IT-2026-000123", ticket_in_session=True
    )
    run_action(ActionShowTicketStatus(), tracker)
    assert [r.path for r in api.requests] == ["/api/v1/tickets/IT-2026-000123/status"]
