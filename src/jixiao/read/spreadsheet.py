"""Excel workbooks (.xlsx and legacy .xls) through python-calamine.

Every worksheet with content becomes one `Table`: its cells trimmed of fully empty leading and
trailing rows and columns, merged ranges turned into row/column spans with the value at the
top-left, covered cells left out. Several forms stacked on one sheet stay in one table; the
extractor finds them. Values come out as a clerk typed them: 12.0 as "12", dates as YYYY-MM-DD.

calamine builds a dense grid for each sheet, from its first to its last cell: one stray cell in
column XFD of row 1048576 makes it ask for half a terabyte and abort the process. An .xlsx is
therefore vetted first: its zip for bombs (`safety.open_zip`), its sheets' cell references for
an absurd extent. A legacy .xls is at most 65536 × 256 cells, which calamine survives.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable
from decimal import Decimal
from itertools import chain
from typing import Any

import python_calamine as pc

from jixiao.model.grid import Cell, Document, Loc, Table
from jixiao.read import safety
from jixiao.read.errors import ReadError
from jixiao.read.safety import (
    ENCRYPTED,
    OLE_MAGIC,
    is_encrypted_ole,
    open_zip,
    read_member,
    refuse_dtd,
)

# [^<>] rather than [^>]: a tag left open must not make every later "<c " scan to the end
_CELL_REF = re.compile(rb"<(?:\w+:)?c\s[^<>]*?\br=\"([A-Z]{1,3})([0-9]{1,7})\"")
_ROW_REF = re.compile(rb"<(?:\w+:)?row\s[^<>]*?\br=\"([0-9]{1,7})\"")
# any attribute ending in r holding a cell or row reference: what both above find, and more
_ANY_REF = re.compile(rb'r="([A-Z]{0,3})([0-9]{1,7})"')


def read_spreadsheet(data: bytes, file: str, sha256: str) -> Document:
    """Read an .xlsx or .xls workbook: one table per non-empty worksheet."""
    if data.startswith(OLE_MAGIC):
        if is_encrypted_ole(data):
            raise ReadError(ENCRYPTED)
        fmt = "xls"
    elif data.startswith(b"PK"):
        _vet_xlsx(data)
        fmt = "xlsx"
    else:
        raise ReadError("文件不是有效的 Excel 工作簿（.xlsx/.xls），可能已损坏或被改名")
    doc = Document(file=file, sha256=sha256, format=fmt)
    try:
        workbook = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = [m.name for m in workbook.sheets_metadata if m.typ == pc.SheetTypeEnum.WorkSheet]
        for number, name in enumerate(workbook.sheet_names, start=1):
            if name not in sheets:
                continue
            sheet = workbook.get_sheet_by_name(name)
            if (cells := sheet.height * sheet.width) > safety.LIMITS.sheet_cells:
                raise ReadError(safety.too_many_cells(f"工作表“{name}”", cells))
            merges = sheet.merged_cell_ranges or []
            origin = sheet.start or (0, 0)
            # only the used area: from A1 it could be a million empty rows before one cell.
            # Handed over without a name here, so the sheet's values can go once read
            table = _sheet_table(
                sheet.to_python(skip_empty_area=True), origin, merges, name, number, len(doc.tables)
            )
            if table is not None:
                doc.blocks.append(table)
    except ReadError:
        raise
    except BaseException as exc:  # calamine raises its own errors, and Rust panics as BaseException
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        if "password" in str(exc).lower():  # a legacy .xls protected by a FILEPASS record
            raise ReadError(ENCRYPTED) from exc
        raise ReadError("Excel 文件已损坏或格式无法识别，无法读取") from exc
    return doc


def _vet_xlsx(data: bytes) -> None:
    """Refuse an .xlsx whose zip is unsafe or whose sheets claim an absurd area.

    Every part with sheet data is vetted, wherever it is: calamine finds the sheets through the
    workbook's relationships, not by the usual folder name.
    """
    with open_zip(data) as archive:
        names = archive.namelist()
        if "xl/workbook.xml" not in names:
            raise ReadError("压缩包中没有 Excel 工作簿（xl/workbook.xml），文件不是有效的 .xlsx")
        for name in names:
            xml = read_member(archive, name, data)
            if b"sheetData" in xml:
                refuse_dtd(xml)
                _vet_extent(xml)


def _vet_extent(xml: bytes) -> None:
    """Refuse a sheet whose cell references span more cells than the limit."""
    # First a bound from every r="…" attribute with a reference in it, whatever its element:
    # a superset of the cells' and rows' references, so its area is at least theirs. One plain
    # search is a third of the two exact ones, and a sheet within it needs nothing more.
    if _area(_ANY_REF.finditer(xml)) <= safety.LIMITS.sheet_cells:
        return
    area = _area(chain(_ROW_REF.finditer(xml), _CELL_REF.finditer(xml)))
    if area > safety.LIMITS.sheet_cells:
        raise ReadError(safety.too_many_cells("工作表", area))


def _area(refs: Iterable[re.Match[bytes]]) -> int:
    """Rows × columns spanned by references matched as (column letters, row digits), or (row
    digits) for a row's. 0 without both a row and a column. The distinct rows and columns are
    kept as they are met, not every reference: a sheet of millions of cells repeats them."""
    rows: set[bytes] = set()
    letters: set[bytes] = set()
    for match in refs:
        if match.lastindex == 2:
            col, row = match.groups()
            if col:
                letters.add(col)
        else:
            row = match.group(1)
        rows.add(row)
    if not rows or not letters:
        return 0
    numbers = [int(r) for r in rows]
    cols = [_col_number(c) for c in letters]
    return (max(numbers) - min(numbers) + 1) * (max(cols) - min(cols) + 1)


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _sheet_table(
    rows: list[list[Any]],
    origin: tuple[int, int],
    merges: list[tuple[tuple[int, int], tuple[int, int]]],
    name: str,
    number: int,
    index: int,
) -> Table | None:
    """One sheet's cells as a table on a grid trimmed to the used area, or None if empty.

    ``rows`` start at ``origin`` (row, column) of the sheet; merges and locations are in sheet
    coordinates.
    """
    texts: dict[int, dict[int, str]] = {}  # row → column → text, the cells with text only
    for r, row in enumerate(rows, start=origin[0]):
        line: dict[int, str] | None = None
        for c, value in enumerate(row, start=origin[1]):
            if value.__class__ is str:  # most cells: empty or text, read without a call
                if not value:
                    continue
                text = value if "\r" not in value else cell_text(value)
            elif not (text := cell_text(value)):
                continue
            if line is None:
                line = texts[r] = {}
            line[c] = text
    del rows  # a huge sheet's values, no longer needed: not held while its cells are made
    if not texts:
        return None
    # top-left → (bottom, right), inclusive, by the top-left's row
    anchors: dict[int, dict[int, tuple[int, int]]] = {}
    for (r0, c0), (r1, c1) in merges:
        if r1 >= r0 and c1 >= c0 and (r1 > r0 or c1 > c0):
            anchors.setdefault(r0, {})[c0] = (r1, c1)
    top, bottom = min(texts), max(texts)
    left = min(min(line) for line in texts.values())
    right = max(max(line) for line in texts.values())
    for r0, ends in anchors.items():  # a filled merge counts whole
        filled = texts.get(r0)
        if filled is not None:
            for c0, (r1, c1) in ends.items():
                if c0 in filled:
                    bottom, right = max(bottom, r1), max(right, c1)

    table = Table(index=index, page=number, sheet=name)
    covered: dict[int, set[int]] = {}  # row → the columns a merge from its top-left covers
    for r0, ends in anchors.items():
        if not top <= r0 <= bottom:
            continue
        for c0, (r1, c1) in ends.items():
            if left <= c0 <= right:
                last = min(c1, right) + 1
                for r in range(r0, min(r1, bottom) + 1):
                    cols = range(c0 + 1 if r == r0 else c0, last)
                    if cols:
                        covered.setdefault(r, set()).update(cols)
    cells = table.cells
    nothing: dict[int, Any] = {}
    for r in range(top, bottom + 1):
        skip = covered.get(r, nothing)
        ends = anchors.get(r, nothing)
        found = texts.pop(r, nothing)  # each row's texts let go once its cells are made
        row_at = r - top
        for c in range(left, right + 1):
            if c in skip:
                continue
            end = ends.get(c) if ends else None
            rowspan = colspan = 1
            if end is not None:
                rowspan, colspan = min(end[0], bottom) - r + 1, min(end[1], right) - c + 1
            # positional arguments: this loop makes every cell of the sheet's used area
            loc = Loc(index, r, c, number, None, name)
            cells.append(Cell(found.get(c, ""), row_at, c - left, rowspan, colspan, loc))
    return table


def cell_text(value: Any) -> str:
    """A cell value as the text a clerk sees: no ".0" on whole numbers, no float noise."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return ""
        if value.is_integer():
            return str(int(value))
        # 15 significant digits, as Excel shows and keeps them (0.1+0.2 is 0.3, not
        # 0.30000000000000004); never in exponent form
        return format(Decimal(format(value, ".15g")), "f")
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.strftime("%Y-%m-%d")
        return value.strftime("%Y-%m-%d %H:%M:%S" if value.second else "%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S" if value.second else "%H:%M")
    return str(value).replace("\r\n", "\n").replace("\r", "\n")
