"""End to end over the real stack: cases the bot solves alone, and cases it hands to people.

Each test is one person's conversation through the public chat gateway, checked from the other side
too (the staff API, the database the demo SMS gateway writes to, the processes' logs).
"""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import RunningStack
from tests.e2e.conversation import Conversation, latest_sms_code, read_logs, staff_client

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ADMIN = ("admin@mittkoping.example", "demo-admin-2026")
IT_AGENT = ("it@mittkoping.example", "demo-agent-2026")
CONTACT_CENTRE_AGENT = ("kontaktcenter@mittkoping.example", "demo-agent-2026")


def ticket_count(stack: RunningStack) -> int:
    with staff_client(stack, *ADMIN) as admin:
        response = admin.get("/tickets", params={"status": ["new", "open", "pending"]})
        assert response.status_code == 200, response.text
        return len(response.json())


def test_handoff_reaches_the_queue_and_the_staff_reply_comes_back(
    running_stack: RunningStack,
) -> None:
    user = Conversation(running_stack)
    user.say("Hej")
    handoff = user.say("jag vill prata med en människa")
    assert handoff.topic == "human_handoff"
    reference, secret = handoff.reference(), handoff.secret()
    assert reference.startswith("MK-")  # the contact centre's queue prefix

    with staff_client(running_stack, *CONTACT_CENTRE_AGENT) as agent:
        listed = agent.get("/tickets", params={"queue": "contact_centre"}).json()
        assert reference in [ticket["reference"] for ticket in listed]
        detail = agent.get(f"/tickets/{reference}").json()
        assert detail["channel"] == "chat"
        user_lines = [line["text"] for line in detail["transcript"] if line["role"] == "user"]
        assert user_lines == ["Hej", "jag vill prata med en människa"]
        answer = "Hej! Jag ringer dig i eftermiddag om ditt ärende. /Karin"
        replied = agent.post(f"/tickets/{reference}/replies", json={"text": answer})
        assert replied.status_code == 201, replied.text

    with staff_client(running_stack, *IT_AGENT) as other_queue:
        assert other_queue.get(f"/tickets/{reference}").status_code == 404

    status = httpx.post(
        f"{running_stack.api_url}/api/v1/public/ticket-status",
        json={"reference": reference, "secret": secret},
        timeout=10,
    )
    assert status.status_code == 200, status.text
    assert status.json()["last_staff_reply"]["text"] == answer
    wrong = httpx.post(
        f"{running_stack.api_url}/api/v1/public/ticket-status",
        json={"reference": reference, "secret": "WRONGSECRET"},
        timeout=10,
    )
    unknown = httpx.post(
        f"{running_stack.api_url}/api/v1/public/ticket-status",
        json={"reference": "MK-2026-999999", "secret": "WRONGSECRET"},
        timeout=10,
    )
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.json() == unknown.json()

    next_turn = user.say("hallå, har ni svarat?")
    first = next_turn.messages[0]
    assert first["kind"] == "staff_reply"
    assert first["text"] == answer
    assert first["reference"] == reference
    # Delivered once: the turn after has no staff reply again.
    assert all(m.get("kind") != "staff_reply" for m in user.say("tack").messages)


def test_password_reset_is_solved_by_the_bot_without_a_ticket(
    running_stack: RunningStack,
) -> None:
    tickets_before = ticket_count(running_stack)
    employee = Conversation(running_stack)
    asked = employee.say("jag har glömt mitt lösenord")
    assert asked.topic == "it_password_reset"
    assert "anställningsnummer" in asked.text
    sent = employee.say("E10001")
    assert "070-*** ** 21" in sent.text  # the registered phone, masked
    code = latest_sms_code(running_stack, "+46701740621")
    wrong_code = "000000" if code != "000000" else "111111"
    assert "stämmer inte" in employee.say(wrong_code).text
    done = employee.say(code)
    assert "lösenord" in done.text
    assert "sms" in done.text.lower()  # the new password goes to the phone, never into the chat

    assert ticket_count(running_stack) == tickets_before, "a routine case became a ticket"
    assert code not in read_logs(running_stack), "the one-time code reached a log"


def test_it_ticket_form_with_a_correction_becomes_an_it_ticket(
    running_stack: RunningStack,
) -> None:
    employee = Conversation(running_stack)
    answer = employee.say("skrivaren på plan 3 skriver inte ut")
    assert answer.topic == "it_printer"
    assert answer.messages[-1]["buttons"], "the 'did it help?' question has buttons"
    assert "Vad heter du" in employee.say("nej").text
    employee.say("Anna Andersson")
    employee.say("anna.andersson@mittkoping.example")
    employee.say("Stadshuset plan 3")
    summary = employee.say("normal")
    assert "Brådska: Normal" in summary.text
    employee.say("jag vill ändra brådska")
    corrected = employee.say("hög")
    assert "Brådska: Hög" in corrected.text
    created = employee.say("ja")
    reference = created.reference()
    assert reference.startswith("IT-")

    with staff_client(running_stack, *IT_AGENT) as agent:
        detail = agent.get(f"/tickets/{reference}").json()
    assert detail["queue"] == "it_support"
    assert detail["topic"] == "it_printer"
    assert detail["fields"] == {
        "category": "printer",
        "description": "skrivaren på plan 3 skriver inte ut",
        "reporter_name": "Anna Andersson",
        "email": "anna.andersson@mittkoping.example",
        "location": "Stadshuset plan 3",
        "urgency": "high",
    }
    assert detail["has_contact_email"] is True


def test_fault_report_becomes_a_street_and_parks_case(running_stack: RunningStack) -> None:
    citizen = Conversation(running_stack)
    checklist = citizen.say("gatlampan utanför Storgatan 12 är trasig")
    assert checklist.topic == "life_report_fault"
    assert "Beskriv felet" in checklist.text
    citizen.say("lampan lyser inte sedan i måndags")
    citizen.say("nej")  # no phone
    summary = citizen.say("nej")  # no e-mail
    assert "Adress: Storgatan 12" in summary.text
    assert "Typ av fel: Gatubelysning" in summary.text
    reference = citizen.say("ja").reference()
    assert reference.startswith("GP-")

    with staff_client(running_stack, *CONTACT_CENTRE_AGENT) as agent:
        detail = agent.get(f"/tickets/{reference}").json()
    assert detail["queue"] == "street_parks"
    assert detail["fields"] == {
        "category": "street_lighting",
        "address": "Storgatan 12",
        "description": "lampan lyser inte sedan i måndags",
    }


def test_home_care_application_keeps_the_personal_id_out_of_chat_and_logs(
    running_stack: RunningStack,
) -> None:
    personal_id = "19420315-1230"  # valid check digit; fictional
    relative = Conversation(running_stack)
    assert relative.say("min mamma behöver hemtjänst").topic == "life_elderly_care"
    relative.say("ja")  # apply now
    relative.say("ja")  # for someone else
    relative.say("Greta Andersson")
    assert "stämmer inte" in relative.say("19420315-1234").text  # wrong check digit
    relative.say(personal_id)
    relative.say("Storgatan 5")
    relative.say("070-174 06 55")
    summary = relative.say("hon behöver hjälp med att handla och städa")
    assert "19420315-****" in summary.text
    assert personal_id not in summary.text
    reference = relative.say("ja").reference()
    assert reference.startswith("AO-")

    with staff_client(running_stack, *ADMIN) as admin:
        detail = admin.get(f"/tickets/{reference}").json()
        assert detail["queue"] == "elderly_care"
        assert detail["fields"]["personal_id"] == "19420315-****"
        assert detail["fields"]["on_behalf"] is True
        transcript = "\n".join(line["text"] for line in detail["transcript"])
        assert personal_id not in transcript
        revealed = admin.post(f"/tickets/{reference}/personal-id")
        assert revealed.json() == {"personal_id": personal_id}
        audit = [entry["action"] for entry in admin.get(f"/tickets/{reference}").json()["audit"]]
        assert "ticket.personal_id_revealed" in audit

    logs = read_logs(running_stack)
    assert personal_id not in logs
    assert personal_id.replace("-", "") not in logs


def test_questions_for_other_authorities_are_routed_not_answered(
    running_stack: RunningStack,
) -> None:
    health = Conversation(running_stack).say("jag har ont i magen och behöver en läkare")
    assert health.topic == "out_of_scope"
    assert "1177" in health.text
    taxes = Conversation(running_stack).say("när kommer skatteåterbäringen?")
    assert taxes.topic == "out_of_scope"
    assert "Skatteverket" in taxes.text


def test_an_english_question_gets_an_english_checklist(running_stack: RunningStack) -> None:
    reply = Conversation(running_stack).say("How do I apply for home help for my mother?")
    assert reply.topic == "life_elderly_care"
    assert reply.lang == "en"
    assert "Home help" in reply.text or "home help" in reply.text
    assert "hemtjänst" not in reply.text


def test_a_published_outage_is_answered_and_replaces_a_duplicate_ticket(
    running_stack: RunningStack,
) -> None:
    with staff_client(running_stack, *IT_AGENT) as agent:
        published = agent.post(
            "/outages",
            json={
                "system": "Treserva",
                "message": "Treserva går inte att logga in i. Leverantören felsöker.",
                "expected_end": "2030-01-01T12:00:00Z",
            },
        )
        assert published.status_code == 201, published.text
        outage_id = published.json()["id"]
        try:
            status = Conversation(running_stack).say("är treserva nere?")
            assert status.topic == "it_outage_status"
            assert "Leverantören felsöker" in status.text

            tickets_before = ticket_count(running_stack)
            employee = Conversation(running_stack)
            assert employee.say("jag kommer inte in i Treserva").topic == "it_system_access"
            offer = employee.say("nej")  # the self-service answer did not help
            assert "driftstörning för Treserva" in offer.text
            assert "ärende" in employee.say("ja").text  # follow the outage
            assert ticket_count(running_stack) == tickets_before
        finally:
            closed = agent.post(f"/outages/{outage_id}/close")
            assert closed.status_code == 200, closed.text

    after = Conversation(running_stack).say("är treserva nere?")
    assert "ingen känd driftstörning för Treserva" in after.text


def test_ticket_status_in_the_chat_needs_the_code_from_another_session(
    running_stack: RunningStack,
) -> None:
    first = Conversation(running_stack)
    first.say("Hej")
    created = first.say("jag vill prata med en människa")
    reference, secret = created.reference(), created.secret()

    same_session = first.say(f"vad är status på {reference}")
    assert same_session.topic == "ticket_status"
    assert "mottaget" in same_session.text

    stranger = Conversation(running_stack)
    asked = stranger.say(f"vad är status på {reference}")
    assert "koden" in asked.text
    assert "mottaget" not in asked.text
    assert "hittar inget ärende" in stranger.say("XXXXXXXXXX").text

    owner_elsewhere = Conversation(running_stack)
    owner_elsewhere.say(f"vad är status på {reference}")
    assert "mottaget" in owner_elsewhere.say(secret).text
