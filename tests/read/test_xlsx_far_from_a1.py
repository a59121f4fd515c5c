"""A sheet whose only content is far from A1 reads at once, without building the empty area."""

from __future__ import annotations

import io

import openpyxl

from jixiao.read.spreadsheet import read_spreadsheet


def test_one_cell_far_from_a1_keeps_its_sheet_position() -> None:
    wb = openpyxl.Workbook()
    wb.active["ALL100000"] = "项目名称"  # 100,000 rows down, 1,000 columns across
    wb.active["ALM100001"] = "市民服务中心"
    buf = io.BytesIO()
    wb.save(buf)
    doc = read_spreadsheet(buf.getvalue(), "远.xlsx", "h")
    cells = [(c.text, c.row, c.col, c.loc.row, c.loc.col) for c in doc.tables[0].cells if c.text]
    assert cells == [("项目名称", 0, 0, 99999, 999), ("市民服务中心", 1, 1, 100000, 1000)]
