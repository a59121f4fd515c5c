"""A cell comment in a real browser: the reviewer types it in the cell and returns the form; the
clerk finds it at the top and at its cell, marks it 已修改 with a note; the reviewer confirms it."""

from __future__ import annotations

from browser_steps import SEED_A, log_in, log_out, screenshot
from playwright.sync_api import Page, expect

from jixiao.web.services.imports import import_file

CELL = "indicators.0.actual"
COMMENT = "实际完成值请写明完成的数量"


def cell(page: Page, path: str):
    return page.locator(f'td[id="cell-{path}"]')


def test_a_cell_comment_is_returned_fixed_and_confirmed(page: Page, world) -> None:
    outcome = import_file(world.filler_a, SEED_A.name, SEED_A.read_bytes(), unit=world.unit_a)
    form = next(r for r in outcome.forms if r.project_name == "公共服务经费")
    url = f"/forms/{form.pk}/"

    log_in(page, "tianbao_a")
    page.goto(url)
    page.locator("#submit").click()
    log_out(page)

    # the reviewer opens the cell's 写意见, types, and sends the form back
    log_in(page, "shenhe")
    page.goto(url)
    cell(page, CELL).locator("summary").click()
    cell(page, CELL).locator(f'input[name="cell:{CELL}"]').fill(COMMENT)
    cell(page, CELL).scroll_into_view_if_needed()
    screenshot(page, "comment_in_a_cell", full_page=False)
    page.locator('#return-form button[type="submit"]').click()
    expect(page.locator(".messages")).to_contain_text("已退回填报单位")
    log_out(page)

    # the clerk sees it at the top and at its cell
    log_in(page, "tianbao_a")
    page.goto(url)
    banner = page.locator("#comments-banner")
    expect(banner).to_contain_text("待修改 1")
    expect(banner).to_contain_text(COMMENT)
    expect(cell(page, CELL)).to_have_class("sev- has-comment")
    expect(cell(page, CELL)).to_contain_text("💬")
    screenshot(page, "comment_banner", full_page=False)
    banner.get_by_role("link", name="查看位置").click()
    assert page.url.endswith(f"#cell-{CELL}")
    screenshot(page, "comment_at_its_cell", full_page=False)
    # and beside the field when editing
    page.goto(f"{url}edit/")
    beside = page.locator(f'.field-comment[data-field="{CELL}"]')
    expect(beside).to_contain_text(COMMENT)
    expect(page.locator("#edit-comments")).to_contain_text("审核意见（1 条待处理）")
    beside.scroll_into_view_if_needed()
    screenshot(page, "comment_beside_its_field", full_page=False)
    page.goto(url)
    banner = page.locator("#comments-banner")
    # 已修改 needs a note
    banner.get_by_label("修改说明").fill("已改为 12 次")
    banner.get_by_role("button", name="已修改").click()
    expect(page.locator(".messages")).to_contain_text("已标记为已修改")
    expect(page.locator("#comments-banner")).to_contain_text("修改说明：已改为 12 次")
    log_out(page)

    # the reviewer confirms it
    log_in(page, "shenhe")
    page.goto(url)
    page.locator("#comments-banner").get_by_role("button", name="确认").click()
    expect(page.locator("#comments-banner")).to_contain_text("全部已确认")
