"""Span-aware tables → an Excel workbook (openpyxl), laid out to print on A4.

Each table goes on its own sheet, or all of them stacked on one sheet with a blank row between
them. Spans become merged ranges; every cell is text, wrapped, with thin borders, so the sheet
looks like the paper form and reads back cell for cell.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.model.grid import Table

_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="center")
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")


def write_xlsx(tables: list[Table], path: str | Path, *, one_sheet: bool = False) -> None:
    """Write the tables to an .xlsx file at ``path``."""
    workbook = Workbook()
    default = workbook.active
    if one_sheet:
        sheet = workbook.create_sheet(_title(tables[0].sheet if tables else None, 0, set()))
        top = 0
        for table in tables:
            _put(sheet, table, top)
            top += table.n_rows + 1
        _finish(sheet)
    else:
        used: set[str] = set()
        for i, table in enumerate(tables):
            sheet = workbook.create_sheet(_title(table.sheet, i, used))
            _put(sheet, table, 0)
            _finish(sheet)
    if workbook.worksheets != [default]:
        workbook.remove(default)
    workbook.save(Path(path))


def _title(name: str | None, i: int, used: set[str]) -> str:
    """A sheet title Excel accepts: at most 31 characters, none of []:*?/\\, unique."""
    base = _BAD_TITLE.sub("_", name or "")[:31] or f"表{i + 1}"
    title, n = base, 1
    while title in used:
        n += 1
        title = f"{base[: 31 - len(str(n)) - 1]}_{n}"
    used.add(title)
    return title


def _put(sheet: Worksheet, table: Table, top: int) -> None:
    for cell in table.cells:
        row, col = top + cell.row + 1, cell.col + 1
        for r in range(row, row + cell.rowspan):  # borders on every position of a merge
            for c in range(col, col + cell.colspan):
                target = sheet.cell(row=r, column=c)
                target.border = _BORDER
                target.alignment = _WRAP
        target = sheet.cell(row=row, column=col)
        text = ILLEGAL_CHARACTERS_RE.sub("", cell.text)
        if text:
            target.value = text
            target.data_type = "s"  # text that starts with "=" stays text, not a formula
        if cell.rowspan > 1 or cell.colspan > 1:
            sheet.merge_cells(
                start_row=row,
                start_column=col,
                end_row=row + cell.rowspan - 1,
                end_column=col + cell.colspan - 1,
            )
        if cell.colspan == 1 and text:
            width = max(_display_width(line) for line in text.split("\n"))
            letter = get_column_letter(col)
            current = sheet.column_dimensions[letter].width or 0
            sheet.column_dimensions[letter].width = max(current, min(max(width + 2, 8), 40))


def _display_width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def _finish(sheet: Worksheet) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_PORTRAIT
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
