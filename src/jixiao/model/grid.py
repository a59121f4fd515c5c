"""The span-aware table grid every reader produces.

A `Document` is a sequence of blocks in reading order: paragraphs (text outside tables) and
tables. A `Table` holds cells anchored at (row, col) with row and column spans, on the table's
own grid. Every cell knows where it came from (`Loc`): the table, row and column in the source
file and, for PDF, the page and the box.

These are plain slotted dataclasses, not pydantic models: readers create hundreds of thousands
of cells, and nothing here needs validation.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import attrgetter


# Not frozen: a frozen dataclass sets each field through object.__setattr__, which made a
# Loc cost four to five times a Cell, and readers make one for every cell. Equality and the
# hash are still by value (unsafe_hash: the hash a frozen one had); a Loc is never changed once
# made: a reader that moves a cell gives it a new one.
@dataclass(slots=True, unsafe_hash=True)
class Loc:
    """Where a piece of text sits in its source file (0-based indices)."""

    table: int
    row: int
    col: int
    page: int | None = None  # 1-based PDF page, or a sheet number for spreadsheets
    box: tuple[float, float, float, float] | None = None  # PDF x0, top, x1, bottom (points)
    sheet: str | None = None
    # scans: the OCR engine's lowest confidence (0–1) over the text read into the cell; the
    # box is then in page pixels of the prepared page image (see jixiao.read.scan)
    confidence: float | None = None

    def describe(self) -> str:
        """A location in words a clerk can follow."""
        parts = []
        if self.sheet is not None:
            parts.append(f"工作表“{self.sheet}”")
        if self.page is not None and self.sheet is None:
            parts.append(f"第{self.page}页")
        parts.append(f"第{self.table + 1}个表格第{self.row + 1}行第{self.col + 1}列")
        return "".join(parts)

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"table": self.table, "row": self.row, "col": self.col}
        if self.page is not None:
            out["page"] = self.page
        if self.box is not None:
            out["box"] = [round(v, 2) for v in self.box]
        if self.sheet is not None:
            out["sheet"] = self.sheet
        if self.confidence is not None:
            out["confidence"] = round(self.confidence, 3)
        return out


@dataclass(slots=True)
class Cell:
    """One physical cell: its text and the grid area it covers."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    loc: Loc | None = None
    # True for a placeholder standing in for a cell merged from above (see Table.rows()).
    continued: bool = False


_col = attrgetter("col")


@dataclass(slots=True)
class Table:
    """A table of anchored cells. Cells covered by another cell's span are not stored."""

    index: int
    cells: list[Cell] = field(default_factory=list)
    page: int | None = None
    sheet: str | None = None

    @property
    def n_rows(self) -> int:
        return max((c.row + c.rowspan for c in self.cells), default=0)

    @property
    def n_cols(self) -> int:
        return max((c.col + c.colspan for c in self.cells), default=0)

    def rows(self) -> Iterator[list[Cell]]:
        """The table row by row, the way a form is read.

        A cell spanning several columns appears once. A position covered by a cell that starts
        in an earlier row appears as an empty placeholder (``continued=True``), which is how a
        vertically merged cell looks in Word and in text extracted from Word: every format then
        gives the same rows.
        """
        # one pass over the cells: each row's own cells, and for each row the cells reaching
        # into it from a row above (in the cells' order, as the placeholders are appended)
        by_row: dict[int, list[Cell]] = {}
        covering: dict[int, list[Cell]] = {}
        unordered: set[int] = set()  # rows whose cells were not added left to right
        n_rows = 0
        for cell in self.cells:
            row = cell.row
            end = row + cell.rowspan
            own = by_row.get(row)
            if own is None:
                by_row[row] = [cell]
            else:
                if own[-1].col > cell.col:
                    unordered.add(row)
                own.append(cell)
            if end > n_rows:
                n_rows = end
            if end > row + 1:
                for r in range(row + 1, end):
                    anchors = covering.get(r)
                    if anchors is None:
                        covering[r] = [cell]
                    else:
                        anchors.append(cell)
        for r in range(n_rows):
            items = by_row.get(r)
            if items is None:
                items = []
            anchors = covering.get(r)
            if anchors is not None:
                for anchor in anchors:
                    loc = anchor.loc
                    if loc is not None:
                        loc = Loc(loc.table, r, anchor.col, loc.page, None, loc.sheet)
                    items.append(Cell("", r, anchor.col, 1, anchor.colspan, loc, True))
                items.sort(key=_col)
            elif r in unordered:
                items.sort(key=_col)
            yield items


@dataclass(slots=True)
class Paragraph:
    """Text outside any table."""

    text: str
    index: int = 0


Block = Table | Paragraph


@dataclass(slots=True)
class Document:
    """What a reader returns: the blocks of one file in reading order."""

    file: str
    sha256: str
    format: str
    blocks: list[Block] = field(default_factory=list)

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]
