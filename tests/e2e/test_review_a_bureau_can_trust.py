"""Issue 11's review, end to end in a real browser, as the department, the bureau and the clerk
live it: the department batch-passes three forms (the one with errors only with a reason), the
bureau returns one to the unit with a comment in a cell, the clerk marks it fixed and hands it
in again, the department and the bureau pass it (the bureau confirming the fix and giving its
复核分), the bureau reopens it with a reason; the reviewed total is in the list, the dashboard and
the Excel export."""

from __future__ import annotations

import io

from browser_steps import PASSWORD, SEED_A, log_in, log_out
from django.contrib.auth import get_user_model
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from jixiao.web.forms.models import FormRecord
from jixiao.web.orgs.models import Membership
from jixiao.web.services.imports import import_file
from jixiao.web.services.workflow import submit_form

PROJECT = "公共服务经费"  # 3 error findings
REASON = "错误系填报口径问题，已与单位核实，不影响自评结论。"
CELL = "indicators.0.actual"
COMMENT = "实际完成值请写明完成的数量"


def cell(page: Page, path: str):
    return page.locator(f'td[id="cell-{path}"]')


def test_a_form_through_two_levels_a_cell_comment_scores_and_a_reopening(page: Page, world):
    bureau = get_user_model().objects.create_user(username="caizheng", password=PASSWORD)
    Membership.objects.create(user=bureau, organisation=world.bureau, role=Membership.Role.REVIEWER)
    outcome = import_file(world.filler_a, SEED_A.name, SEED_A.read_bytes(), unit=world.unit_a)
    for form in outcome.forms:
        submit_form(form, world.filler_a)
    submit_form(world.form_b, get_user_model().objects.get(username="tianbao_b"))
    form = next(r for r in outcome.forms if r.project_name == PROJECT)
    url = f"/forms/{form.pk}/"

    # the department: batch pass; the form with errors is skipped until a reason is written
    log_in(page, "shenhe")
    page.goto("/forms/queue/")
    page.locator("#check-all").check()
    page.locator("#batch-approve").click()
    expect(page.locator("ul.messages")).to_contain_text(
        f"跳过《{PROJECT}》：这张表有 3 条错误，审核通过须写明理由"
    )
    page.locator("#check-all").check()
    page.locator("#batch-reason").fill(REASON)
    page.locator("#batch-approve").click()
    expect(page.locator("main")).to_contain_text("没有等待您审核的自评表。")
    log_out(page)

    # the bureau returns it to the unit with a comment in one cell
    log_in(page, "caizheng")
    page.goto(url)
    expect(page.locator("#review-label")).to_have_text("已提交 · 待财政局审核")
    cell(page, CELL).locator("summary").click()
    cell(page, CELL).locator(f'input[name="cell:{CELL}"]').fill(COMMENT)
    page.locator("#return-submit").click()
    expect(page.locator("ul.messages")).to_contain_text("已退回填报单位。")
    log_out(page)

    # the clerk finds the comment at the top and at its cell, marks it fixed, hands it in again
    log_in(page, "tianbao_a")
    page.goto(url)
    banner = page.locator("#comments-banner")
    expect(banner).to_contain_text(COMMENT)
    expect(cell(page, CELL)).to_contain_text("💬")
    banner.get_by_label("修改说明").fill("已写明 12 次")
    banner.get_by_role("button", name="已修改").click()
    expect(page.locator("#comments-banner")).to_contain_text("修改说明：已写明 12 次")
    page.locator("#submit").click()
    expect(page.locator("#review-label")).to_have_text("已提交 · 待主管部门审核")
    log_out(page)

    # the department passes it again, with its reason
    log_in(page, "shenhe")
    page.goto(url)
    page.locator("#approve-open").click()
    page.locator("#approve-reason").fill(REASON)
    page.locator("#approve").click()
    expect(page.locator("ul.messages")).to_contain_text("现在：已提交 · 待财政局审核")
    log_out(page)

    # the bureau confirms the fix, gives its 复核分, approves, and reopens it with a reason
    log_in(page, "caizheng")
    page.goto(url)
    page.locator("#comments-banner").get_by_role("button", name="确认").click()
    expect(page.locator("#comments-banner")).to_contain_text("全部已确认")
    page.locator('#reviewed-scores-table input[name="score:funds"]').fill("8")
    page.locator("#save-reviewed-scores").click()
    expect(page.locator("#reviewed-total")).not_to_have_text("尚未复核评分")
    record = FormRecord.objects.get(pk=form.pk)
    assert record.reviewed_total is not None
    total = format(record.reviewed_total.normalize(), "f")  # as every page shows it
    expect(page.locator("#reviewed-total")).to_have_text(total)
    page.locator("#approve-open").click()
    page.locator("#approve-reason").fill(REASON)
    page.locator("#approve").click()
    expect(page.locator("#review-label")).to_have_text("已审核")
    page.locator("#reopen-open").click()
    page.locator("#reopen-reason").fill("年终抽查：执行数需复核")
    page.locator("#reopen").click()
    expect(page.locator("ul.messages")).to_contain_text("已重新打开。")

    # the reviewed total in the list, the dashboard and the Excel download
    page.goto("/forms/?sort=-reviewed")
    expect(page.locator("table.list tbody tr").first).to_contain_text(
        f"{total}（{record.reviewed_grade}）"
    )
    page.goto("/dashboard/")
    expect(page.locator("#reviewed-mean")).to_have_text(total)
    page.goto(url)
    with page.expect_download() as info:
        page.locator("#xlsx-beijing").click()
    with open(info.value.path(), "rb") as saved:
        book = load_workbook(io.BytesIO(saved.read()))
    values = [v for row in book.worksheets[0].iter_rows(values_only=True) for v in row if v]
    assert f"{total}（{record.reviewed_grade}）" in values
