"""Forms stacked on one sheet stay in one table; several sheets give several tables."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from hand_form import hand_form

from jixiao.read.spreadsheet import read_spreadsheet
from jixiao.write.layout import form_table
from jixiao.write.xlsx_grid import write_xlsx


def test_two_forms_stacked_on_one_sheet_read_as_one_table_holding_both(tmp_path: Path) -> None:
    form = hand_form()
    other = hand_form("第二个项目")
    first, second = form_table(form), form_table(other)
    path = tmp_path / "stacked.xlsx"
    write_xlsx([first, second], path, one_sheet=True)
    doc = read_spreadsheet(path.read_bytes(), str(path), "h")
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.n_rows == first.n_rows + 1 + second.n_rows
    titles = [c.row for c in table.cells if c.text == "项目支出绩效自评表"]
    assert titles == [0, first.n_rows + 1]
    names = [c.text for c in table.cells if c.text in ("社区养老服务驿站运营补贴", "第二个项目")]
    assert names == ["社区养老服务驿站运营补贴", "第二个项目"]
    blank = [c for c in table.cells if c.row == first.n_rows]
    assert [c.text for c in blank] == [""] * 9


def test_each_sheet_becomes_its_own_table_named_and_numbered_by_its_sheet(tmp_path: Path) -> None:
    form = hand_form()
    first, second = form_table(form), form_table(form)
    first.sheet, second.sheet = "项目一", "项目二"
    path = tmp_path / "sheets.xlsx"
    write_xlsx([first, second], path)
    doc = read_spreadsheet(path.read_bytes(), str(path), "h")
    assert [(t.index, t.sheet, t.page) for t in doc.tables] == [(0, "项目一", 1), (1, "项目二", 2)]
    assert all(c.loc.sheet == "项目二" and c.loc.table == 1 for c in doc.tables[1].cells)


def test_an_empty_sheet_gives_no_table(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "空白"
    wb.create_sheet("数据")["C2"] = "只有一格"
    path = tmp_path / "empty.xlsx"
    wb.save(path)
    doc = read_spreadsheet(path.read_bytes(), str(path), "h")
    assert [(t.sheet, t.page) for t in doc.tables] == [("数据", 2)]
    assert [c.text for c in doc.tables[0].cells] == ["只有一格"]
