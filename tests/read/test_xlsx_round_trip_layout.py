"""A form laid out as the paper form, written to .xlsx and read back, keeps every cell."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from hand_form import hand_form, shape

from jixiao.read.spreadsheet import read_spreadsheet
from jixiao.write.layout import form_table
from jixiao.write.xlsx_grid import write_xlsx


def test_the_read_table_has_the_layouts_rows_texts_and_spans(tmp_path: Path) -> None:
    layout = form_table(hand_form())
    path = tmp_path / "form.xlsx"
    write_xlsx([layout], path)
    doc = read_spreadsheet(path.read_bytes(), str(path), "h")
    assert len(doc.tables) == 1
    assert shape(doc.tables[0]) == shape(layout)


def test_text_that_looks_like_a_formula_or_a_number_stays_text(tmp_path: Path) -> None:
    layout = form_table(hand_form())
    path = tmp_path / "form.xlsx"
    write_xlsx([layout], path)
    texts = {c.text for c in read_spreadsheet(path.read_bytes(), str(path), "h").tables[0].cells}
    assert {"=100%", "118.5", "010-63012345", "93.04%"} <= texts


def test_the_written_sheet_prints_on_a4_with_merges_and_wrapped_text(tmp_path: Path) -> None:
    path = tmp_path / "form.xlsx"
    write_xlsx([form_table(hand_form())], path)
    sheet = openpyxl.load_workbook(path).active
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4 == "9"
    assert "A1:I1" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet["A1"].alignment.wrap_text and sheet["A1"].border.left.style == "thin"
