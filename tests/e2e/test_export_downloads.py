"""Downloads in a real browser: a form as Word, the list's selection as a dataset, the template.

Each file the browser saves is opened again: the Word form by jixiao's reader, the CSV as text.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from browser_steps import SEED_A, log_in, screenshot
from playwright.sync_api import Page, expect

from jixiao.extract.forms import extract_forms
from jixiao.read import read_file
from jixiao.web.services.imports import import_file


def test_a_unit_downloads_its_form_its_dataset_and_next_years_template(
    page: Page, world, tmp_path: Path
) -> None:
    outcome = import_file(world.filler_a, SEED_A.name, SEED_A.read_bytes(), unit=world.unit_a)
    assert len(outcome.forms) == 2
    log_in(page, "tianbao_a")

    # the form page offers the official layouts; the Word file holds the same form
    page.goto("/forms/")
    page.locator("table.list").get_by_role("link", name="公共服务经费", exact=True).click()
    with page.expect_download() as info:
        page.locator("#docx-beijing").click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.name == "公共服务经费.docx"
    [form] = extract_forms(read_file(saved))
    assert form.project_name.text == "公共服务经费"
    assert form.funds.total.annual_budget.text == "2175.9657"

    # from the list, filtered to 2020, to the export page: the indicators as CSV
    page.goto("/forms/?year=2020")
    page.locator("#export-page").click()
    expect(page.get_by_role("heading", name="导出选中的自评表（2 张）")).to_be_visible()
    page.get_by_label("数据集 CSV").check()
    screenshot(page, "export_page")
    with page.expect_download() as info:
        page.locator("#download").click()
    text = Path(info.value.path()).read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    projects = {row[rows[0].index("project_name")] for row in rows[1:]}
    assert projects == {"公共服务经费", "民生家园建设经费"}  # unit B's form is not in the file

    # next year's template from the form: the same indicators, nothing achieved yet
    page.goto("/forms/")
    page.locator("table.list").get_by_role("link", name="公共服务经费", exact=True).click()
    with page.expect_download() as info:
        page.locator("#template-next-year").click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.name == "公共服务经费-2021年度填报模板.xlsx"
    [next_year] = extract_forms(read_file(saved))
    assert next_year.year == 2021 and next_year.indicators
