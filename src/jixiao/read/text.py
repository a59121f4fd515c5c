"""The seeds' text format: tables extracted from Word as tab-prefixed cells (domain.md §9).

Every cell starts with a tab; a line without a tab continues the cell before it; a blank line
usually ends a row, but a cell may hold blank lines itself, so a row can come out cut in two
with the rest of a cell in between as loose lines. Merged cells come out as empty cells. Lines
outside any row are paragraphs; a paragraph ends the table before it.

Reading happens in two passes: the lines become items (rows and paragraphs, each knowing how
many blank lines came before it), then rows that a blank line cut apart are joined again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.model.grid import Cell, Document, Loc, Paragraph, Table

_ARTEFACTS = re.compile(r"\[bookmark: [^\]]*\]")


@dataclass(slots=True)
class _Row:
    cells: list[list[str]]
    blank_before: int


@dataclass(slots=True)
class _Para:
    lines: list[str]
    blank_before: int


def parse_text(text: str, file: str, sha256: str, fmt: str = "text") -> Document:
    """Read the tab-prefixed text format into a Document."""
    items = _join_cut_rows(_tokenise(_ARTEFACTS.sub("", text)))
    doc = Document(file=file, sha256=sha256, format=fmt)
    rows: list[list[list[str]]] = []
    n_tables = 0
    for item in items:
        if isinstance(item, _Row):
            rows.append(item.cells)
            continue
        if rows:
            doc.blocks.append(_make_table(rows, n_tables))
            n_tables += 1
            rows = []
        doc.blocks.append(
            Paragraph("\n".join(line.strip() for line in item.lines), len(doc.blocks))
        )
    if rows:
        doc.blocks.append(_make_table(rows, n_tables))
    return doc


def _tokenise(text: str) -> list[_Row | _Para]:
    items: list[_Row | _Para] = []
    blank = 0
    for line in text.split("\n"):
        if "\t" in line:
            head, *cells = line.split("\t")
            current = items[-1] if items else None
            if isinstance(current, _Row) and not blank:
                if head.strip():  # text before the first tab continues the previous cell
                    current.cells[-1].append(head)
                current.cells.extend([c] for c in cells)
            else:
                if head.strip():
                    items.append(_Para([head], blank))
                    blank = 0
                items.append(_Row([[c] for c in cells], blank))
            blank = 0
        elif not line.strip():
            blank += 1
        else:
            current = items[-1] if items else None
            if current is not None and not blank:
                if isinstance(current, _Row):
                    current.cells[-1].append(line)
                else:
                    current.lines.append(line)
            else:
                items.append(_Para([line], blank))
            blank = 0
    return items


def _join_cut_rows(items: list[_Row | _Para]) -> list[_Row | _Para]:
    """Join rows that blank lines inside cells cut apart, in two passes.

    First the sure case: a row, then loose lines each after a single blank line. The loose lines
    belong to the row's last cell; when the next row follows them without a blank line, the
    cell went on and the two rows are one. Then the likely case: a run of rows apart only by
    blank lines, each narrower than the table around them, whose cells together make exactly
    its width.
    """
    return _join_by_width(_join_loose_lines(items))


def _join_loose_lines(items: list[_Row | _Para]) -> list[_Row | _Para]:
    out: list[_Row | _Para] = []
    i = 0
    while i < len(items):
        cur = items[i]
        j = i + 1
        while j < len(items) and isinstance(items[j], _Para) and items[j].blank_before == 1:
            j += 1
        nxt = items[j] if j < len(items) else None
        if isinstance(cur, _Row) and j > i + 1 and isinstance(nxt, _Row):
            loose = [line for p in items[i + 1 : j] for line in ["", *p.lines]]  # type: ignore[union-attr]
            cells = [list(c) for c in cur.cells]
            cells[-1].extend(loose)
            if nxt.blank_before == 0:  # the cell went on: one row
                items = [*items[:i], _Row(cells + nxt.cells, cur.blank_before), *items[j + 1 :]]
            else:  # the loose lines end the row's last cell; the next row is its own
                items = [*items[:i], _Row(cells, cur.blank_before), *items[j:]]
            continue  # the joined row may have been cut again further on
        out.append(cur)
        i += 1
    return out


def _join_by_width(items: list[_Row | _Para]) -> list[_Row | _Para]:
    out: list[_Row | _Para] = []
    i = 0
    while i < len(items):
        cur = items[i]
        end = _cut_run(items, i, out) if isinstance(cur, _Row) else None
        if end is not None:
            parts = items[i:end]
            cells = [c for part in parts for c in part.cells]  # type: ignore[union-attr]
            out.append(_Row(cells, cur.blank_before))
            i = end
            continue
        out.append(cur)
        i += 1
    return out


def _cut_run(
    items: list[_Row | _Para], i: int, done: list[_Row | _Para], longest: int = 5
) -> int | None:
    """The end of a run of rows from i that together fill the table's width, if there is one.

    The table's width is the widest row width that occurs at least twice among the six rows
    either side of the run, so that one odd row (a cell full of stray tabs) does not set it.
    A run of more than two rows must also sit between rows of that width, above and below:
    the title and header rows at the top of a form are narrow too, and are not one row.
    ``done`` holds the rows before i as already joined.
    """
    total = 0
    for end in range(i + 1, min(len(items), i + longest) + 1):
        part = items[end - 1]
        if not isinstance(part, _Row) or (end - 1 > i and part.blank_before < 1):
            return None
        total += len(part.cells)
        if end == i + 1:
            continue
        before = [len(r.cells) for r in done[-6:] if isinstance(r, _Row)]
        after = [len(r.cells) for r in items[end : end + 6] if isinstance(r, _Row)]
        widths = before + after
        recurring = [w for w in set(widths) if widths.count(w) >= 2]
        width = max(recurring, default=0)
        if total > width:
            return None
        narrow = all(len(p.cells) < width for p in items[i:end])  # type: ignore[union-attr]
        framed = end == i + 2 or (width in before[-3:] and width in after[:3])
        if total == width and narrow and framed:
            return end
    return None


def _make_table(rows: list[list[list[str]]], index: int) -> Table:
    table = Table(index=index)
    for r, row in enumerate(rows):
        for c, lines in enumerate(row):
            text = "\n".join(lines).strip("\n")
            table.cells.append(Cell(text=text, row=r, col=c, loc=Loc(index, r, c)))
    return table
