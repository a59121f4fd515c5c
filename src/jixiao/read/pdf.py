"""PDF files with a text layer and ruled tables.

pdfplumber finds each ruled table on a page and the boxes of its cells. A merged cell is one box
with no lines inside, so the spans come back by laying every cell box on the grid of the table's
distinct x and y edges. A cell's text is made from the characters whose centre lies in its box,
line by line. A table that runs onto the next page comes back as a separate Table: extraction
joins the rows. Text outside the tables comes back as one Paragraph per line.

A line that fills its cell to the right edge was wrapped by the program that made the PDF, not
broken by the writer: such lines are joined again (with a space between Latin words, with nothing
between Chinese characters). Every other line break is kept as "\\n".
"""

from __future__ import annotations

import io
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import Any

from jixiao.model.grid import Cell, Document, Loc, Paragraph, Table
from jixiao.read.errors import ReadError

SNAP = 2.0  # points: edges closer than this are one grid line
TABLE_SETTINGS: dict[str, Any] = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
}

Box = tuple[float, float, float, float]
Char = dict[str, Any]
LOCKED = "PDF 文件设有密码保护，请去除密码后重新提交"
DAMAGED = "PDF 文件已损坏或不完整，无法读取"


def read_pdf(data: bytes, file: str, sha256: str) -> Document:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    doc = Document(file=file, sha256=sha256, format="pdf")
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
            for number, page in enumerate(pdf.pages, start=1):
                try:
                    _read_page(page, number, doc, counts)
                finally:
                    page.close()  # drop the page's parsed objects before the next page
    except ReadError:
        raise
    except Exception as exc:
        if _is_password_error(exc):
            raise ReadError(LOCKED) from exc
        raise ReadError(DAMAGED) from exc
    if not counts[0]:
        raise ReadError("PDF 文件没有文字层，可能是扫描件；暂不支持扫描件识别")
    if counts[1] * 2 > counts[0]:
        raise ReadError(
            "PDF 文件中的文字无法识别（字体缺少文字编码信息），"
            "请从原文档重新导出 PDF，或提交 Word、Excel 原件"
        )
    return doc


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


def _read_page(page: Any, number: int, doc: Document, counts: list[int]) -> None:
    """Append the page's tables and lines to ``doc`` in reading order, and count its characters
    (``counts``: with text, and of those the ones pdfminer could only name "(cid:N)")."""
    chars = _dedupe(page.chars)
    texts = [c["text"] for c in chars if c["text"].strip()]
    if not texts:
        return
    counts[0] += len(texts)
    counts[1] += sum(t.startswith("(cid:") for t in texts)
    found = [t for t in page.find_tables(TABLE_SETTINGS) if len(t.cells) > 1]
    boxes = [t.bbox for t in found]
    outside = [c for c in chars if not any(_inside(c, box) for box in boxes)]
    items: list[tuple[float, Table | str]] = []
    for found_table in found:
        items.append((found_table.bbox[1], _table(found_table.cells, chars, number)))
    for line in _lines(outside):
        items.append((line[0]["top"], _line_text(line)))
    items.sort(key=lambda item: item[0])
    for _, item in items:
        if isinstance(item, Table):
            item.index = len(doc.tables)
            for cell in item.cells:
                assert cell.loc is not None
                cell.loc = Loc(item.index, cell.row, cell.col, number, cell.loc.box)
            doc.blocks.append(item)
        else:
            doc.blocks.append(Paragraph(item, len(doc.blocks)))


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


def _line_text(line: list[Char]) -> str:
    """One line's text: runs of blanks become one space, and so does a visible gap between
    non-Chinese characters that the PDF draws without a space character."""
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
            if gap > 0.3 * char["size"] and not (_wide(char["text"]) or _wide(previous["text"])):
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
