"""PDF files with a text layer and ruled tables.

pdfplumber finds each ruled table on a page and the boxes of its cells. A merged cell is one box
with no lines inside, so the spans come back by laying every cell box on the grid of the table's
distinct x and y edges. A cell's text is made from the characters whose centre lies in its box,
line by line. Text outside the tables comes back as one Paragraph per line.

A table that runs onto the next page comes back as one Table. The part that opens a page (a
page number above it aside) continues the table that ended the page before when it has the
same outer edges and no column edge of its own, and its first row would not have fitted on
the page before. Programs print the break differently: Word and reportlab close every cell on
both pages; LibreOffice leaves a merged cell the break cuts open at the break (and may leave
out the line along the top of the next page), so each table is closed where its vertical
lines end, and a cell open at the bottom of one part over the same columns as a cell open at
the top of the next is one merged cell. Text drawn off the page is left out: it cannot be seen.

A program may also let the break cut a row in two (LibreOffice and Word do unless a row is
kept whole): the row's cells go on, closed, at the top of the next page, most of them empty.
The first row of the part on the next page is the rest of the row above the break when its
cells lie under the cells of that row, it has text only where that row has text, and it is
empty in at least half of the columns where that row and the rows of the same shape above it
each have a cell of their own with text (a new row would have its name, weight and score
there; the cut leaves the short values whole on the first page), or all its text goes on from
cells whose text reaches the bottom of a row more than one line tall; its texts are joined to
that row's.

A line that fills its cell to the right edge was wrapped by the program that made the PDF, not
broken by the writer: such lines are joined again (with a space between Latin words, with nothing
between Chinese characters). Every other line break is kept as "\\n".
"""

from __future__ import annotations

import io
import re
import unicodedata
import zlib
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from jixiao.model.grid import Cell, Document, Loc, Paragraph, Table
from jixiao.read import safety
from jixiao.read.errors import ReadError

SNAP = 2.0  # points: edges closer than this are one grid line
TABLE_SETTINGS: dict[str, Any] = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
}

_PAGE_NUMBER = re.compile(r"[-–—\s]*(第\s*)?\d+\s*(页)?\s*((/|／|共)\s*\d+\s*页?)?[-–—\s]*$")

Box = tuple[float, float, float, float]
Char = dict[str, Any]
LOCKED = "PDF 文件设有密码保护，请去除密码后重新提交"
DAMAGED = "PDF 文件已损坏或不完整，无法读取"


def read_pdf(data: bytes, file: str, sha256: str) -> Document:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    doc = Document(file=file, sha256=sha256, format="pdf")
    vet_pdf(data)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PDFPasswordIncorrect as exc:
        raise ReadError(LOCKED) from exc
    except Exception as exc:  # pdfminer raises many kinds; none may escape
        if _is_password_error(exc):
            raise ReadError(LOCKED) from exc
        raise ReadError(DAMAGED) from exc
    counts = [0, 0]  # characters with text, characters without a Unicode mapping
    try:
        with pdf:
            last: _Piece | None = None  # the table that ended the previous page
            pages = pdf.pages
            if len(pages) > safety.LIMITS.pdf_pages:  # a page tree pdfium counted otherwise
                raise ReadError(safety.too_many_pages(len(pages)))
            for number, page in enumerate(pages, start=1):
                try:
                    last = _read_page(page, number, doc, counts, last)
                finally:
                    page.close()  # drop the page's parsed objects before the next page
    except ReadError:
        raise
    except Exception as exc:
        if _is_password_error(exc):
            raise ReadError(LOCKED) from exc
        raise ReadError(DAMAGED) from exc
    if not counts[0]:  # no text layer: a scan, read by OCR
        from jixiao.read.scan import read_scanned_pdf

        return read_scanned_pdf(data, file, sha256)
    if counts[1] * 2 > counts[0]:
        raise ReadError(
            "PDF 文件中的文字无法识别（字体缺少文字编码信息），"
            "请从原文档重新导出 PDF，或提交 Word、Excel 原件"
        )
    return doc


# the start of a stream's data: its dictionary closes, the keyword, one end of line
_STREAM = re.compile(rb">>\s*stream\r?\n")
_PIECE = 1 << 16  # compressed bytes fed to zlib at a time
_OUT = 1 << 20  # inflated bytes taken from zlib at a time (then dropped)


def vet_pdf(data: bytes) -> None:
    """Refuse, before pdfminer reads anything, a PDF over the page limit or one whose streams
    inflate beyond the stream limits (a "PDF bomb": a few MB of zeros deflated that pdfminer
    would inflate whole into memory).

    The pages are counted by pdfium, which reads the page tree without the pages. The streams
    are inflated in pieces and only counted: a stream whose data does not begin like zlib's
    (another filter, or encrypted) is left to pdfminer, within the process's memory limit."""
    pages = _page_count(data)
    if pages is not None and pages > safety.LIMITS.pdf_pages:
        raise ReadError(safety.too_many_pages(pages))
    one = safety.LIMITS.pdf_stream_mb * 1024 * 1024
    total_limit = safety.LIMITS.pdf_inflated_mb * 1024 * 1024
    total = 0
    for match in _STREAM.finditer(data):
        size = _inflated_size(data, match.end(), one)
        if size > one:
            raise ReadError(safety.pdf_bomb())
        total += size
        if total > total_limit:
            raise ReadError(
                f"PDF 中的数据流解压后合计超过 {safety.LIMITS.pdf_inflated_mb} MB"
                "（疑似“压缩炸弹”），已拒绝读取"
            )


def _page_count(data: bytes) -> int | None:
    """The number of pages pdfium finds, or None when pdfium cannot open the file (pdfminer
    then says what is wrong with it)."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except Exception:  # noqa: BLE001 - damaged or locked: read_pdf reports it
        return None
    try:
        return len(document)
    finally:
        document.close()


def _inflated_size(data: bytes, start: int, limit: int) -> int:
    """How many bytes the zlib stream at ``start`` inflates to, counted up to just past
    ``limit``; 0 when no zlib stream starts there."""
    if data[start : start + 1] != b"\x78":  # zlib's first byte with a 32 KB window
        return 0
    inflater = zlib.decompressobj()
    size = 0
    pos = start
    try:
        while not inflater.eof and pos < len(data) and size <= limit:
            out = inflater.decompress(data[pos : pos + _PIECE], _OUT)
            pos += _PIECE
            size += len(out)
            while inflater.unconsumed_tail and not inflater.eof and size <= limit:
                out = inflater.decompress(inflater.unconsumed_tail, _OUT)
                if not out:  # no progress: the stream is cut or stuck
                    return size
                size += len(out)
    except zlib.error:
        return size  # not zlib after all, or cut short: pdfminer decides
    return size


def _is_password_error(exc: BaseException) -> bool:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    seen: list[object] = [exc]
    while seen:
        item = seen.pop()
        if isinstance(item, (PDFPasswordIncorrect, PDFEncryptionError)):
            return True
        if isinstance(item, BaseException):  # pdfplumber wraps pdfminer's exception in args
            seen.extend(a for a in (item.__cause__, item.__context__, *item.args) if a is not None)
    return False


@dataclass(slots=True)
class _Piece:
    """A table as found on one page, with what joining it to the next page needs: its column
    edges, and its cells whose outline is open at the top or bottom edge of the table (a merged
    cell the page break cut, ruled without a line at the break)."""

    table: Table
    xs: list[float]
    open_top: list[Cell]
    open_bottom: list[Cell]
    top: float  # the table's top edge on its page
    room: float  # the height left on the page below the table
    first_row: float  # the height of its first row
    full: set[int]  # ids of the last row's cells whose last line fills the cell (a wrap)
    # ids of the last row's cells whose text reaches down to the bottom of the cell, when a
    # cell of the row's own is more than one line tall
    deep: set[int] = field(default_factory=set)


def _read_page(
    page: Any, number: int, doc: Document, counts: list[int], last: _Piece | None
) -> _Piece | None:
    """Append the page's tables and lines to ``doc`` in reading order, and count its characters
    (``counts``: with text, and of those the ones pdfminer could only name "(cid:N)").

    ``last`` is the table that ended the previous page; a table that opens this page with the
    same columns is its continuation and joins it. Returns the table that ends this page, if
    one does."""
    # text drawn off the page (a cut cell's text run past the break) cannot be seen
    width, height = float(page.width), float(page.height)
    chars = [c for c in _dedupe(page.chars) if _inside(c, (0.0, 0.0, width, height))]
    texts = [c["text"] for c in chars if c["text"].strip()]
    if not texts:
        return None
    counts[0] += len(texts)
    counts[1] += sum(t.startswith("(cid:") for t in texts)
    found = _find_tables(page)
    boxes = [t.bbox for t in found]
    outside = [c for c in chars if not any(_inside(c, box) for box in boxes)]
    items: list[tuple[float, _Piece | str]] = []
    for found_table in found:
        piece = _piece(found_table, chars, number, page.edges, height)
        items.append((found_table.bbox[1], piece))
    for line in _lines(outside):
        items.append((line[0]["top"], _line_text(line, cells=True)))
    items.sort(key=lambda item: item[0])
    first = next((n for n, (_, i) in enumerate(items) if not _page_number(i)), len(items))
    for n, (_, item) in enumerate(items):
        if isinstance(item, str):
            doc.blocks.append(Paragraph(item, len(doc.blocks)))
        elif n == first and last is not None and _continues(last, item):
            _join(last, item, number)
            items[n] = (items[n][0], last)  # the joined table, should it also end this page
        else:
            item.table.index = len(doc.tables)
            for cell in item.table.cells:
                assert cell.loc is not None
                cell.loc = Loc(item.table.index, cell.row, cell.col, number, cell.loc.box)
            doc.blocks.append(item.table)
    end = next((i for _, i in reversed(items) if not _page_number(i)), None)
    return end if isinstance(end, _Piece) else None


def _page_number(item: _Piece | str) -> bool:
    """Whether a line is a page number ("3", "- 3 -", "第 3 页", "第3页 共9页"), which a page
    header or footer may print between two parts of a table."""
    return isinstance(item, str) and bool(_PAGE_NUMBER.match(item))


def _find_tables(page: Any) -> list[Any]:
    """The page's ruled tables, each closed where its vertical lines end.

    A table cut by a page break may be printed without a line along the break, for all its
    columns or for a merged cell the break cut (LibreOffice prints both so): its first or last
    row, or the cut cell with its whole column, would be lost. A line drawn across each table
    where its vertical lines stop closes it; where the table has its own line there the two
    fall together."""
    found = [t for t in page.find_tables(TABLE_SETTINGS) if len(t.cells) > 1]
    if not found:
        return found
    upright = [
        e
        for e in page.edges
        if e["orientation"] == "v" and e["bottom"] - e["top"] < 0.9 * float(page.height)
    ]
    lines = []
    for _, top, _, bottom in (t.bbox for t in found):
        # the vertical lines running inside the table, a column with no closed cell included
        inside = [e for e in upright if e["top"] < bottom - SNAP and e["bottom"] > top + SNAP]
        if not inside:
            continue
        x0, x1 = min(e["x0"] for e in inside), max(e["x0"] for e in inside)
        for y in (min(e["top"] for e in inside), max(e["bottom"] for e in inside)):
            line = {"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0}
            lines.append({"object_type": "line", **line})
    settings = {**TABLE_SETTINGS, "explicit_horizontal_lines": lines}
    return [t for t in page.find_tables(settings) if len(t.cells) > 1]


def _piece(
    found: Any, chars: list[Char], number: int, edges: list[dict[str, Any]], height: float
) -> _Piece:
    table = _table(found.cells, chars, number)
    xs = _snap([v for b in found.cells for v in (b[0], b[2])])
    ys = _snap([v for b in found.cells for v in (b[1], b[3])])
    top, bottom = found.bbox[1], found.bbox[3]
    ruled = [e for e in edges if e["orientation"] == "h"]
    open_top, open_bottom = [], []
    for cell in table.cells:
        assert cell.loc is not None and cell.loc.box is not None
        x0, y0, x1, y1 = cell.loc.box
        if abs(y0 - top) <= SNAP and not _ruled(ruled, x0, x1, y0):
            open_top.append(cell)
        if abs(y1 - bottom) <= SNAP and not _ruled(ruled, x0, x1, y1):
            open_bottom.append(cell)
    full, deep, tall = set(), set(), False
    last_row = max((c.row for c in table.cells), default=0)
    for cell in table.cells:
        assert cell.loc is not None and cell.loc.box is not None
        box = cell.loc.box
        if abs(box[3] - bottom) <= SNAP and cell.text:
            lines = _lines(c for c in chars if _inside(c, box))
            if lines:
                inset = max(min(line[0]["x0"] for line in lines) - box[0], 0.0)
                last_char = lines[-1][-1]
                if last_char["x1"] + last_char["x1"] - last_char["x0"] > box[2] - inset - 0.5:
                    full.add(id(cell))
                size = max(c["size"] for c in lines[-1])
                if box[3] - max(c["bottom"] for c in lines[-1]) <= 1.2 * size + 3:
                    deep.add(id(cell))
                tall = tall or (len(lines) > 1 and cell.row == last_row)
    piece = _Piece(table, xs, open_top, open_bottom, top, height - bottom, ys[1] - ys[0], full)
    piece.deep = deep if tall else set()
    return piece


def _ruled(edges: list[dict[str, Any]], x0: float, x1: float, y: float) -> bool:
    """Whether horizontal lines at ``y`` cover most of the span from x0 to x1."""
    covered = 0.0
    for edge in edges:
        if abs(edge["top"] - y) <= SNAP:
            covered += max(0.0, min(edge["x1"], x1) - max(edge["x0"], x0))
    return covered >= 0.5 * (x1 - x0)


def _continues(last: _Piece, piece: _Piece) -> bool:
    """Whether ``piece``, the first thing on its page, goes on with ``last``, the last thing on
    the page before: the same outer edges, no column edge the earlier part does not have, and
    the piece's first row would not have fitted below ``last`` (taking the bottom margin to be
    as wide as the top margin of the piece's page), so a page break put it there."""
    if piece.first_row <= last.room - piece.top:
        return False
    if abs(last.xs[0] - piece.xs[0]) > SNAP or abs(last.xs[-1] - piece.xs[-1]) > SNAP:
        return False
    if all(_near(x, last.xs) for x in piece.xs):
        return True
    # a column edge the earlier part does not have (the rows below divide a column the rows
    # above the break do not): the piece goes on only when its first row keeps to the earlier
    # part's columns and is the rest of a row the break cut
    first = [c for c in piece.table.cells if c.row == 0]
    if not all(
        _near(piece.xs[c.col], last.xs) and _near(piece.xs[c.col + c.colspan], last.xs)
        for c in first
    ):
        return False
    return _cut_row(last, piece, [_nearest(last.xs, x) for x in piece.xs]) is not None


def _near(x: float, xs: list[float]) -> bool:
    return min(abs(x - y) for y in xs) <= SNAP


def _add_columns(last: _Piece, xs: list[float]) -> None:
    """Divide ``last``'s columns at the edges in ``xs`` it does not have: a cell right of a
    new edge moves one column on, a cell across it spans one column more."""
    table = last.table
    for x in xs:
        if _near(x, last.xs):
            continue
        k = bisect_right(last.xs, x)  # the new edge's index: old column k - 1 is divided
        last.xs.insert(k, x)
        for cell in table.cells:
            if cell.col >= k:
                cell.col += 1
            elif cell.col + cell.colspan >= k:
                cell.colspan += 1
            assert cell.loc is not None
            cell.loc = Loc(cell.loc.table, cell.row, cell.col, cell.loc.page, cell.loc.box)


def _join(last: _Piece, piece: _Piece, number: int) -> None:
    """Append ``piece``'s rows to ``last``'s table. The piece's columns are mapped onto the
    table's own; a cell open at the top of the piece below a cell open at the bottom of the
    table, over the same columns, is the same merged cell and grows by the piece's rows."""
    _add_columns(last, piece.xs)
    table = last.table
    offset = table.n_rows
    col_of = [_nearest(last.xs, x) for x in piece.xs]
    cut = _cut_row(last, piece, col_of)
    if cut is not None:  # the piece's first row is the rest of the table's last row
        offset -= 1
        for cell in piece.table.cells:
            upper = cut.get(id(cell))
            if upper is None:
                continue
            upper.rowspan = max(upper.row + upper.rowspan, offset + cell.rowspan) - upper.row
            if cell.text:
                glue = "" if id(upper) in last.full else "\n"
                if glue == "" and not (_wide(upper.text[-1:]) or _wide(cell.text[:1])):
                    glue = " "
                upper.text = glue.join(t for t in (upper.text, cell.text) if t)
        grown = {id(c): cut[id(c)] for c in piece.table.cells if id(c) in cut}
        for cell in piece.table.cells:
            if id(cell) in cut:
                continue
            assert cell.loc is not None
            row, col = cell.row + offset, col_of[cell.col]
            cell.colspan = col_of[cell.col + cell.colspan] - col
            cell.row, cell.col = row, col
            cell.loc = Loc(table.index, row, col, number, cell.loc.box)
            table.cells.append(cell)
        last.open_bottom = [grown.get(id(c), c) for c in piece.open_bottom]
        last.full, last.deep = piece.full, piece.deep
        return
    below = {(c.col, c.colspan): c for c in last.open_bottom}
    grown: dict[int, Cell] = {}  # the piece's cells that are a table cell's continuation
    for cell in piece.table.cells:
        col = col_of[cell.col]
        colspan = col_of[cell.col + cell.colspan] - col
        assert cell.loc is not None
        upper = below.get((col, colspan)) if any(cell is o for o in piece.open_top) else None
        if upper is not None:
            upper.rowspan = offset + cell.rowspan - upper.row
            upper.text = "\n".join(t for t in (upper.text, cell.text) if t)
            grown[id(cell)] = upper
            continue
        row = cell.row + offset
        cell.row, cell.col, cell.colspan = row, col, colspan
        cell.loc = Loc(table.index, row, col, number, cell.loc.box)
        table.cells.append(cell)
    last.open_bottom = [grown.get(id(c), c) for c in piece.open_bottom]
    last.full, last.deep = piece.full, piece.deep


def _cut_row(last: _Piece, piece: _Piece, col_of: list[int]) -> dict[int, Cell] | None:
    """When the first row of ``piece`` is the rest of a row the page break cut (see the
    module's notes), each of its cells by id with the table's cell it goes on; else None."""
    table = last.table
    bottom = table.n_rows - 1
    covering: dict[tuple[int, int], Cell] = {}
    for cell in table.cells:
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.col, cell.col + cell.colspan):
                covering[(r, c)] = cell
    first = [c for c in piece.table.cells if c.row == 0]
    if not any(c.text for c in first):
        return None
    pairs: dict[int, Cell] = {}
    key_cells: list[bool] = []  # in the columns every row fills: whether the cell is empty
    keys = _filled_columns(covering, bottom, table.n_cols)
    for cell in first:
        col = col_of[cell.col]
        upper = covering.get((bottom, col))
        if (
            upper is None
            or upper.col != col
            or upper.col + upper.colspan != col_of[cell.col + cell.colspan]
        ):
            return None
        if cell.text and not upper.text:
            return None
        if upper.row == bottom and upper.rowspan == 1 and col in keys:
            key_cells.append(not cell.text)
        pairs[id(cell)] = upper
    if sum(c.colspan for c in first) != piece.table.n_cols:
        return None
    empty = sum(key_cells)
    if empty and 2 * empty >= len(key_cells):
        return pairs
    if all(id(pairs[id(c)]) in last.deep for c in first if c.text):
        return pairs  # all the text goes on from cells the break cut at their last line
    return None


def _filled_columns(covering: dict[tuple[int, int], Cell], bottom: int, n_cols: int) -> set[int]:
    """The columns in which row ``bottom`` and every row right above it shaped alike (the
    same cells' columns) have a cell of their own with text: a row's name or number, say, not
    a group's merged cell."""

    def shape(row: int) -> tuple[tuple[int, int], ...] | None:
        cells = [covering.get((row, c)) for c in range(n_cols)]
        if any(c is None for c in cells):
            return None
        return tuple(dict.fromkeys((c.col, c.colspan) for c in cells if c is not None))

    wanted = shape(bottom)
    if wanted is None:
        return set()
    rows = [bottom]
    while rows[-1] > 0 and shape(rows[-1] - 1) == wanted:
        rows.append(rows[-1] - 1)
    return {col for col, _ in wanted if all(_own(covering[(r, col)], r) for r in rows)}


def _own(cell: Cell, row: int) -> bool:
    """Whether ``cell`` is a cell of ``row`` alone, with text."""
    return cell.row == row and cell.rowspan == 1 and bool(cell.text.strip())


def _dedupe(chars: list[Char]) -> list[Char]:
    """The characters less those drawn twice at almost the same place (Word's fake bold)."""
    out: list[Char] = []
    seen: dict[tuple[str, int, int], list[Char]] = {}
    for char in chars:
        text, x, y = char["text"], char["x0"], char["top"]
        near = (
            seen.get((text, int(x) + dx, int(y) + dy), ()) for dx in (-1, 0, 1) for dy in (-1, 0, 1)
        )
        if any(abs(o["x0"] - x) < 1 and abs(o["top"] - y) < 1 for group in near for o in group):
            continue
        seen.setdefault((text, int(x), int(y)), []).append(char)
        out.append(char)
    return out


def _table(boxes: Sequence[Box], chars: Iterable[Char], page: int) -> Table:
    """A Table with spans from the cell boxes of one ruled table (its index is set later)."""
    xs = _snap([v for b in boxes for v in (b[0], b[2])])
    ys = _snap([v for b in boxes for v in (b[1], b[3])])
    anchored: list[tuple[int, int, int, int, Box]] = []
    owner: dict[tuple[int, int], int] = {}
    for box in sorted(boxes, key=lambda b: (b[1], b[0])):
        r0, r1 = _nearest(ys, box[1]), _nearest(ys, box[3])
        c0, c1 = _nearest(xs, box[0]), _nearest(xs, box[2])
        if r1 <= r0 or c1 <= c0 or (r0, c0) in owner:
            continue
        for r in range(r0, r1):
            for c in range(c0, c1):
                owner.setdefault((r, c), len(anchored))
        anchored.append((r0, c0, r1 - r0, c1 - c0, box))
    texts: list[list[Char]] = [[] for _ in anchored]
    for char in chars:
        x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        r, c = bisect_right(ys, y) - 1, bisect_right(xs, x) - 1
        i = owner.get((r, c))
        if i is not None and _inside(char, anchored[i][4]):
            texts[i].append(char)
    table = Table(index=0, page=page)
    for (row, col, rowspan, colspan, box), cell_chars in zip(anchored, texts, strict=True):
        table.cells.append(
            Cell(
                text=_cell_text(cell_chars, box),
                row=row,
                col=col,
                rowspan=rowspan,
                colspan=colspan,
                loc=Loc(0, row, col, page, (box[0], box[1], box[2], box[3])),
            )
        )
    return table


def _snap(values: Iterable[float]) -> list[float]:
    """Distinct coordinates, merging those within SNAP of the previous one."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > SNAP:
            out.append(v)
    return out


def _nearest(edges: list[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def _inside(char: Char, box: Box) -> bool:
    x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _lines(chars: Iterable[Char]) -> list[list[Char]]:
    """Characters grouped into text lines, top to bottom, each left to right, blanks trimmed."""
    lines: list[list[Char]] = []
    spans: list[tuple[float, float]] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        middle = (char["top"] + char["bottom"]) / 2
        for i, (top, bottom) in enumerate(spans):
            if top <= middle <= bottom:
                lines[i].append(char)
                break
        else:
            lines.append([char])
            spans.append((char["top"], char["bottom"]))
    out = []
    for line in lines:
        line.sort(key=lambda c: c["x0"])
        kept = [i for i, c in enumerate(line) if c["text"].strip()]
        if kept:
            out.append(line[kept[0] : kept[-1] + 1])
    return out


def _wide(text: str) -> bool:
    return unicodedata.east_asian_width(text[:1]) in ("W", "F")


def _line_text(line: list[Char], cells: bool = False) -> str:
    """One line's text: runs of blanks become one space, and so does a visible gap between
    non-Chinese characters that the PDF draws without a space character. With ``cells`` (a
    line outside the tables), a gap of more than one and a half characters becomes two spaces,
    as between the cells of a table printed without lines."""
    parts: list[str] = []
    previous: Char | None = None
    for char in line:
        if not char["text"].strip():
            if parts and parts[-1] != " ":
                parts.append(" ")
            previous = None
            continue
        if previous is not None:
            gap = char["x0"] - previous["x1"]
            latin = not (_wide(char["text"]) or _wide(previous["text"]))
            if cells and gap > 1.5 * char["size"]:
                # a line outside the tables: a gap of two characters and more parts the cells
                # of a table printed without lines (Chinese is set without gaps); two spaces
                parts.append("  ")
            elif gap > 0.3 * char["size"] and latin:
                parts.append(" ")
        parts.append(char["text"])
        previous = char
    return "".join(parts)


def _cell_text(chars: list[Char], box: Box) -> str:
    """The cell's lines, with lines wrapped at the cell's right edge joined again."""
    lines = _lines(chars)
    if not lines:
        return ""
    inset = min(line[0]["x0"] for line in lines) - box[0]
    right = box[2] - max(inset, 0.0)
    out = _line_text(lines[0])
    for prev, line in zip(lines, lines[1:], strict=False):
        text = _line_text(line)
        first = _first_word_width(line)
        if prev[-1]["x1"] + first > right - 0.5:  # the next word would not have fitted: a wrap
            latin = not (_wide(out[-1:]) or _wide(text[:1]))
            out += (" " if latin else "") + text
        else:
            out += "\n" + text
    return out


def _first_word_width(line: list[Char]) -> float:
    """Width of the line's first word: one Chinese character, or a run of Latin ones."""
    start = line[0]["x0"]
    end = line[0]["x1"]
    if _wide(line[0]["text"]):
        return end - start
    for char in line[1:]:
        if _wide(char["text"]) or char["x0"] - end > 0.3 * char["size"]:
            break
        end = char["x1"]
    return end - start
