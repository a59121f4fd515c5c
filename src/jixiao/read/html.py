"""Web pages (.html/.htm): every `<table>` a Table, the text between them paragraphs.

Government sites publish the forms as HTML tables, often in GB2312/GBK. The encoding comes
from a BOM, then a `<meta charset>` or http-equiv content type (GB2312 and GBK are read as their
superset GB18030), then whichever of UTF-8 and GB18030 decodes the bytes.

Cells are placed on an occupancy grid the way a browser does: a cell goes to the first column
of its row not yet covered by a rowspan from above. A table nested in a cell becomes a table of
its own right after the outer one, and its text stays out of the outer cell.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from jixiao.model.grid import Block, Cell, Document, Loc, Paragraph, Table
from jixiao.read import safety
from jixiao.read.errors import ReadError

MAX_TABLE_AREA = 2_000_000  # grid positions a single table may cover
MAX_COLSPAN = 1000  # the HTML limits browsers apply
MAX_ROWSPAN = 65534

# lxml's plain HTML parser: lxml.html's own gives every element its class through a lookup
# written in Python, which cost more than the rest of the reading; nothing here needs its methods
_PARSER = etree.HTMLParser()
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_SPACE = re.compile(r"[ \t\r\n\f\v\xa0]+")
_NUMBER = re.compile(r"\s*(\d+)")
_GB = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "ms936", "euc-cn", "x-euc-cn", "csgb2312"}
_SKIP = {"script", "style", "head", "title", "noscript", "template", "object", "iframe"}
_BLOCK = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "main",
    "form",
    "fieldset",
    "address",
    "center",
    "hr",
    "body",
    "html",
    "caption",
    "figure",
}


def read_html(data: bytes, file: str, sha256: str) -> Document:
    """Read a web page into tables (with spans) and paragraphs, in reading order."""
    text = _XML_DECL.sub("", decode_html(data))
    doc = Document(file=file, sha256=sha256, format="html")
    if not text.strip():
        return doc
    try:
        root = lxml.html.document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise ReadError("网页内容无法解析（HTML 结构错误或文件为空）") from exc
    walker = _Walker(doc)
    walker.walk(root)
    walker.flush()
    return doc


def decode_html(data: bytes) -> str:
    """The page's text, decoded by BOM, declared charset, UTF-8 or GB18030 in that order.

    When none decodes every byte, the one with the fewest replacement characters wins.
    """
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(name, errors="replace")
    candidates = ["utf-8", "gb18030"]
    declared = _declared_charset(data[:8192])
    if declared:
        candidates.insert(0, declared)
    for name in candidates:
        try:
            return data.decode(name)
        except UnicodeDecodeError:
            continue
    # a few bad bytes: the decoding that loses the fewest characters
    decoded = (data.decode(name, errors="replace") for name in candidates)
    return min(decoded, key=lambda text: text.count("\ufffd"))


def _declared_charset(head: bytes) -> str | None:
    match = _META_CHARSET.search(head) or re.search(rb"<\?xml[^>]*encoding=[\"']([\w.\-]+)", head)
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    if name in _GB:
        return "gb18030"
    try:
        name = codecs.lookup(name).name
        b"<".decode(name, "replace")  # LookupError for a codec that is no text encoding (hex …)
    except LookupError:
        return None
    if name.startswith(("utf-16", "utf-32")):
        return None  # the declaration was read as ASCII, so the page is not UTF-16/32
    return name


@dataclass(slots=True)
class _Lines:
    """Text gathered line by line: HTML whitespace collapses, `<br>` starts a new line.

    Each line is a list of parts, joined at the end: adding to a str would copy the whole line
    for every inline element, quadratic on a long line of `<span>`s.
    """

    lines: list[list[str]] = field(default_factory=lambda: [[]])

    def add(self, text: str | None) -> None:
        if text:
            self.lines[-1].append(_SPACE.sub(" ", text))

    def newline(self) -> None:
        self.lines.append([])

    def soft_break(self) -> None:
        """A block boundary: a new line unless the current one is still empty."""
        if any(part.strip() for part in self.lines[-1]):
            self.lines.append([])

    def text(self) -> str:
        lines = ["".join(parts).strip() for parts in self.lines]
        while lines and not lines[0]:
            lines.pop(0)
        while lines and not lines[-1]:
            lines.pop()
        return "\n".join(lines)


def _tag(el: etree._Element) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


class _Walker:
    """Walks the page in document order: block elements' text as paragraphs, tables as tables."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.para = _Lines()

    def flush(self) -> None:
        text = self.para.text()
        self.para = _Lines()
        if text:
            self.doc.blocks.append(Paragraph(text, len(self.doc.blocks)))

    def emit(self, block: Block) -> None:
        self.flush()
        if isinstance(block, Paragraph):
            block.index = len(self.doc.blocks)
        self.doc.blocks.append(block)

    def walk(self, root: etree._Element) -> None:
        stack: list[tuple[etree._Element, bool]] = [(root, False)]
        while stack:  # iterative: a page may nest elements very deeply
            el, closing = stack.pop()
            tag = _tag(el)
            if closing:
                if tag in _BLOCK:
                    self.flush()
                self.para.add(el.tail)
                continue
            if not tag or tag in _SKIP:  # comments, processing instructions, scripts
                self.para.add(el.tail)
                continue
            if tag == "table":
                self.table(el)
                self.para.add(el.tail)
                continue
            if tag == "br":
                self.para.newline()
                self.para.add(el.tail)
                continue
            if tag in _BLOCK:
                self.flush()
            self.para.add(el.text)
            stack.append((el, True))
            stack.extend((child, False) for child in reversed(el))

    def table(self, el: etree._Element, depth: int = 1) -> None:
        """This table, then the tables nested in its cells, each as its own block; ``depth``
        counts this table and those around it."""
        if depth > safety.LIMITS.table_depth:
            raise ReadError(safety.too_deep())
        nested: list[etree._Element] = []
        caption = next((c for c in el if _tag(c) == "caption"), None)
        if caption is not None and (text := _cell_text(caption, nested)):
            self.emit(Paragraph(text))
        table = Table(index=len(self.doc.tables))
        self.emit(table)
        _fill_table(table, el, nested)
        for inner in nested:
            self.table(inner, depth + 1)


def _rows(table: etree._Element) -> Iterator[etree._Element]:
    """The table's own rows, through thead/tbody/tfoot, not those of nested tables."""
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            yield child
        elif tag in ("thead", "tbody", "tfoot"):
            yield from (row for row in child if _tag(row) == "tr")


def _number(value: str, default: int, limit: int) -> int:
    """A span attribute's value as browsers read it: its leading digits, at most ``limit``."""
    match = _NUMBER.match(value)
    if not match:
        return default
    return min(int(match.group(1)), limit)


def _fill_table(table: Table, el: etree._Element, nested: list[etree._Element]) -> None:
    rows = list(_rows(el))
    n_rows = len(rows)
    occupied: dict[int, set[int]] = {}
    area = 0
    index, cells = table.index, table.cells
    nothing: set[int] = set()
    for r, row in enumerate(rows):
        taken = occupied.pop(r, nothing)
        c = 0
        for td in row:
            if td.tag not in ("td", "th"):  # the HTML parser gives tag names in lower case
                continue
            while c in taken:
                c += 1
            colspan = rowspan = 1
            if (value := td.get("colspan")) is not None:
                colspan = max(_number(value, 1, MAX_COLSPAN), 1)
            if (value := td.get("rowspan")) is not None:
                rowspan = _number(value, 1, MAX_ROWSPAN)
                if rowspan != 1:  # (a row of its own always fits: r < n_rows)
                    rowspan = n_rows - r if rowspan == 0 else min(rowspan, n_rows - r)
            area += rowspan * colspan
            if area > MAX_TABLE_AREA:
                raise ReadError("网页中的表格过大（合并单元格范围异常），已拒绝读取")
            # this row's own columns are never looked at again: only the rows below count
            if rowspan > 1:
                for rr in range(r + 1, r + rowspan):
                    occupied.setdefault(rr, set()).update(range(c, c + colspan))
            if len(td):
                text = _cell_text(td, nested)
            else:  # text only, as most cells are: what _Lines would make of it
                text = td.text
                text = _SPACE.sub(" ", text).strip() if text else ""
            # positional arguments: this loop makes every cell of the page's tables
            cells.append(Cell(text, r, c, rowspan, colspan, Loc(index, r, c)))
            c += colspan


def _cell_text(cell: etree._Element, nested: list[etree._Element]) -> str:
    """A cell's text, with nested tables left out and collected in ``nested``."""
    if not len(cell):  # text only, as most cells are: what _Lines would make of it
        text = cell.text
        return _SPACE.sub(" ", text).strip() if text else ""
    lines = _Lines()
    lines.add(cell.text)
    stack: list[tuple[etree._Element, bool]] = [(child, False) for child in reversed(cell)]
    while stack:
        el, closing = stack.pop()
        tag = _tag(el)
        if closing:
            if tag in _BLOCK or tag == "tr":
                lines.soft_break()
            elif tag in ("td", "th"):
                lines.add(" ")
            lines.add(el.tail)
            continue
        if tag == "table":
            nested.append(el)
            lines.soft_break()
        elif tag == "br":
            lines.newline()
        elif tag and tag not in _SKIP:
            if tag in _BLOCK:
                lines.soft_break()
            lines.add(el.text)
            stack.append((el, True))
            stack.extend((child, False) for child in reversed(el))
            continue
        lines.add(el.tail)
    return lines.text()
