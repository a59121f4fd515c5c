"""Steps every browser test takes: logging in and out as a person would, and screenshots."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from playwright.sync_api import Page, expect
from seeds import SAMPLES

# the screenshots in docs/ are refreshed on purpose (JIXIAO_SCREENSHOTS=1 make test); an ordinary
# run writes them to a scratch folder, so a test run leaves the work tree as it was
SCREENSHOTS = (
    Path(__file__).resolve().parents[2] / "docs" / "screenshots"
    if os.environ.get("JIXIAO_SCREENSHOTS") == "1"
    else Path(tempfile.gettempdir()) / "jixiao-screenshots"
)
WIDTH = 1280
SEED_A = SAMPLES / "004_b10b36a27f1da553.txt"  # 公共服务经费 and 民生家园建设经费
PASSWORD = "e2e-浏览器-密码-2026"  # strong enough for the app's validators (length ≥ 10)


def log_in(page: Page, username: str) -> None:
    page.goto("/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.locator("header .user")).to_contain_text(username)


def log_out(page: Page) -> None:
    page.get_by_role("button", name="退出").click()
    expect(page.get_by_role("heading", name="登录")).to_be_visible()


def screenshot(page: Page, name: str, full_page: bool = True) -> Path:
    """A PNG 1280 pixels wide (the whole page, or the first screenful) into SCREENSHOTS."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page, animations="disabled", caret="hide")
    return path
