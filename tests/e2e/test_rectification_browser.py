"""整改 in the browser: the reviewer ticks a finding on the form's page and sets a due date, the
unit sees the item in its 待办, starts, uploads evidence and reports it done, the reviewer
confirms it from their 待办; the item's history shows every step."""

from __future__ import annotations

from pathlib import Path

from browser_steps import SEED_A, log_in, log_out, screenshot
from playwright.sync_api import Page, expect

from jixiao.web.rectification.models import RectificationItem
from jixiao.web.services.imports import import_file


def test_a_finding_is_rectified_with_evidence_and_confirmed(page: Page, world, tmp_path) -> None:
    outcome = import_file(world.filler_a, SEED_A.name, SEED_A.read_bytes(), unit=world.unit_a)
    record = next(r for r in outcome.forms if r.project_name == "公共服务经费")
    first = record.latest.findings[0]["message"]

    log_in(page, "shenhe")
    page.goto(f"/forms/{record.pk}/")
    section = page.locator("#rectification-new")  # open while the form has no items
    section.get_by_label(first, exact=False).first.check()
    section.get_by_label("整改要求").fill("按评分规则重新计算并修改自评表")
    section.get_by_label("整改期限").fill("2031-06-30")
    section.get_by_role("button", name="生成整改事项").click()
    expect(page.locator(".messages")).to_contain_text("已生成 1 条整改事项")
    expect(page.locator("#rectification-items")).to_contain_text(first)
    log_out(page)

    log_in(page, "tianbao_a")
    page.goto("/inbox/")
    page.locator("#inbox-rectify").get_by_role("link", name=first).click()
    expect(page.locator("#item-status")).to_have_text("待整改")
    page.get_by_role("button", name="开始整改").click()
    expect(page.locator("#item-status")).to_have_text("整改中")
    evidence = tmp_path / "整改说明.txt"
    evidence.write_text("已重新计算执行率和得分。", encoding="utf-8")
    done = page.locator("form", has=page.get_by_role("button", name="报告整改完成"))
    done.get_by_label("整改情况").fill("已重新计算执行率和得分，修改后的表已重新提交")
    done.locator('input[type="file"]').set_input_files(str(evidence))
    done.get_by_role("button", name="报告整改完成").click()
    expect(page.locator("#item-status")).to_have_text("已整改")
    expect(page.locator("#evidence")).to_contain_text("整改说明.txt")
    with page.expect_download() as download:
        page.locator("#evidence").get_by_role("link", name="整改说明.txt").click()
    assert Path(download.value.path()).read_text(encoding="utf-8") == "已重新计算执行率和得分。"
    log_out(page)

    log_in(page, "shenhe")
    page.goto("/inbox/")
    page.locator("#inbox-confirm").get_by_role("link", name=first).click()
    page.get_by_role("button", name="确认整改").click()
    expect(page.locator("#item-status")).to_have_text("已确认")
    for step in ("提出整改要求", "开始整改", "报告整改完成", "确认整改"):
        expect(page.locator("#history")).to_contain_text(step)
    screenshot(page, "rectification-item")
    assert RectificationItem.objects.get().status == "confirmed"
    page.goto("/rectification/board/")
    expect(page.locator("#board")).to_contain_text("甲街道办事处")
    screenshot(page, "rectification-board", full_page=False)
    page.goto("/rectification/")
    expect(page.locator("#items")).to_contain_text(first)
    screenshot(page, "rectification-list", full_page=False)
