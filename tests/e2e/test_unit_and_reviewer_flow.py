"""The whole story in a real browser: a unit uploads, fixes and submits; its department reviews.

Each step asserts what the person sees on the page, not what the database holds.
"""

from __future__ import annotations

import re

from browser_steps import SEED_A, log_in, log_out, screenshot
from playwright.sync_api import Locator, Page, expect

PROJECT = "公共服务经费"
RETURN_COMMENT = "执行率已改正，总分仍有误，请核对后重新提交。"
FINDING_COMMENT = "总分填报为 1000，应为 99.01。"


def nav(page: Page, name: str) -> None:
    page.locator("header").get_by_role("link", name=name, exact=True).click()


def findings(page: Page, code: str) -> Locator:
    return page.locator(f"ol.findings li[data-code='{code}']")


def live_findings(page: Page, code: str) -> Locator:
    return page.locator(f"#live-findings li[data-code='{code}']")


def open_from_list(page: Page, query: str = "") -> None:
    page.goto(f"/forms/{query}")
    page.locator("table.list").get_by_role("link", name=PROJECT, exact=True).click()
    expect(page.locator("table.paper").first).to_contain_text(PROJECT)


def test_a_unit_fixes_its_form_and_its_department_returns_then_approves_it(
    page: Page, world
) -> None:
    # the filler of unit A uploads the seed document through the upload page
    log_in(page, "tianbao_a")
    nav(page, "上传")
    page.locator("#files").set_input_files(str(SEED_A))
    page.locator("#upload-button").click()
    outcomes = page.locator("#outcomes")
    expect(outcomes).to_contain_text(SEED_A.name)
    expect(outcomes).to_contain_text("读出 2 张自评表")
    expect(outcomes.get_by_role("link", name="民生家园建设经费")).to_be_visible()
    screenshot(page, "upload_result")

    # the form as on paper, with the rate that does not match the money
    outcomes.get_by_role("link", name=PROJECT).click()
    expect(page.locator(".status-draft")).to_have_text("草稿")
    expect(findings(page, "FUNDS_RATE_MISMATCH")).to_contain_text("执行率应为 90.10%")
    expect(findings(page, "TOTAL_SCORE_MISMATCH")).to_be_visible()
    expect(page.get_by_text("第 1 版").first).to_be_visible()
    screenshot(page, "form_with_findings")

    # correct the rate and its score; the live preview drops the findings as they are typed
    page.locator("#edit").click()
    expect(live_findings(page, "FUNDS_RATE_MISMATCH")).to_have_count(1)
    page.locator("input[name='funds.execution_rate']").fill("90.10%")
    page.locator("input[name='funds.score']").fill("9.01")
    expect(live_findings(page, "FUNDS_RATE_MISMATCH")).to_have_count(0)
    expect(live_findings(page, "FUNDS_SCORE_MISMATCH")).to_have_count(0)
    expect(live_findings(page, "TOTAL_SCORE_MISMATCH")).to_have_count(1)
    expect(page.locator("#live-rate")).to_have_text("90.10%")
    expect(page.locator("#live-funds")).to_have_text("9.01")
    screenshot(page, "edit_with_live_preview")
    page.locator("input[name='note']").fill("按全年执行数核对执行率和得分")
    page.locator("#save").click()

    expect(page.locator("ul.messages")).to_contain_text("已保存为第 2 版。")
    expect(page.locator("p.no-print").first).to_contain_text("第 2 版")
    expect(findings(page, "FUNDS_RATE_MISMATCH")).to_have_count(0)
    expect(findings(page, "FUNDS_SCORE_MISMATCH")).to_have_count(0)
    page.locator("#submit").click()
    expect(page.locator("ul.messages")).to_contain_text("已提交，等待审核。")
    expect(page.locator(".status-submitted").first).to_have_text("已提交")
    expect(page.locator("#edit")).to_have_count(0)
    form_url = page.url
    response = page.goto(f"{form_url}edit/")
    assert response is not None and response.status == 403
    expect(page.locator("main")).to_contain_text("这张自评表现在不能修改。")
    log_out(page)

    # the department's reviewer finds it in the queue and returns it with a comment (the bureau
    # has no reviewer here, so the department's is the only review level)
    log_in(page, "shenhe")
    nav(page, "审核队列")
    expect(page).to_have_url(re.compile(r"/forms/queue/$"))
    queue = page.locator("#queue tbody")
    expect(queue.locator("tr")).to_have_count(1)
    expect(queue).to_contain_text(PROJECT)
    expect(queue).to_contain_text("已提交 · 待主管部门审核")
    queue.get_by_role("link", name=PROJECT).click()
    expect(page.locator("#return-form")).to_be_visible()
    findings(page, "TOTAL_SCORE_MISMATCH").locator("input").fill(FINDING_COMMENT)
    page.locator("#return-comment").fill(RETURN_COMMENT)
    screenshot(page, "reviewer_return_form")
    page.locator("#return-submit").click()
    expect(page.locator("ul.messages")).to_contain_text("已退回填报单位。")
    expect(page.locator(".status-returned").first).to_have_text("已退回")
    log_out(page)

    # the filler sees it returned with the comment, fixes the total and submits again
    log_in(page, "tianbao_a")
    expect(page.locator("table.list tbody")).to_contain_text("已退回")
    open_from_list(page)
    expect(page.locator(".status-returned").first).to_have_text("已退回")
    # the comments show in the banner at the top and in the history below (and, folded, in the
    # review record)
    expect(page.get_by_text(RETURN_COMMENT, exact=True).first).to_be_visible()
    expect(page.get_by_text(f"[TOTAL_SCORE_MISMATCH] {FINDING_COMMENT}").last).to_be_visible()
    page.locator("#edit").click()
    expect(live_findings(page, "TOTAL_SCORE_MISMATCH")).to_have_count(1)
    page.locator("input[name='total_score']").fill("99.01")
    expect(live_findings(page, "TOTAL_SCORE_MISMATCH")).to_have_count(0)
    page.locator("#save").click()
    expect(page.locator("p.no-print").first).to_contain_text("第 3 版")
    expect(findings(page, "TOTAL_SCORE_MISMATCH")).to_have_count(0)
    page.locator("#submit").click()
    expect(page.locator(".status-submitted").first).to_have_text("已提交")
    log_out(page)

    # the reviewer approves; the list shows it approved
    log_in(page, "shenhe")
    open_from_list(page, "?status=submitted")
    expect(page.locator("#return-form")).to_be_visible()
    page.locator("#approve-open").click()  # the approval asks for a confirmation
    expect(page.locator("#approve-form")).to_contain_text("这张表没有错误。")
    page.locator("#approve").click()
    expect(page.locator("ul.messages")).to_contain_text("已审核通过。")
    expect(page.locator(".status-approved").first).to_have_text("已审核")
    nav(page, "自评表")
    row = page.locator("table.list tbody tr").filter(has_text=PROJECT)
    expect(row.locator("td.status-approved")).to_contain_text("已审核")  # and its open comments
    screenshot(page, "reviewer_list_approved")

    # the dashboard counts it, and its number leads back to the form
    nav(page, "总览")
    expect(page.locator("#status-approved")).to_have_text("1")
    screenshot(page, "dashboard")
    page.locator("#status-approved a").click()
    expect(page.locator("table.list tbody tr").filter(has_text=PROJECT)).to_have_count(1)


def test_a_filler_cannot_open_another_units_form_by_its_address(page: Page, world) -> None:
    log_in(page, "tianbao_a")
    response = page.goto(f"/forms/{world.form_b.pk}/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", name="没有找到")).to_be_visible()
    expect(page.locator("main")).to_contain_text("没有这一页，或您无权查看。")
    expect(page.get_by_text(world.form_b.project_name)).to_have_count(0)
    for path in ("edit/", "original/", "v1/"):
        assert page.goto(f"/forms/{world.form_b.pk}/{path}").status == 404
    page.goto("/forms/")
    expect(page.locator("table.list tbody")).not_to_contain_text(world.form_b.project_name)


def test_the_admin_imports_the_samples_in_one_click(page: Page, admin: str) -> None:
    log_in(page, admin)
    expect(page.get_by_role("heading", name="自评表（0 张）")).to_be_visible()
    page.locator("#import-samples").click()
    expect(page.locator("ul.messages")).to_contain_text("50 张自评表")
    expect(page.get_by_role("heading", name="自评表（50 张）")).to_be_visible()
    expect(page.locator("table.list tbody tr")).to_have_count(50)
    expect(page.locator("#import-samples")).to_have_count(0)
    screenshot(page, "forms_list", full_page=False)
