"""An upload the server refuses answers on the upload page itself, in Chinese, and the page
goes on working (its script is the page's own: nothing is written into it that the page's
Content-Security-Policy would block): a request over the size limit (413, refused before it
is read), then the same page uploads a file that fits."""

from __future__ import annotations

from pathlib import Path

from browser_steps import SEED_A, log_in
from playwright.sync_api import Page, expect


def test_a_refused_upload_says_why_on_the_page_which_then_uploads(
    page: Page, world, settings, tmp_path: Path
) -> None:
    settings.JIXIAO_MAX_REQUEST_BYTES = 200_000
    blocked: list[str] = []
    page.on(
        "console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None
    )
    big = tmp_path / "大.txt"
    big.write_bytes(SEED_A.read_bytes() * (300_000 // len(SEED_A.read_bytes()) + 1))
    log_in(page, "tianbao_a")
    page.goto("/forms/upload/")
    page.locator("#files").set_input_files(str(big))
    page.locator("#upload-button").click()
    expect(page.locator("ul.messages li.error")).to_contain_text("上传内容过大")
    expect(page.locator("ul.messages li.error")).to_contain_text("未读取也未保存")
    expect(page).to_have_url("/forms/upload/")
    # the same page, without reloading, uploads a file that fits
    page.locator("#files").set_input_files(str(SEED_A))
    page.locator("#upload-button").click()
    expect(page.locator("#outcomes")).to_contain_text("读出", timeout=120_000)
    assert blocked == []
