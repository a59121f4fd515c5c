"""In a browser: a form uploaded as Word, then again as PDF, is one form with two versions; the
result says so and links to what changed; the clerk voids the draft with a reason and it leaves
the list, and restores it."""

from __future__ import annotations

from pathlib import Path

from browser_steps import log_in, screenshot
from fixtures.pdf_writer import write_pdf
from playwright.sync_api import Page, expect
from seeds import seed_forms

from jixiao.web.forms.models import FormRecord
from jixiao.write.docx_grid import write_docx
from jixiao.write.layout import form_table

PROJECT = "市民服务中心工作经费"  # seed 000's form; unit B has it, unit A uploads its own


def upload(page: Page, path: Path) -> None:
    page.goto("/forms/upload/")
    page.locator("#files").set_input_files(str(path))
    page.locator("#upload-button").click()
    expect(page.locator("#outcomes")).to_contain_text(path.name)


def test_word_then_pdf_is_one_form_with_two_versions_and_it_can_be_voided(
    page: Page, world, tmp_path: Path
) -> None:
    [form] = seed_forms("000")
    docx, pdf = tmp_path / "自评表.docx", tmp_path / "自评表.pdf"
    write_docx([form_table(form)], docx)
    write_pdf([form_table(form)], pdf)
    log_in(page, "tianbao_a")

    upload(page, docx)
    expect(page.locator("#outcomes")).to_contain_text("读出 1 张自评表")
    upload(page, pdf)
    outcomes = page.locator("#outcomes")
    expect(outcomes).to_contain_text(
        f"读出 1 张自评表：新建 0 张；1 张是系统中已有的自评表，已保存为新版本（《{PROJECT}》第2版）"
    )
    screenshot(page, "upload_new_version", full_page=False)
    [record] = FormRecord.all_objects.filter(unit=world.unit_a)
    assert record.versions.count() == 2

    outcomes.locator("a.compare-version").click()
    expect(page).to_have_url(f"{page.url.split('/forms/')[0]}/forms/{record.pk}/compare/?a=1&b=2")
    expect(page.locator("#compare-title")).to_contain_text("第1版 → 第2版")

    # the clerk voids the draft: a reason, a confirmation, a banner; gone from the list
    page.goto(f"/forms/{record.pk}/")
    page.locator("#void summary").click()
    screenshot(page, "form_void_reason", full_page=False)
    page.locator("#void-reason").fill("重复上传，作废试用")
    page.locator("#void-confirm").click()
    expect(page.locator("#voided-banner")).to_contain_text("原因：重复上传，作废试用")
    expect(page.locator("#edit")).to_have_count(0)
    screenshot(page, "form_voided", full_page=False)
    page.goto("/forms/")
    expect(page.locator("table.list")).not_to_contain_text(PROJECT)

    page.goto(f"/forms/{record.pk}/")
    page.locator("#unvoid").click()
    expect(page.locator("#voided-banner")).to_have_count(0)
    page.goto("/forms/")
    expect(page.locator("table.list")).to_contain_text(PROJECT)
