"""A department reviewer opens the department's page, enters its figures, downloads the report."""

from __future__ import annotations

import docx
from browser_steps import log_in, screenshot
from playwright.sync_api import Page, expect


def test_a_reviewer_enters_the_figures_and_downloads_the_department_report(
    page: Page, world, tmp_path
) -> None:
    log_in(page, "shenhe")
    page.goto("/departments/")
    page.locator("#department-years").get_by_role("link", name="甲街道办事处").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("甲街道办事处 2024年度部门整体评价")
    expect(page.locator("#projects")).to_contain_text("市民服务中心工作经费")
    expect(page.locator("#overall-score")).to_contain_text("尚不能计算")

    form = page.locator("#figures-form")
    form.locator("input[name=basic_annual_budget]").fill("696.85")
    form.locator("input[name=basic_executed]").fill("673.06")
    form.locator("input[name=project_annual_budget]").fill("3452.50")
    form.locator("input[name=project_executed]").fill("3452.88")
    form.locator("input[name=balance_end]").fill("23.41")
    page.locator("#save-figures").click()
    expect(page.locator(".messages")).to_contain_text("部门数据已保存")
    expect(page.locator("#rates")).to_contain_text("4125.94 ÷ 4149.35 = 99.44%")
    expect(page.locator("#overall-grade")).to_be_visible()
    screenshot(page, "department_evaluation")

    with page.expect_download() as caught:
        page.get_by_role("link", name="下载部门评价报告（Word）").click()
    path = tmp_path / "report.docx"
    caught.value.save_as(path)
    document = docx.Document(str(path))
    assert document.paragraphs[0].text == "甲街道办事处2024年度部门整体绩效评价报告"
    texts = [p.text for p in document.paragraphs]
    assert any("全年预算数为4149.35万元" in t and "预算执行率99.44%" in t for t in texts)
