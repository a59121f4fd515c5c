"""The browser tests' world: a real server, a real database, a real headless Chromium.

pytest-django's `live_server` serves the application from a thread against the test database
(`transactional_db`, so the server sees what the test writes). The organisation tree, the people
and the other unit's form are made the way the application makes them: the models' managers,
`create_user`, the `bootstrap` command and the import service, never raw SQL.

Chromium is Debian's (`apt-get install chromium`), never one downloaded by `playwright install`;
without /usr/bin/chromium every test here skips with the reason.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser_steps import PASSWORD, WIDTH
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connections
from playwright.sync_api import Browser, Page, expect, sync_playwright
from seeds import SAMPLES

from jixiao.web.forms.models import FormRecord
from jixiao.web.orgs.models import Membership, Organisation
from jixiao.web.services.imports import import_file

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SEED_B = SAMPLES / "000_6e77f7a237aa1684.txt"

expect.set_options(timeout=15_000)


@dataclass
class World:
    bureau: Organisation
    department: Organisation
    unit_a: Organisation
    unit_b: Organisation
    filler_a: object
    reviewer: object
    form_b: FormRecord  # a form of unit B, which the filler of unit A must never see


@pytest.fixture
def server(live_server, transactional_db, settings, tmp_path: Path) -> str:
    """The live server's address, with uploaded originals kept under this test's tmp folder."""
    settings.ORIGINALS_DIR = tmp_path / "originals"
    settings.DATA_DIR = tmp_path  # the sample accounts file bootstrap writes, too
    return live_server.url


@pytest.fixture
def browser(server: str, monkeypatch) -> Iterator[Browser]:
    """A Chromium for one test, started after the database and the server, stopped before them.

    Playwright's sync API runs an event loop in this thread while it lives. The ORM calls the test
    makes meanwhile are still plain synchronous calls, so Django's guard against ORM use inside a
    coroutine may stand down for that time; the database is flushed after the loop has gone.
    """
    if not CHROMIUM.exists():
        pytest.skip(
            "browser tests need Debian's Chromium at /usr/bin/chromium (apt-get install chromium)"
        )
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # ORM calls made while Playwright's loop ran kept their connection in that loop's
        # context, where the test database's teardown cannot see it: close it here
        connections.close_all()


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    """A fresh browser window, 1280 pixels wide, speaking Chinese.

    Playwright's `wait_for_function` compiles its predicate with eval, which the site's
    Content-Security-Policy refuses: these windows bypass the policy, which has its own browser
    test (tests/web/test_hardening_csp_browser.py) in windows that do not."""
    context = browser.new_context(
        base_url=server, viewport={"width": WIDTH, "height": 900}, locale="zh-CN", bypass_csp=True
    )
    page = context.new_page()
    yield page
    context.close()


def _user(name: str, org: Organisation, role: str) -> object:
    user = get_user_model().objects.create_user(username=name, password=PASSWORD)
    Membership.objects.create(user=user, organisation=org, role=role)
    return user


@pytest.fixture
def world(server: str) -> World:
    """A bureau → a department → units A and B; a filler of A, a reviewer of the department."""
    bureau = Organisation.objects.create(name="某区财政局", kind=Organisation.Kind.BUREAU)
    department = Organisation.objects.create(
        name="甲街道办事处", kind=Organisation.Kind.DEPARTMENT, parent=bureau
    )
    unit_a = Organisation.objects.create(
        name="甲社区建设办公室", kind=Organisation.Kind.UNIT, parent=department
    )
    unit_b = Organisation.objects.create(
        name="乙市民服务中心", kind=Organisation.Kind.UNIT, parent=department
    )
    filler_a = _user("tianbao_a", unit_a, Membership.Role.FILLER)
    filler_b = _user("tianbao_b", unit_b, Membership.Role.FILLER)
    reviewer = _user("shenhe", department, Membership.Role.REVIEWER)
    outcome = import_file(filler_b, SEED_B.name, SEED_B.read_bytes(), unit=unit_b)
    assert outcome.forms and not outcome.error
    return World(bureau, department, unit_a, unit_b, filler_a, reviewer, outcome.forms[0])


@pytest.fixture
def admin(server: str, monkeypatch) -> str:
    """The first administrator, made as `make run` makes it: `manage.py bootstrap`, with the
    bureau named in the environment (without it the administrator would first be asked for it)."""
    monkeypatch.setenv("JIXIAO_ADMIN_USER", "admin")
    monkeypatch.setenv("JIXIAO_ADMIN_PASSWORD", PASSWORD)
    monkeypatch.setenv("JIXIAO_BUREAU_NAME", "某区财政局")
    monkeypatch.setenv("JIXIAO_BUREAU_CODE", "110000")
    call_command("bootstrap", stdout=io.StringIO())
    return "admin"
