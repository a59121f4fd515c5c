"""复核分 in a real browser: the department's reviewer types scores in the form page's 复核评分
table; the 复核后总分 shows there, in the list, on the dashboard and in the Excel download."""

from __future__ import annotations

import io

from browser_steps import SEED_A, log_in, screenshot
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from jixiao.web.forms.models import FormRecord
from jixiao.web.services.imports import import_file


def test_a_reviewer_scores_a_form_and_the_reviewed_total_travels(page: Page, world) -> None:
    outcome = import_file(world.filler_a, SEED_A.name, SEED_A.read_bytes(), unit=world.unit_a)
    record = next(f for f in outcome.forms if f.project_name == "公共服务经费")
    FormRecord.objects.filter(pk=record.pk).update(status=FormRecord.Status.SUBMITTED)
    log_in(page, "shenhe")

    page.goto(f"/forms/{record.pk}/")
    table = page.locator("#reviewed-scores-table")
    expect(page.locator("#reviewed-total")).to_have_text("尚未复核评分")
    table.get_by_label("资金执行的复核分").fill("8")
    table.get_by_label("资金执行的复核说明").fill("执行率按资金重算")
    table.locator('input[name="score:indicators[0]"]').fill("12")  # over its 分值 of 10
    page.locator("#save-reviewed-scores").click()
    expect(page.locator(".messages")).to_contain_text("应在 0 到 10（分值）之间")
    expect(page.locator("#reviewed-total")).to_have_text("尚未复核评分")  # nothing stored

    page.locator('#reviewed-scores-table input[name="score:funds"]').fill("8")
    page.locator('#reviewed-scores-table input[name="score:indicators[0]"]').fill("6.5")
    page.locator("#save-reviewed-scores").click()
    record.refresh_from_db()
    assert record.reviewed_total is not None
    total = format(record.reviewed_total.normalize(), "f")
    expect(page.locator("#reviewed-total")).to_have_text(total)
    expect(page.locator("#reviewed-grade")).to_have_text(record.reviewed_grade)
    page.locator("#reviewed-total-line summary").click()
    expect(page.locator("#reviewed-explanation")).to_contain_text("资金执行 8（复核）")
    screenshot(page, "reviewed_scores")

    page.goto("/forms/?sort=-reviewed")
    first = page.locator("table.list tbody tr").first
    expect(first).to_contain_text("公共服务经费")
    expect(first).to_contain_text(f"{total}（{record.reviewed_grade}）")

    page.goto("/dashboard/")
    expect(page.locator("#reviewed-mean")).to_have_text(total)
    expect(page.locator("#reviewed-grades")).to_contain_text("复核后")

    page.goto(f"/forms/{record.pk}/")
    with page.expect_download() as info:
        page.locator("#xlsx-beijing").click()
    with open(info.value.path(), "rb") as saved:
        book = load_workbook(io.BytesIO(saved.read()))
    values = [v for row in book.worksheets[0].iter_rows(values_only=True) for v in row if v]
    assert "复核后总分" in values and "审核信息" in values
    assert f"{total}（{record.reviewed_grade}）" in values
