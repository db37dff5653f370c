"""Staff workspace in a real browser: log in, reply to a ticket, the user sees it in the chat."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from tests.browser.conftest import (
    AGENT_EMAIL,
    AGENT_PASSWORD,
    FAKE_ANSWER,
    LiveApi,
    axe_violations,
    screenshot,
)

pytestmark = pytest.mark.browser


def log_in(
    page: Page, api: LiveApi, email: str = AGENT_EMAIL, password: str = AGENT_PASSWORD
) -> None:
    page.goto(api.url + "/staff")
    page.get_by_label("E-postadress").fill(email)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()


def start_chat(page: Page, api: LiveApi) -> str:
    page.goto(api.url + "/")
    page.get_by_label("Ditt meddelande").fill("Min skrivare fungerar inte")
    page.get_by_role("button", name="Skicka").click()
    expect(page.locator(".msg-bot").last).to_contain_text(FAKE_ANSWER)
    session_id = page.evaluate("sessionStorage.getItem('ingang.session_id')")
    assert isinstance(session_id, str)
    return session_id


def test_staff_reply_reaches_the_user_in_the_chat(browser: Browser, live_api: LiveApi) -> None:
    citizen = browser.new_context(viewport={"width": 1280, "height": 900})
    staff = browser.new_context(viewport={"width": 1280, "height": 1000})
    try:
        user_page = citizen.new_page()
        ticket = live_api.create_ticket(start_chat(user_page, live_api))
        reference = ticket["reference"]

        staff_page = staff.new_page()
        log_in(staff_page, live_api)
        expect(staff_page.get_by_role("button", name="Logga ut")).to_be_visible()
        staff_page.get_by_role("link", name=reference).click()
        expect(staff_page.get_by_role("heading", name=f"Ärende {reference}")).to_be_visible()
        expect(staff_page.locator("#transcript")).to_contain_text("Min skrivare fungerar inte")
        staff_page.get_by_label("Svar till användaren").fill(
            "Hej! Vi har startat om skrivarens kö. Prova att skriva ut igen."
        )
        staff_page.get_by_role("button", name="Skicka svar").click()
        expect(staff_page.get_by_role("status")).to_have_text("Svaret är skickat till användaren.")
        expect(staff_page.locator("#transcript .msg-staff")).to_contain_text(
            "startat om skrivarens kö"
        )

        user_page.get_by_label("Ditt meddelande").fill("Har ni svarat?")
        user_page.get_by_role("button", name="Skicka").click()
        reply = user_page.locator(".msg-staff")
        expect(reply).to_contain_text("Vi har startat om skrivarens kö")
        expect(reply).to_contain_text("Svar från handläggare")
        expect(reply).to_contain_text(reference)
        screenshot(user_page, "chat-with-staff-reply")
    finally:
        citizen.close()
        staff.close()


def test_personnummer_is_masked_until_revealed(page: Page, live_api: LiveApi) -> None:
    ticket = live_api.create_ticket("browser-mask-1")
    log_in(page, live_api)
    page.goto(f"{live_api.url}/staff/tickets/{ticket['reference']}")
    expect(page.locator("#personal-id")).to_have_text("19420315-****")
    page.get_by_role("button", name="Visa personnummer").click()
    expect(page.locator("#personal-id")).to_have_text("19420315-1238")
    page.goto(f"{live_api.url}/staff/tickets/{ticket['reference']}")
    audit = page.get_by_role("table").last
    expect(audit).to_contain_text("Personnummer visat")
    expect(audit).to_contain_text("Ivar IT")
    screenshot(page, "staff-ticket")


def test_note_and_resolve_from_the_ticket_page(page: Page, live_api: LiveApi) -> None:
    ticket = live_api.create_ticket("browser-note-1")
    log_in(page, live_api)
    page.goto(f"{live_api.url}/staff/tickets/{ticket['reference']}")
    page.get_by_label("Anteckning (visas aldrig för användaren)").fill("Ringde IT-driften.")
    page.get_by_role("button", name="Spara anteckning").click()
    expect(page.locator("#notes")).to_contain_text("Ringde IT-driften.")
    page.get_by_role("button", name="Markera som löst").click()
    expect(page.locator("#ticket-status")).to_have_text("Löst")


def test_wrong_password_is_refused_with_a_message(page: Page, live_api: LiveApi) -> None:
    log_in(page, live_api, password="not-the-password")
    expect(page.get_by_role("alert")).to_have_text("Fel e-postadress eller lösenord.")
    expect(page.get_by_role("button", name="Logga ut")).to_have_count(0)


def test_outage_can_be_published_and_closed(page: Page, live_api: LiveApi) -> None:
    log_in(page, live_api)
    page.get_by_role("link", name="Driftstörningar").click()
    page.get_by_label("System").fill("Lönesystemet")
    page.get_by_label("Meddelande till användarna").fill("Lönesystemet är nere. Vi felsöker.")
    page.get_by_role("button", name="Publicera").click()
    expect(page.get_by_role("status")).to_have_text("Driftstörningen är publicerad.")
    screenshot(page, "staff-outages")
    page.get_by_role("button", name="Avsluta driftstörningen i Lönesystemet").click()
    expect(page.get_by_role("status")).to_have_text("Driftstörningen är avslutad.")


def test_staff_pages_have_no_serious_axe_violations(page: Page, live_api: LiveApi) -> None:
    ticket = live_api.create_ticket("browser-axe-1")
    page.goto(live_api.url + "/staff")
    assert axe_violations(page) == [], "login page"
    screenshot(page, "staff-login")
    log_in(page, live_api)
    expect(page.get_by_role("heading", name="Ärenden")).to_be_visible()
    assert axe_violations(page) == [], "queue page"
    screenshot(page, "staff-queue")
    page.goto(f"{live_api.url}/staff/tickets/{ticket['reference']}")
    assert axe_violations(page) == [], "ticket page"
    page.goto(f"{live_api.url}/staff/outages")
    assert axe_violations(page) == [], "outages page"


def test_stats_page_draws_automation_and_topic_charts(browser: Browser, live_api: LiveApi) -> None:
    citizen = browser.new_context()
    try:
        chat_page = citizen.new_page()
        start_chat(chat_page, live_api)  # one it_printer turn this week
        chat_page.get_by_label("Ditt meddelande").fill("hej")  # and a greet turn
        chat_page.get_by_role("button", name="Skicka").click()
        expect(chat_page.locator(".msg-user")).to_have_count(2)
        expect(chat_page.locator(".msg-bot")).to_have_count(3)
    finally:
        citizen.close()
    staff = browser.new_context(viewport={"width": 1280, "height": 1000})
    try:
        page = staff.new_page()
        log_in(page, live_api)
        page.get_by_role("link", name="Statistik").click()
        expect(page.locator("#stats-status")).to_contain_text("Visar 8 veckor")
        expect(page.get_by_role("img", name="Automatiseringsgrad per vecka")).to_be_visible()
        topics = page.get_by_role("img", name="Vanligaste ämnen per vecka")
        expect(topics).to_be_visible()
        expect(page.locator("#chart-topics .legend")).to_contain_text("it_printer")
        expect(page.locator("#chart-topics .legend")).not_to_contain_text("greet")
        expect(page.locator("#stats-table tbody tr")).to_have_count(8)
        # The chart's text alternative: a header row with the 8 weeks, the total last.
        table = page.get_by_role("table", name="Antal per ämne och vecka")
        expect(table.locator("thead th")).to_have_count(10)
        cells = table.get_by_role("row", name="it_printer").locator("td")
        expect(cells).to_have_count(9)
        counts = [int(text) for text in cells.all_inner_texts()]
        assert counts[7] >= 1  # this week (other tests chat on the same API too)
        assert counts[8] == sum(counts[:8])
        expect(table).not_to_contain_text("greet")
        assert axe_violations(page) == []
        screenshot(page, "staff-stats")
    finally:
        staff.close()


def test_topic_chart_counts_a_week_where_the_topic_was_not_in_the_top_ten(
    page: Page, live_api: LiveApi
) -> None:
    # Stand-in statistics: it_printer is asked about every week (1, 2, … 8 times), but in the
    # third week ten other topics were asked about more, so `top_topics` leaves it out.
    weeks: list[str] = []

    def stats(route: Route) -> None:
        week = len(weeks)
        weeks.append(route.request.url)
        printer = {"topic": "it_printer", "count": week + 1}
        others = [{"topic": f"it_topic_{n}", "count": 20} for n in range(10)]
        top = others if week == 2 else [printer, *others[:9]]
        body = {
            "from_date": "2030-01-01",
            "to_date": "2030-01-07",
            "conversations": 1,
            "turns": 1,
            "tickets": 0,
            "automation_rate": 1.0,
            "handoff_rate": 0.0,
            "fallback_rate": 0.0,
            "top_topics": top,
            "topic_counts": [*others, printer] if week == 2 else [printer],
            "median_first_response_minutes": None,
            "sla_breaches": {"first_response": 0, "resolution": 0},
        }
        route.fulfill(json=body)

    log_in(page, live_api)
    page.route("**/api/v1/stats?*", stats)
    page.goto(live_api.url + "/staff/stats")
    expect(page.locator("#stats-status")).to_contain_text("Visar 8 veckor")
    table = page.get_by_role("table", name="Antal per ämne och vecka")
    printer = table.get_by_role("row", name="it_printer")
    # Weeks are fetched in parallel: the n-th answered request got n+1 printer questions,
    # so compare against the order the page asked in.
    asked = [url.split("from=")[1][:10] for url in weeks]
    order = sorted(range(8), key=lambda i: asked[i])
    expected = [str(i + 1) for i in order] + [str(sum(range(1, 9)))]
    expect(printer.locator("td")).to_have_text(expected)


def test_ticket_page_works_at_200_percent_zoom(browser: Browser, live_api: LiveApi) -> None:
    ticket = live_api.create_ticket("browser-zoom-1")
    context = browser.new_context(viewport={"width": 640, "height": 500}, device_scale_factor=2)
    try:
        page = context.new_page()
        log_in(page, live_api)
        page.goto(f"{live_api.url}/staff/tickets/{ticket['reference']}")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
        page.get_by_label("Svar till användaren").fill("Svar vid 200 % zoom")
        page.get_by_role("button", name="Skicka svar").click()
        expect(page.get_by_role("status")).to_have_text("Svaret är skickat till användaren.")
        screenshot(page, "staff-ticket-200-percent")
    finally:
        context.close()


def test_ticket_can_wait_for_the_user_and_be_reopened(page: Page, live_api: LiveApi) -> None:
    ticket = live_api.create_ticket("browser-pending-1")
    log_in(page, live_api)
    page.goto(f"{live_api.url}/staff/tickets/{ticket['reference']}")
    page.get_by_role("button", name="Väntar på användaren").click()
    expect(page.locator("#ticket-status")).to_have_text("Väntar på användaren")
    page.get_by_role("button", name="Öppna igen").click()
    expect(page.locator("#ticket-status")).to_have_text("Öppen")
