"""A 申报表 edited in two tabs, as a 自评表 is: the second save merges both changes, the version
list compares them, typing is autosaved and offered back after a reload, and the document is
voided and restored from its page."""

from __future__ import annotations

from browser_steps import log_in, screenshot
from playwright.sync_api import Page, expect

from jixiao.web.documents import editing
from jixiao.web.forms.models import FormRecord
from jixiao.web.services import documents


def targets_of_unit_a(world) -> FormRecord:
    """A 申报表 of unit A typed in the browser: blank, then the goal and one indicator."""
    blank = editing.blank("targets", world.unit_a.name, "甲街道办事处", 2021)
    record = documents.create_document(world.unit_a, "targets", blank, world.filler_a, note="新建")
    data = {
        **blank.to_json_dict(),
        "project_name": "社区服务经费",
        "annual_goal": "保障社区服务",
        "funds": {"total": "100", "appropriation": "100", "other": "0", "unit": "万元"},
    }
    data["indicators"][0] = {**data["indicators"][0], "name": "服务人次", "target": "≥1000人次"}
    document = type(blank).from_json_dict(data)
    documents.save_document(record, document, world.filler_a, note="填写")
    record.refresh_from_db()
    return record


def test_the_second_tab_merges_a_targets_form(page: Page, world) -> None:
    record = targets_of_unit_a(world)
    log_in(page, "tianbao_a")
    first, second = page, page.context.new_page()
    for tab in (first, second):
        tab.goto(f"/targets/{record.pk}/edit/")
        expect(tab.locator("#base-version")).to_have_value("2")

    first.locator("#field-annual_goal").fill("保障社区服务，提高满意度")
    first.locator("#save").click()
    expect(first.get_by_text("已保存为新版本")).to_be_visible()

    second.locator("[name='indicators.0.target']").fill("≥1200人次")
    second.locator("#save").click()
    expect(second.locator("#conflict-title")).to_have_text("保存冲突：他人已保存了新版本")
    merged = second.locator("#merged")
    expect(merged.locator("tr.merged")).to_have_count(2)
    # the blank form's rows of levels only, gone at the first save, are no row removed
    expect(second.locator(".merge-note")).to_have_count(0)
    expect(merged).to_contain_text("年度目标")
    expect(merged).to_contain_text("绩效指标“服务人次” · 指标值")
    screenshot(second, "targets_merge")
    second.locator("#save-merge").click()
    expect(second.get_by_text("已保存为新版本")).to_be_visible()
    latest = record.latest
    assert latest.number == 4
    assert latest.data["annual_goal"] == "保障社区服务，提高满意度"
    assert latest.data["indicators"][0]["target"] == "≥1200人次"

    second.locator("#versions li").first.locator(".compare-link").click()
    expect(second.locator("#compare-title")).to_have_text("第3版 → 第4版 的变化（1 处）")
    expect(second.locator("table.diff")).to_contain_text("≥1200人次")


def test_typing_on_a_targets_form_is_offered_back_then_it_is_voided(page: Page, world) -> None:
    record = targets_of_unit_a(world)
    log_in(page, "tianbao_a")
    page.goto(f"/targets/{record.pk}/edit/")
    expect(page.locator("#draft-offer")).to_be_hidden()
    page.locator("#field-phone").fill("010-88886666")
    expect(page.locator("#autosave-status")).to_contain_text("已自动保存", timeout=10_000)
    page.reload()
    expect(page.locator("#draft-offer")).to_be_visible()
    page.locator("#draft-restore").click()
    expect(page.locator("#field-phone")).to_have_value("010-88886666")
    page.locator("#save").click()
    expect(page.get_by_text("已保存为新版本")).to_be_visible()
    assert record.latest.data["phone"] == "010-88886666"

    page.locator("#void summary").click()
    page.locator("#void-reason").fill("项目取消")
    page.locator("#void-confirm").click()
    expect(page.locator("#voided-banner")).to_contain_text("原因：项目取消")
    page.goto("/targets/")
    expect(page.get_by_text("社区服务经费")).to_have_count(0)
    page.goto(f"/targets/{record.pk}/")
    page.locator("#unvoid").click()
    expect(page.get_by_text("已恢复：这张绩效目标申报表重新计入列表和统计。")).to_be_visible()
