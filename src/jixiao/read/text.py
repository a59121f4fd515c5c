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
    """Join rows that a blank line inside a cell cut apart, in two passes.

    First the sure case: a row, then loose lines each after a single blank line, then a row.
    The loose lines belong to the first row's last cell; when the second row follows them
    without a blank line, the cell went on and the two rows are one. Then the likely case: two rows
    apart only by blank lines, both narrower than the table around them, that together make exactly
    its width.
    """
    items = _join(items, sure=True)
    return _join(items, sure=False)


def _join(items: list[_Row | _Para], sure: bool) -> list[_Row | _Para]:
    out: list[_Row | _Para] = []
    i = 0
    while i < len(items):
        cur = items[i]
        if isinstance(cur, _Row):
            j = i + 1
            if sure:
                while j < len(items) and isinstance(items[j], _Para) and items[j].blank_before == 1:
                    j += 1
            nxt = items[j] if j < len(items) else None
            if isinstance(nxt, _Row):
                if sure:
                    join = j > i + 1 and nxt.blank_before == 0
                else:
                    join = nxt.blank_before >= 1 and _fills_width(cur, nxt, items, i, j)
                loose = [line for p in items[i + 1 : j] for line in ["", *p.lines]]  # type: ignore[union-attr]
                cells = [list(c) for c in cur.cells]
                cells[-1].extend(loose)
                if join:
                    items = [*items[:i], _Row(cells + nxt.cells, cur.blank_before), *items[j + 1 :]]
                    continue  # the joined row may have been cut again further on
                if sure and j > i + 1:
                    # the loose lines end the row's last cell; the next row is a row of its own
                    items = [*items[:i], _Row(cells, cur.blank_before), *items[j:]]
                    continue
        out.append(cur)
        i += 1
    return out


def _fills_width(a: _Row, b: _Row, items: list[_Row | _Para], i: int, j: int) -> bool:
    """Whether rows a and b together are exactly as wide as the table around them.

    The table's width is the widest row width that occurs at least twice among the six rows
    either side, so that one odd row (a cell full of stray tabs) does not set it.
    """
    widths = [len(r.cells) for r in items[max(0, i - 6) : i] if isinstance(r, _Row)]
    widths += [len(r.cells) for r in items[j + 1 : j + 7] if isinstance(r, _Row)]
    recurring = [w for w in set(widths) if widths.count(w) >= 2]
    width = max(recurring, default=0)
    return len(a.cells) < width and len(b.cells) < width and len(a.cells) + len(b.cells) == width


def _make_table(rows: list[list[list[str]]], index: int) -> Table:
    table = Table(index=index)
    for r, row in enumerate(rows):
        for c, lines in enumerate(row):
            text = "\n".join(lines).strip("\n")
            table.cells.append(Cell(text=text, row=r, col=c, loc=Loc(index, r, c)))
    return table
