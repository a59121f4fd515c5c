"""The Content-Security-Policy in a real headless Chromium: the pages with scripts (charts, the
edit page's autosave, the API's Swagger UI, the menu) run without one refusal, and a form that
asks before it is sent (data-confirm) still asks.

Chromium is Debian's (/usr/bin/chromium); without it these tests skip with the reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connections
from django.test import Client
from playwright.sync_api import Browser, Page, sync_playwright
from seeds import SAMPLES

from jixiao.web.orgs.models import Membership, Organisation
from jixiao.web.services.imports import import_file

CHROMIUM = Path("/usr/bin/chromium")
SEED = SAMPLES / "000_6e77f7a237aa1684.txt"


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.ORIGINALS_DIR = tmp_path / "originals"
    settings.DATA_DIR = tmp_path
    bureau = Organisation.objects.create(name="某区财政局", kind=Organisation.Kind.BUREAU)
    department = Organisation.objects.create(
        name="甲街道办事处", kind=Organisation.Kind.DEPARTMENT, parent=bureau
    )
    unit = Organisation.objects.create(
        name="乙市民服务中心", kind=Organisation.Kind.UNIT, parent=department
    )
    users = get_user_model().objects
    admin = users.create_user(username="guanli", password="x")
    Membership.objects.create(user=admin, organisation=bureau, role=Membership.Role.ADMIN)
    filler = users.create_user(username="tianbao", password="x")
    Membership.objects.create(user=filler, organisation=unit, role=Membership.Role.FILLER)
    form = import_file(filler, SEED.name, SEED.read_bytes(), unit=unit).forms[0]
    return {"admin": admin, "filler": filler, "form": form, "department": department}


@pytest.fixture
def browser(live_server, world, monkeypatch) -> Iterator[Browser]:
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


def refused(text: str) -> bool:
    return "Content Security Policy" in text or "Content-Security-Policy" in text


def signed_in(browser: Browser, live_server, user) -> tuple[Page, list[str]]:
    """A window logged in as ``user``, and the list its refusals and script errors go to."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context = browser.new_context(base_url=live_server.url, locale="zh-CN")
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if refused(m.text) else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on(
        "response",
        lambda r: (
            problems.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico")
            else None
        ),
    )
    return page, problems


def test_pages_with_scripts_run_under_the_policy(browser, live_server, world) -> None:
    page, problems = signed_in(browser, live_server, world["admin"])
    form, department = world["form"], world["department"]
    for url in (
        "/dashboard/",
        f"/departments/{department.pk}/{form.year}/",
        f"/forms/{form.pk}/",
        "/forms/upload/",
        f"/orgs/people/{world['filler'].pk}/",
        "/api/docs",
    ):
        response = page.goto(url)
        assert response is not None and response.ok, url
        assert "script-src 'self' 'nonce-" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
        assert problems == [], (url, problems)
    if (Path(settings.STATICFILES_DIRS[0]) / "vendor" / "swagger-ui").exists():
        page.goto("/api/docs")
        page.locator(".swagger-ui .opblock").first.wait_for()
    if (Path(settings.STATICFILES_DIRS[0]) / "vendor" / "echarts.min.js").exists():
        page.goto("/dashboard/")
        assert page.locator("canvas").count() >= 1  # ECharts drew
    assert problems == [], problems


def test_the_edit_page_and_its_autosave_run_under_the_policy(browser, live_server, world) -> None:
    page, problems = signed_in(browser, live_server, world["filler"])
    page.goto(f"/forms/{world['form'].pk}/edit/")
    page.wait_for_load_state("load")
    assert problems == [], problems


def test_a_form_that_asks_first_still_asks(browser, live_server, world) -> None:
    page, problems = signed_in(browser, live_server, world["admin"])
    person = world["filler"]
    page.goto(f"/orgs/people/{person.pk}/")
    asked: list[str] = []

    def answer(dialog) -> None:
        asked.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", answer)
    page.locator("#reset-password").click()
    page.wait_for_load_state("networkidle")
    assert asked == ["为 tianbao 生成新的临时密码？原密码将失效。"]
    person.refresh_from_db()
    assert person.check_password("x")  # dismissed: nothing was sent
    assert problems == [], problems
