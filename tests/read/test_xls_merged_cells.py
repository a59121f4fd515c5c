"""A legacy .xls (BIFF) sheet's merged ranges become spans, as in .xlsx."""

from __future__ import annotations

import io

import xlwt

from jixiao.read import read_bytes
from jixiao.read.spreadsheet import read_spreadsheet


def _xls() -> bytes:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("表一")
    sheet.write_merge(0, 0, 0, 3, "项目支出绩效自评表")
    sheet.write_merge(1, 3, 0, 0, "绩效指标")
    sheet.write(1, 1, "产出指标")
    sheet.write_merge(1, 2, 2, 3, "数量指标")
    sheet.write(2, 1, 15.0)
    sheet.write(3, 1, 0.25)
    sheet.write(3, 3, "≥95%")
    book.add_sheet("表二").write(4, 2, "第二张")
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def test_xls_merges_become_spans_with_the_value_at_the_top_left() -> None:
    doc = read_spreadsheet(_xls(), "a.xls", "h")
    assert doc.format == "xls"
    table = doc.tables[0]
    got = sorted((c.row, c.col, c.rowspan, c.colspan, c.text) for c in table.cells)
    assert got == [
        (0, 0, 1, 4, "项目支出绩效自评表"),
        (1, 0, 3, 1, "绩效指标"),
        (1, 1, 1, 1, "产出指标"),
        (1, 2, 2, 2, "数量指标"),
        (2, 1, 1, 1, "15"),
        (3, 1, 1, 1, "0.25"),
        (3, 2, 1, 1, ""),
        (3, 3, 1, 1, "≥95%"),
    ]


def test_each_xls_sheet_is_a_table_trimmed_to_its_content() -> None:
    doc = read_spreadsheet(_xls(), "a.xls", "h")
    assert [(t.sheet, t.page, t.n_rows, t.n_cols) for t in doc.tables] == [
        ("表一", 1, 4, 4),
        ("表二", 2, 1, 1),
    ]
    only = doc.tables[1].cells[0]
    assert (only.text, only.loc.row, only.loc.col) == ("第二张", 4, 2)


def test_an_xls_workbook_named_xlsx_is_read_as_a_workbook_not_sent_to_libreoffice() -> None:
    doc = read_bytes(_xls(), "改了扩展名.xlsx")
    assert doc.format == "xls"
    assert doc.tables[0].cells[0].text == "项目支出绩效自评表"
