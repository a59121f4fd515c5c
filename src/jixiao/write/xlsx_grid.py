"""Span-aware tables → an Excel workbook (openpyxl), laid out to print on A4.

Each table goes on its own sheet, or all of them stacked on one sheet with a blank row between
them. Spans become merged ranges; every cell is text, wrapped, with thin borders, so the sheet
looks like the paper form and reads back cell for cell. `write_xlsx` makes test fixtures; the
form writers (`write.forms`) use `put_table` and `sheet_title` with a layout's fonts and widths.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.model.grid import Cell, Table

_THIN = Side(style="thin")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="center")
_BAD_TITLE = re.compile(r"[\[\]:*?/\\\x00-\x1f]")


def write_xlsx(tables: list[Table], path: str | Path, *, one_sheet: bool = False) -> None:
    """Write the tables to an .xlsx file at ``path``."""
    workbook = Workbook()
    default = workbook.active
    if one_sheet:
        sheet = workbook.create_sheet(sheet_title(tables[0].sheet if tables else None, 0, set()))
        top = 0
        for table in tables:
            _put(sheet, table, top)
            top += table.n_rows + 1
        _finish(sheet)
    else:
        used: set[str] = set()
        for i, table in enumerate(tables):
            sheet = workbook.create_sheet(sheet_title(table.sheet, i, used))
            _put(sheet, table, 0)
            _finish(sheet)
    if workbook.worksheets != [default]:
        workbook.remove(default)
    workbook.save(Path(path))


def sheet_title(name: str | None, i: int, used: set[str]) -> str:
    """A sheet title Excel accepts: at most 31 characters, none of []:*?/\\, not starting or
    ending with an apostrophe, unique (compared as Excel does, ignoring case)."""
    base = _BAD_TITLE.sub("_", (name or "").replace("\n", " ")).strip().strip("'")[:31].strip()
    if not base or base.lower() == "history":  # Excel reserves "History"
        base = f"表{i + 1}"
    title, n = base, 1
    taken = {t.lower() for t in used}
    while title.lower() in taken:
        n += 1
        title = f"{base[: 31 - len(str(n)) - 1]}_{n}"
    used.add(title)
    return title


def put_table(
    sheet: Worksheet,
    table: Table,
    top: int,
    *,
    font: Font | None = None,
    align: Callable[[Cell], Alignment] | None = None,
) -> None:
    """Write the table's cells from sheet row ``top + 1``: text, merges, borders, wrapping."""
    for cell in table.cells:
        row, col = top + cell.row + 1, cell.col + 1
        alignment = align(cell) if align else _WRAP
        for r in range(row, row + cell.rowspan):  # borders on every position of a merge
            for c in range(col, col + cell.colspan):
                target = sheet.cell(row=r, column=c)
                target.border = BORDER
                target.alignment = alignment
                if font is not None:
                    target.font = font
        target = sheet.cell(row=row, column=col)
        text = ILLEGAL_CHARACTERS_RE.sub("", cell.text)
        if text:
            target.value = text
            target.data_type = "s"  # text that starts with "=" stays text, not a formula
            target.number_format = "@"  # and stays text when someone edits it
        if cell.rowspan > 1 or cell.colspan > 1:
            sheet.merge_cells(
                start_row=row,
                start_column=col,
                end_row=row + cell.rowspan - 1,
                end_column=col + cell.colspan - 1,
            )


def _put(sheet: Worksheet, table: Table, top: int) -> None:
    put_table(sheet, table, top)
    for cell in table.cells:
        text = ILLEGAL_CHARACTERS_RE.sub("", cell.text)
        if cell.colspan == 1 and text:
            width = max(display_width(line) for line in text.split("\n"))
            letter = get_column_letter(cell.col + 1)
            current = sheet.column_dimensions[letter].width or 0
            sheet.column_dimensions[letter].width = max(current, min(max(width + 2, 8), 40))


def display_width(line: str) -> int:
    """Width of a line in half-width character cells: Chinese and full-width characters are 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def _finish(sheet: Worksheet) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_PORTRAIT
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
