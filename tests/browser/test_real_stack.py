"""The chat page against the whole stack (real Rasa, action server, API): the lead's fixture."""

from __future__ import annotations

import uuid

import httpx
import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import AGENT_EMAIL, AGENT_PASSWORD, screenshot
from tests.conftest import RunningStack

pytestmark = [pytest.mark.browser, pytest.mark.e2e, pytest.mark.slow]


def test_chat_a_question_and_see_the_bots_answer(
    browser: Browser, running_stack: RunningStack
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(running_stack.api_url + "/")
        # bot_challenge is one of the foundation intents, so the answer is stable.
        page.get_by_label("Ditt meddelande").fill("Är du en robot?")
        page.get_by_role("button", name="Skicka").click()
        answers = page.get_by_role("log").locator(".msg-bot")
        expect(answers.nth(1)).to_be_visible()  # after the page's own welcome message
        expect(answers.nth(1)).to_contain_text("assistent")
        expect(answers.nth(1)).not_to_contain_text("förstod jag inte")  # not the fallback
        expect(page.locator(".msg-error")).to_have_count(0)
        screenshot(page, "chat-real-bot")
    finally:
        context.close()


def test_staff_reply_over_the_real_stack_reaches_the_chat(
    browser: Browser, running_stack: RunningStack
) -> None:
    citizen = browser.new_context()
    staff = browser.new_context()
    try:
        user = citizen.new_page()
        user.set_default_timeout(30_000)
        user.goto(running_stack.api_url + "/")
        user.get_by_label("Ditt meddelande").fill("Hej!")
        user.get_by_role("button", name="Skicka").click()
        expect(user.locator(".msg-bot").nth(1)).to_be_visible()
        session_id = user.evaluate("sessionStorage.getItem('ingang.session_id')")
        created = httpx.post(
            f"{running_stack.api_url}/api/v1/tickets",
            json={
                "queue": "it_support",
                "topic": "it_printer",
                "channel": "chat",
                "session_id": session_id,
                "priority": "normal",
                "fields": {},
                "transcript": [],
                "lang": "sv",
            },
            headers={
                "Authorization": f"Bearer {running_stack.env['BOT_SERVICE_TOKEN']}",
                "Idempotency-Key": f"{session_id}:browser:{uuid.uuid4().hex}",
            },
            timeout=10,
        )
        assert created.status_code == 201, created.text
        reference = created.json()["reference"]

        page = staff.new_page()
        page.goto(running_stack.api_url + "/staff")
        page.get_by_label("E-postadress").fill(AGENT_EMAIL)
        page.get_by_label("Lösenord").fill(AGENT_PASSWORD)
        page.get_by_role("button", name="Logga in").click()
        page.goto(f"{running_stack.api_url}/staff/tickets/{reference}")
        page.get_by_label("Svar till användaren").fill("Vi har tittat på det. Prova igen nu.")
        page.get_by_role("button", name="Skicka svar").click()
        expect(page.get_by_role("status")).to_have_text("Svaret är skickat till användaren.")

        user.get_by_label("Ditt meddelande").fill("tack")
        user.get_by_role("button", name="Skicka").click()
        expect(user.locator(".msg-staff")).to_contain_text("Vi har tittat på det.")
    finally:
        citizen.close()
        staff.close()
