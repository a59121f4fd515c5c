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


def test_libreoffice_prints_each_sheet_from_a_new_page_and_the_forms_read_back(tmp_path: Path):
    """A short form's sheet fills one page; a longer one runs over pages, Calc cutting the
    merged 绩效指标 and 一级指标 cells at the break, and reads back whole all the same.

    One seed form is left out: its goals (1,370 characters) are longer than the tallest row a
    sheet can have (409 points), so Calc prints them over the cells below and the printed form
    cannot be read, by jixiao or by a person."""
    forms = [f for f in all_seed_forms() if f.project_name.text != "办事处事权补助资金"]
    short = [
        i
        for i, f in enumerate(forms)
        if len(f.indicators) <= 5
        and all(len(v) < 150 for v in values([f]).values() if isinstance(v, str))
    ]
    assert len(forms) == 49 and len(short) >= 4
    source = tmp_path / "自评表.xlsx"
    write_forms_xlsx(forms, source, "mof-2020")
    pdf = convert(source, "pdf")
    with pdfplumber.open(pdf) as document:
        firsts = [
            n
            for n, page in enumerate(document.pages)
            if (page.extract_text() or "").split("\n")[0].endswith("自评表")
        ]
        assert len(firsts) == len(forms)  # every sheet starts a page of its own
        assert len(document.pages) > len(forms)  # and some run over more than one
        ends = [*firsts[1:], len(document.pages)]
        for i in short:  # fitted to the width, a short sheet is one page
            assert ends[i] - firsts[i] == 1
        assert "项目负责人" not in (document.pages[0].extract_text() or "")
    back = extract_forms(read_file(pdf))
    assert [f.source.page for f in back] == [n + 1 for n in firsts]
    assert_same_in_pdf(back, forms, ("manager", "phone"))
