"""The written forms open in a real office suite: LibreOffice prints them to PDF, and saves them
again as .docx / .xlsx, and jixiao reads every one of those back as the same forms.

A PDF cannot tell a line break the writer typed from a wrap at the cell's edge, so values of
several lines are compared with their whitespace left out (as tests/read/test_pdf_seed_forms.py
does; where a line wraps after a Latin character, "98.86%" in a narrow column, the reader
also adds a space there). Project names, printed in the widest cell, come back exactly. Four LibreOffice runs, a few seconds each.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pdfplumber
from form_values import declared, values
from office import convert
from seeds import all_seed_forms

from jixiao.extract import extract_forms
from jixiao.model.form import Form
from jixiao.read import read_file
from jixiao.write.forms import write_forms_docx, write_forms_xlsx


def squeezed(found: dict[str, Any]) -> dict[str, Any]:
    return {k: re.sub(r"\s+", "", v) if isinstance(v, str) else v for k, v in found.items()}


def assert_same_in_pdf(back: list[Form], forms: list[Form], drop: tuple[str, ...] = ()) -> None:
    expected, got = values(forms, drop), values(back)
    assert squeezed(got) == squeezed(expected)
    assert [f.project_name.text for f in back] == [f.project_name.text for f in forms]


def test_libreoffice_prints_the_seed_forms_from_word_and_they_read_back(tmp_path: Path):
    forms = all_seed_forms()[::2]  # every other one: reading a long PDF takes a while
    source = tmp_path / "自评表.docx"
    write_forms_docx(forms, source, "beijing")
    pdf = convert(source, "pdf")
    back = extract_forms(read_file(pdf))
    assert len(back) == 25
    assert_same_in_pdf(back, forms)
    with pdfplumber.open(pdf) as document:
        first = document.pages[0]
        assert (round(first.width), round(first.height)) == (595, 842)  # A4 in points
        text = first.extract_text()
        lines = text.split("\n")
        assert lines[0] == "项目支出绩效自评表"  # the title, then the year, above the table
        assert re.sub(r"\s", "", lines[1]) == "（2024年度）"
        assert lines[2].startswith("项目名称 市民服务中心工作经费")
        # each form starts on a page of its own: as many pages open with a title as forms
        titles = sum(1 for page in document.pages if "自评表" in (page.extract_text() or "")[:20])
        assert titles == 25
        tables = first.find_tables()
        assert len(tables) == 1 and len(tables[0].rows[0].cells) == 9  # one nine-column grid


def test_libreoffice_saves_the_word_file_again_and_it_reads_back(tmp_path: Path):
    forms = all_seed_forms()
    source = tmp_path / "财政部版式.docx"
    write_forms_docx(forms, source, "mof-2020")
    again = convert(source, "docx")
    back = extract_forms(read_file(again))
    assert declared(back) == declared(forms, ("manager", "phone"))


def test_libreoffice_saves_the_workbook_again_and_it_reads_back(tmp_path: Path):
    forms = all_seed_forms()
    source = tmp_path / "自评表.xlsx"
    write_forms_xlsx(forms, source, "beijing")
    again = convert(source, "xlsx")
    back = extract_forms(read_file(again))
    assert declared(back) == declared(forms)


def test_libreoffice_prints_each_sheet_of_one_page_forms_on_a_page_and_they_read_back(
    tmp_path: Path,
):
    """Forms short enough for one page: few indicators, no long text. (A longer form's sheet runs over pages; Calc then cuts
    the merged cells at the break in a way jixiao's PDF reader does not rebuild yet.)"""
    forms = [
        f
        for f in all_seed_forms()
        if len(f.indicators) <= 5
        and all(len(v) < 150 for v in values([f]).values() if isinstance(v, str))
    ]
    assert len(forms) >= 4
    source = tmp_path / "短表.xlsx"
    write_forms_xlsx(forms, source, "mof-2020")
    pdf = convert(source, "pdf")
    with pdfplumber.open(pdf) as document:
        assert len(document.pages) == len(forms)  # fitted to the width, one sheet a page
        for page, form in zip(document.pages, forms, strict=True):
            text = page.extract_text()
            assert text.split("\n")[0] == form.title.text
            assert "项目负责人" not in text
    assert_same_in_pdf(extract_forms(read_file(pdf)), forms, ("manager", "phone"))
