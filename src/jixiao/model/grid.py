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


@dataclass(slots=True, frozen=True)
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
        by_row: dict[int, list[Cell]] = {}
        for cell in self.cells:
            by_row.setdefault(cell.row, []).append(cell)
        # covering[r] = list of (col, colspan, anchor) for spans reaching into row r from above
        covering: dict[int, list[Cell]] = {}
        for cell in self.cells:
            for r in range(cell.row + 1, cell.row + cell.rowspan):
                covering.setdefault(r, []).append(cell)
        for r in range(self.n_rows):
            items: list[Cell] = list(by_row.get(r, ()))
            for anchor in covering.get(r, ()):
                loc = anchor.loc
                items.append(
                    Cell(
                        text="",
                        row=r,
                        col=anchor.col,
                        colspan=anchor.colspan,
                        loc=Loc(loc.table, r, anchor.col, loc.page, None, loc.sheet)
                        if loc
                        else None,
                        continued=True,
                    )
                )
            items.sort(key=lambda c: c.col)
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
