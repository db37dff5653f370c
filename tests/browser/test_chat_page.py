"""The chat widget at `/` in a real browser, against the API with a stand-in Rasa."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import (
    FAKE_ANSWER,
    FAKE_CODE_QUESTION,
    LiveApi,
    axe_violations,
    screenshot,
)

pytestmark = pytest.mark.browser


def ask(page: Page, text: str) -> None:
    page.get_by_label("Ditt meddelande").fill(text)
    page.keyboard.press("Enter")


def test_question_gets_an_answer_with_buttons_that_send_their_payload(
    page: Page, live_api: LiveApi
) -> None:
    page.goto(live_api.url + "/")
    with page.expect_request("**/api/v1/chat") as first:
        ask(page, "Min skrivare fungerar inte")
    # No language chosen yet: the gateway detects it from the text.
    assert json.loads(first.value.post_data or "{}") == {"text": "Min skrivare fungerar inte"}
    log = page.get_by_role("log")
    expect(log.locator(".msg-user")).to_have_text("DuMin skrivare fungerar inte")
    expect(log.locator(".msg-bot").last).to_contain_text(FAKE_ANSWER)
    session_id = page.evaluate("sessionStorage.getItem('ingang.session_id')")
    assert session_id

    with page.expect_request("**/api/v1/chat") as second:
        log.get_by_role("button", name="Ja").click()
    sent = json.loads(second.value.post_data or "{}")
    assert sent == {"text": "/affirm", "session_id": session_id}
    expect(log.locator(".msg-user").last).to_contain_text("Ja")
    expect(log.locator(".msg-bot").last).to_contain_text("Vad bra!")
    expect(page.get_by_label("Ditt meddelande")).to_be_focused()
    screenshot(page, "chat-page")


def test_conversation_survives_a_reload_in_the_same_tab(page: Page, live_api: LiveApi) -> None:
    page.goto(live_api.url + "/")
    ask(page, "skrivaren")
    expect(page.locator(".msg-bot").last).to_contain_text(FAKE_ANSWER)
    page.reload()
    expect(page.locator(".msg-user")).to_contain_text("skrivaren")
    expect(page.locator(".msg-bot").last).to_contain_text(FAKE_ANSWER)


def test_english_switch_translates_the_page_and_sends_lang_en(
    page: Page, live_api: LiveApi
) -> None:
    page.goto(live_api.url + "/")
    english = page.get_by_role("button", name="English")
    english.click()
    expect(english).to_have_attribute("aria-pressed", "true")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_label("Your message").fill("printer broken")
    with page.expect_request("**/api/v1/chat") as request:
        page.get_by_role("button", name="Send").click()
    assert json.loads(request.value.post_data or "{}")["lang"] == "en"
    page.get_by_role("button", name="Svenska").click()
    page.get_by_label("Ditt meddelande").fill("skrivaren")
    with page.expect_request("**/api/v1/chat") as again:
        page.get_by_role("button", name="Skicka").click()
    assert json.loads(again.value.post_data or "{}")["lang"] == "sv"


def test_page_follows_the_detected_language_until_one_is_chosen(
    page: Page, live_api: LiveApi
) -> None:
    page.goto(live_api.url + "/")
    with page.expect_response("**/api/v1/chat") as answer:
        ask(page, "Hello, my printer is not working and I need help with it")
    assert answer.value.json()["lang"] == "en"
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_label("Your message")).to_be_visible()
    expect(page.get_by_role("button", name="English")).to_have_attribute("aria-pressed", "true")


def test_microphone_is_present_but_disabled_with_a_coming_soon_tooltip(
    page: Page, live_api: LiveApi
) -> None:
    page.goto(live_api.url + "/")
    mic = page.get_by_role("button", name="Mikrofon")
    expect(mic).to_have_attribute("aria-disabled", "true")
    mic.focus()
    expect(page.get_by_role("tooltip")).to_be_visible()
    expect(page.get_by_role("tooltip")).to_have_text("Röststyrning kommer snart")
    mic.click(force=True)  # aria-disabled: Playwright would otherwise wait for it
    expect(page.locator(".msg-user")).to_have_count(0)


def test_chat_page_is_keyboard_usable_with_visible_focus(page: Page, live_api: LiveApi) -> None:
    page.goto(live_api.url + "/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Hoppa till innehållet")).to_be_focused()
    field = page.get_by_label("Ditt meddelande")
    field.focus()
    outline = field.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline == "solid"
    page.keyboard.type("hej")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Skicka")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".msg-bot").last).to_contain_text(FAKE_ANSWER)


def test_chat_page_has_no_serious_axe_violations(page: Page, live_api: LiveApi) -> None:
    page.goto(live_api.url + "/")
    ask(page, "skrivaren")
    expect(page.locator(".msg-bot").last).to_contain_text(FAKE_ANSWER)
    assert axe_violations(page) == []
    live = page.locator("[aria-live]")
    expect(live).to_have_count(1)
    expect(live).to_have_attribute("role", "log")


def test_chat_works_at_200_percent_zoom_without_sideways_scrolling(
    browser: Browser, live_api: LiveApi
) -> None:
    # 200 % zoom of a 1280 px window is the same CSS layout as a 640 px window at 100 %.
    context = browser.new_context(viewport={"width": 640, "height": 450}, device_scale_factor=2)
    page = context.new_page()
    try:
        page.goto(live_api.url + "/")
        ask(page, "skrivaren")
        expect(page.locator(".msg-bot").last).to_contain_text(FAKE_ANSWER)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
        expect(page.get_by_role("button", name="Skicka")).to_be_visible()
        screenshot(page, "chat-page-200-percent")
    finally:
        context.close()


def test_chat_opened_from_the_reply_email_asks_the_bot_about_that_case(
    page: Page, live_api: LiveApi
) -> None:
    with page.expect_request("**/api/v1/chat") as first:
        page.goto(live_api.url + "/?ticket=it-2026-000123")
    assert json.loads(first.value.post_data or "{}") == {
        "text": '/ticket_status{"ticket_reference":"IT-2026-000123"}',
        "lang": "sv",
    }
    log = page.get_by_role("log")
    prompt = log.locator(".msg-bot").nth(1)  # after the page's welcome
    expect(prompt).to_contain_text("Du öppnade chatten från ärende IT-2026-000123.")
    expect(log.locator(".msg-user")).to_have_text("DuStatus för ärende IT-2026-000123")
    code_question = FAKE_CODE_QUESTION.format(reference="IT-2026-000123")
    expect(log.locator(".msg-bot").last).to_contain_text(code_question)
    assert "ticket=" not in page.url
    page.reload()  # the reference left the address: no second question
    expect(log.locator(".msg-bot").last).to_contain_text(code_question)
    page.wait_for_load_state("networkidle")
    expect(log.locator(".msg-user")).to_have_count(1)


def test_chat_opened_in_english_asks_in_english(page: Page, live_api: LiveApi) -> None:
    page.goto(live_api.url + "/")
    page.get_by_role("button", name="English").click()
    with page.expect_request("**/api/v1/chat") as first:
        page.goto(live_api.url + "/?ticket=MK-2026-000045")
    assert json.loads(first.value.post_data or "{}")["lang"] == "en"
    expect(page.locator(".msg-user")).to_have_text("YouStatus of case MK-2026-000045")


def test_a_ticket_parameter_that_is_no_reference_sends_nothing(
    page: Page, live_api: LiveApi
) -> None:
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.url) if "/api/v1/chat" in r.url else None)
    page.goto(live_api.url + "/?ticket=%3Cimg%20src%3Dx%3E&x=1")
    page.wait_for_load_state("networkidle")
    assert sent == []
    expect(page.locator(".msg-user")).to_have_count(0)
    expect(page.locator(".msg-bot")).to_have_count(1)  # the welcome only
    assert page.url.endswith("/?x=1")
