"""An .xlsx sheet's merged ranges become spans, and values read as a clerk typed them."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl

from jixiao.read.spreadsheet import read_spreadsheet


def _xlsx() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评表"
    ws["B3"] = "项目名称"
    ws.merge_cells("B3:C3")
    ws["D3"] = "社区养老"
    ws.merge_cells("D3:F3")
    ws["B4"] = "绩效指标"
    ws.merge_cells("B4:B6")
    ws["C4"] = 12.0
    ws["D4"] = 0.3
    ws["D4"].number_format = "0%"
    ws["E4"] = 306852.55
    ws["F4"] = dt.date(2023, 12, 31)
    ws["C5"] = "多行\n文本"
    ws["D5"] = 1e-7
    ws["C6"] = 123456789012.0
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_a_merged_range_becomes_one_cell_with_spans_and_its_value_at_the_top_left() -> None:
    table = read_spreadsheet(_xlsx(), "a.xlsx", "h").tables[0]
    cells = {(c.row, c.col): c for c in table.cells}
    assert (cells[0, 0].text, cells[0, 0].rowspan, cells[0, 0].colspan) == ("项目名称", 1, 2)
    assert (cells[0, 2].text, cells[0, 2].colspan) == ("社区养老", 3)
    assert (cells[1, 0].text, cells[1, 0].rowspan, cells[1, 0].colspan) == ("绩效指标", 3, 1)


def test_cells_covered_by_a_merge_are_not_stored() -> None:
    table = read_spreadsheet(_xlsx(), "a.xlsx", "h").tables[0]
    positions = {(c.row, c.col) for c in table.cells}
    assert not positions & {(0, 1), (0, 3), (0, 4), (2, 0), (3, 0)}
    assert (table.n_rows, table.n_cols) == (4, 5)
    assert len(table.cells) == 4 * 5 - 1 - 2 - 2


def test_empty_leading_rows_and_columns_are_trimmed_but_loc_keeps_the_sheet_position() -> None:
    table = read_spreadsheet(_xlsx(), "a.xlsx", "h").tables[0]
    first = next(c for c in table.cells if (c.row, c.col) == (0, 0))
    assert (table.sheet, table.page) == ("自评表", 1)
    assert (first.loc.sheet, first.loc.page, first.loc.row, first.loc.col) == ("自评表", 1, 2, 1)


def test_numbers_and_dates_read_as_typed() -> None:
    table = read_spreadsheet(_xlsx(), "a.xlsx", "h").tables[0]
    text = {(c.row, c.col): c.text for c in table.cells}
    assert text[1, 1] == "12"  # a whole float shows without ".0"
    assert text[1, 2] == "0.3"  # a percentage cell keeps calamine's float, shortest form
    assert text[1, 3] == "306852.55"
    assert text[1, 4] == "2023-12-31"
    assert text[2, 1] == "多行\n文本"
    assert text[2, 2] == "0.0000001"  # never in exponent form
    assert text[3, 1] == "123456789012"
    assert text[2, 3] == ""


def test_a_formula_result_reads_as_excel_shows_it_without_binary_float_noise() -> None:
    buf = io.BytesIO()
    openpyxl.Workbook().save(buf)
    sheet = (  # what Excel itself writes for =0.1+0.2 and for a division
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1"><f>0.1+0.2</f><v>0.30000000000000004</v></c></row>'
        b'<row r="2"><c r="A2"><f>B2/C2</f><v>0.90101921183775996</v></c></row>'
        b"</sheetData></worksheet>"
    )
    src = zipfile.ZipFile(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            z.writestr(info, sheet if info.filename.endswith("sheet1.xml") else src.read(info))
    cells = read_spreadsheet(out.getvalue(), "a.xlsx", "h").tables[0].cells
    assert [c.text for c in cells] == ["0.3", "0.90101921183776"]
