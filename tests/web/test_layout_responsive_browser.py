"""The pages measured in a real headless Chromium at 390×844 (a phone) and 1366×768 (an office
screen): the menu folds and unfolds by mouse and keyboard, no link breaks over lines, the page
never scrolls sideways (its wide tables do, inside their box), inputs fit the phone.

Chromium is Debian's (/usr/bin/chromium); without it these tests skip with the reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
LINES = """el => { const range = document.createRange(); range.selectNodeContents(el);
  return new Set(Array.from(range.getClientRects(), r => Math.round(r.top))).size; }"""


@pytest.fixture
def browser(live_server, world, monkeypatch) -> Iterator[Browser]:
    """A Chromium started after the world and the server (the ORM is used before it only)."""
    if not CHROMIUM.exists():
        pytest.skip("browser tests need Debian's Chromium at /usr/bin/chromium")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        yield browser
        browser.close()
        connections.close_all()


def signed_in(browser: Browser, live_server, user, viewport: dict[str, int]) -> Page:
    """A window of this size, logged in as ``user`` (the session made by Django's test client)."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context = browser.new_context(base_url=live_server.url, viewport=viewport, locale="zh-CN")
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    return context.new_page()


def no_sideways_scroll(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_on_a_phone_the_menu_folds_behind_a_button_that_works_by_keyboard(
    browser, live_server, world
) -> None:
    page = signed_in(browser, live_server, world.filler_a, PHONE)
    page.goto(reverse("forms:list"))
    button = page.locator("header .menu-toggle")
    nav = page.locator("#site-nav")
    expect(button).to_be_visible()
    expect(nav).to_be_hidden()
    button.focus()
    page.keyboard.press("Enter")
    expect(nav).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "true")
    for link in nav.get_by_role("link").all():
        assert link.evaluate(LINES) == 1, link.text_content()
    expect(page.locator("header .user")).to_contain_text("filler_a")
    page.keyboard.press("Escape")
    expect(nav).to_be_hidden()
    assert page.evaluate("document.activeElement.classList.contains('menu-toggle')")


def test_on_a_phone_wide_tables_scroll_in_their_box_and_the_page_does_not(
    browser, live_server, world
) -> None:
    page = signed_in(browser, live_server, world.filler_a, PHONE)
    for url in (
        reverse("forms:list"),
        reverse("forms:detail", args=[world.form_a.pk]),
        reverse("dashboard"),
    ):
        page.goto(url)
        assert no_sideways_scroll(page), url
    page.goto(reverse("forms:list"))
    wrap = page.locator(".table-wrap").first
    assert wrap.evaluate("w => w.scrollWidth > w.clientWidth")  # the list scrolls sideways
    status = page.locator("td.status-draft").first
    assert status.evaluate("s => getComputedStyle(s).whiteSpace") == "nowrap"
    for field in page.locator("main input, main select").all():
        box = field.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


def test_on_an_office_screen_the_whole_menu_shows_in_one_row(browser, live_server, world) -> None:
    page = signed_in(browser, live_server, world.admin, DESKTOP)
    page.goto(reverse("forms:list"))
    expect(page.locator("header .menu-toggle")).to_be_hidden()
    links = page.locator("#site-nav").get_by_role("link")
    assert links.count() >= 14
    for link in links.all():
        expect(link).to_be_visible()
        assert link.evaluate(LINES) == 1, link.text_content()
    tops = {round(link.bounding_box()["y"]) for link in links.all()}
    assert len(tops) == 1  # the menu is one row at 1366 px
    for url in (reverse("forms:detail", args=[world.form_a.pk]), reverse("dashboard")):
        page.goto(url)
        assert no_sideways_scroll(page), url
