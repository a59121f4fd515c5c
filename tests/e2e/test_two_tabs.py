"""Two tabs editing one form: the second save shows the conflict page and the merge keeps both
changes; typing is autosaved and offered back after a reload."""

from __future__ import annotations

import re

from browser_steps import PASSWORD, SEED_A, log_in, screenshot
from django.contrib.sessions.models import Session
from playwright.sync_api import Page, expect

from jixiao.web.forms.models import FormRecord
from jixiao.web.services.imports import import_file

PROJECT = "公共服务经费"


def form_of_unit_a(world) -> FormRecord:
    outcome = import_file(world.filler_a, SEED_A.name, SEED_A.read_bytes(), unit=world.unit_a)
    return next(r for r in outcome.forms if r.project_name == PROJECT)


def test_the_second_tab_merges_instead_of_overwriting(page: Page, world) -> None:
    record = form_of_unit_a(world)
    log_in(page, "tianbao_a")
    first = page
    second = page.context.new_page()
    for tab in (first, second):
        tab.goto(f"/forms/{record.pk}/edit/")
        expect(tab.locator("#base-version")).to_have_value("1")

    first.locator("[name='funds.execution_rate']").fill("90.10%")
    first.locator("[name='note']").fill("改正执行率")
    first.locator("#save").click()
    expect(first.get_by_text("已保存为第 2 版")).to_be_visible()

    second.locator("[name='indicators.0.actual']").fill("已保障154名社工待遇")
    second.locator("#save").click()
    expect(second.locator("#conflict-title")).to_have_text("保存冲突：他人已保存了新版本")
    merged = second.locator("#merged")
    expect(merged.locator("tr.merged")).to_have_count(2)  # only what either tab changed
    expect(merged).to_contain_text("项目资金 · 执行率")
    expect(merged).to_contain_text("90.10%")
    expect(merged).to_contain_text("绩效指标“指标1：” · 实际完成值")
    expect(merged).to_contain_text("已保障154名社工待遇")
    screenshot(second, "edit_conflict")
    second.locator("#save-merge").click()
    expect(second.get_by_text("已保存为第 3 版")).to_be_visible()

    latest = record.latest
    assert latest.number == 3
    assert latest.data["funds"]["execution_rate"] == "90.10%"
    assert latest.data["indicators"][0]["actual"] == "已保障154名社工待遇"

    # what changed from 第2版 to 第3版, from the version list
    second.locator("#version-3 .compare-link").click()
    expect(second.locator("#compare-title")).to_have_text("第2版 → 第3版 的变化（1 处）")
    expect(second.locator("table.diff")).to_contain_text("已保障154名社工待遇")
    screenshot(second, "version_compare")


def test_typing_is_autosaved_and_offered_back_after_a_reload(page: Page, world) -> None:
    record = form_of_unit_a(world)
    log_in(page, "tianbao_a")
    page.goto(f"/forms/{record.pk}/edit/")
    expect(page.locator("#draft-offer")).to_be_hidden()
    page.locator("[name='manager']").fill("张三（未保存）")
    expect(page.locator("#autosave-status")).to_contain_text("已自动保存", timeout=10_000)
    assert record.drafts.get().fields["manager"] == "张三（未保存）"

    page.reload()
    expect(page.locator("[name='manager']")).not_to_have_value("张三（未保存）")
    offer = page.locator("#draft-offer")
    expect(offer).to_be_visible()
    expect(offer).to_contain_text("有未保存的修改")
    screenshot(page, "edit_draft_offer", full_page=False)
    page.locator("#draft-restore").click()
    expect(page.locator("[name='manager']")).to_have_value("张三（未保存）")
    page.locator("#save").click()
    expect(page.get_by_text("已保存为第 2 版")).to_be_visible()
    assert record.latest.data["manager"] == "张三（未保存）"
    assert not record.drafts.exists()

    # saved: nothing is offered any more
    page.goto(f"/forms/{record.pk}/edit/")
    expect(page.locator("[name='manager']")).to_have_value("张三（未保存）")
    expect(page.locator("#draft-offer")).to_be_hidden()


def test_a_logged_out_tab_keeps_the_typing_in_the_browser(page: Page, world) -> None:
    record = form_of_unit_a(world)
    log_in(page, "tianbao_a")
    page.goto(f"/forms/{record.pk}/edit/")
    expect(page.locator("#live-count")).not_to_have_text("—")  # the page's first request done
    Session.objects.all().delete()  # the session has expired on the server
    page.locator("[name='phone']").fill("12345678")
    expect(page.locator("#autosave-status")).to_have_text(
        "登录已过期：已在本机保存，请在新标签页重新登录后继续", timeout=10_000
    )
    # saving anyway: the typing is kept in the session, and offered back after logging in
    page.locator("[name='manager']").fill("李四")
    page.locator("#save").click()
    expect(page.get_by_role("heading", name="登录")).to_be_visible()
    page.get_by_label("用户名").fill("tianbao_a")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(re.compile(rf"/forms/{record.pk}/edit/$"))
    expect(page.get_by_text("找到您登录过期前填写的内容")).to_be_visible()
    expect(page.locator("#draft-offer")).to_be_visible()
    page.locator("#draft-restore").click()
    expect(page.locator("[name='phone']")).to_have_value("12345678")
    expect(page.locator("[name='manager']")).to_have_value("李四")
    assert record.latest.number == 1
