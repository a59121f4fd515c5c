"""OpenDocument files (.odt text, .ods spreadsheet): content.xml read with lxml.

An OpenDocument file is a zip whose ``mimetype`` member names the kind of document and whose
``content.xml`` holds the body. Both kinds keep tables alike: ``table:table`` of
``table:table-row`` (also inside header-row and row-group elements) of ``table:table-cell``,
a merged cell carrying ``table:number-columns-spanned`` / ``table:number-rows-spanned`` and the
places it covers written as ``table:covered-table-cell``. Rows and cells may stand for several
(``number-rows-repeated`` / ``number-columns-repeated``): a spreadsheet pads every sheet so to
its last possible row and column, so empty repeats only move on and filled ones are capped.

A text document is read like a Word file (see `jixiao.read.docx`): paragraphs and headings
outside tables become `Paragraph` blocks in reading order, every table a `Table` with its real
spans, a table nested in a cell its own block after the table holding it; ``text:line-break``
is a line break, ``text:s`` spaces and ``text:tab`` a space. A spreadsheet is read like an
Excel workbook (see `jixiao.read.spreadsheet`): one table per sheet trimmed to its used area,
numbers as a clerk typed them (12.0 as "12"), dates as YYYY-MM-DD.

A file whose parts are encrypted (saved with a password) says so in META-INF/manifest.xml: it is
refused with the same message as a protected Word or Excel file.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator

from lxml import etree

from jixiao.model.grid import Block, Cell, Document, Loc, Paragraph, Table
from jixiao.read import safety
from jixiao.read.errors import ReadError
from jixiao.read.safety import ENCRYPTED, open_zip, parse_xml, read_member
from jixiao.read.spreadsheet import _sheet_table, cell_text

MIME_TEXT = "application/vnd.oasis.opendocument.text"
MIME_SPREADSHEET = "application/vnd.oasis.opendocument.spreadsheet"
MAX_SPAN = 1000  # no real table is wider or taller in one cell
MAX_REPEAT = 1000  # a filled row or cell repeated more often than this is cut here
MAX_ROWS = 100_000  # rows of one table
MAX_COLS = 16_384  # columns of one table (as many as a spreadsheet can have)

OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
MANIFEST = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


BODY = _q(OFFICE, "body")
OFFICE_TEXT = _q(OFFICE, "text")
OFFICE_SPREADSHEET = _q(OFFICE, "spreadsheet")
ANNOTATION = _q(OFFICE, "annotation")
VALUE_TYPE = _q(OFFICE, "value-type")
VALUE = _q(OFFICE, "value")
DATE_VALUE = _q(OFFICE, "date-value")
BOOLEAN_VALUE = _q(OFFICE, "boolean-value")
TABLE_TABLE = _q(TABLE, "table")
TABLE_NAME = _q(TABLE, "name")
ROW = _q(TABLE, "table-row")
CELL = _q(TABLE, "table-cell")
COVERED = _q(TABLE, "covered-table-cell")
ROW_CONTAINERS = {
    _q(TABLE, name) for name in ("table-header-rows", "table-rows", "table-row-group")
}
COLS_SPANNED = _q(TABLE, "number-columns-spanned")
ROWS_SPANNED = _q(TABLE, "number-rows-spanned")
COLS_REPEATED = _q(TABLE, "number-columns-repeated")
ROWS_REPEATED = _q(TABLE, "number-rows-repeated")
P = _q(TEXT, "p")
H = _q(TEXT, "h")
SPACE = _q(TEXT, "s")
TAB = _q(TEXT, "tab")
LINE_BREAK = _q(TEXT, "line-break")
SOFT_PAGE_BREAK = _q(TEXT, "soft-page-break")
NOTE = _q(TEXT, "note")
TRACKED = _q(TEXT, "tracked-changes")
COUNT = _q(TEXT, "c")
# block containers whose paragraphs and tables are read as if they stood in the body
CONTAINERS = {_q(TEXT, n) for n in ("list", "list-item", "list-header", "section", "index-body")}
CONTAINERS |= {
    _q(TEXT, n) for n in ("table-of-content", "alphabetical-index", "illustration-index")
}
ENCRYPTION_DATA = _q(MANIFEST, "encryption-data")
FULL_PATH = _q(MANIFEST, "full-path")

NOT_ODF = "文件不是有效的 OpenDocument 文档（.odt/.ods），可能已损坏或被改名"
BROKEN = "OpenDocument 文档内容结构异常，无法读取"


def is_odf(data: bytes) -> str | None:
    """ "odt" or "ods" when the zip's first member is an OpenDocument ``mimetype`` naming one."""
    head = data[:200]
    if b"mimetype" not in head:
        return None
    if MIME_SPREADSHEET.encode() in head:
        return "ods"
    if MIME_TEXT.encode() in head:
        return "odt"
    return None


def read_odf(data: bytes, file: str, sha256: str) -> Document:
    """Read an .odt or .ods file into a span-aware Document."""
    try:
        with open_zip(data) as archive:
            kind = _kind(archive)
            _refuse_encrypted(archive)
            root = parse_xml(read_member(archive, "content.xml"))
        body = root.find(BODY)
        doc = Document(file=file, sha256=sha256, format=kind)
        if body is None:
            return doc
        if kind == "ods":
            sheet = body.find(OFFICE_SPREADSHEET)
            if sheet is not None:
                _read_sheets(sheet, doc)
        else:
            text = body.find(OFFICE_TEXT)
            if text is not None:
                _TextWalker(doc.blocks).container(text)
    except ReadError:
        raise
    except Exception as exc:  # whatever else goes wrong must not surface as a library error
        raise ReadError(BROKEN) from exc
    return doc


def _kind(archive: zipfile.ZipFile) -> str:
    """ "odt" or "ods" from the ``mimetype`` member, else a ReadError."""
    names = set(archive.namelist())
    if "mimetype" in names:
        mime = read_member(archive, "mimetype").decode("ascii", "replace").strip()
        if mime == MIME_TEXT:
            return "odt"
        if mime == MIME_SPREADSHEET:
            return "ods"
        if mime.startswith("application/vnd.oasis.opendocument."):
            raise ReadError(
                f"OpenDocument 文档类型（{mime.rsplit('.', 1)[-1]}）不受支持，"
                "请提交文字文档（.odt）或电子表格（.ods）"
            )
    raise ReadError(NOT_ODF)


def _refuse_encrypted(archive: zipfile.ZipFile) -> None:
    if "META-INF/manifest.xml" not in set(archive.namelist()):
        return
    manifest = parse_xml(read_member(archive, "META-INF/manifest.xml"))
    for entry in manifest:
        if entry.get(FULL_PATH) == "content.xml" and entry.find(ENCRYPTION_DATA) is not None:
            raise ReadError(ENCRYPTED)


def _int(el: etree._Element, attr: str, cap: int) -> int:
    try:
        return max(1, min(int(el.get(attr, "1")), cap))
    except ValueError:
        return 1


def _paragraph(p: etree._Element) -> str:
    """A paragraph's text: spaces, tabs and line breaks as written; notes and comments left
    out."""
    parts: list[str] = []

    def walk(el: etree._Element) -> None:
        if el.text:
            parts.append(el.text)
        for child in el:
            tag = child.tag
            if tag == SPACE:
                parts.append(" " * _int(child, COUNT, MAX_SPAN))
            elif tag == TAB:
                parts.append(" ")
            elif tag == LINE_BREAK:
                parts.append("\n")
            elif tag not in (NOTE, ANNOTATION) and isinstance(tag, str):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(p)
    return "".join(parts)


def _rows(table: etree._Element) -> Iterator[etree._Element]:
    """The table's rows in order, also those inside header-row and row-group elements."""
    for child in table:
        if child.tag == ROW:
            yield child
        elif child.tag in ROW_CONTAINERS:
            yield from _rows(child)


class _Grid:
    """A table's cells placed on its grid: covered places skipped, repeats expanded (empty
    ones only when ``keep_empty``), everything capped."""

    def __init__(self, keep_empty: bool) -> None:
        self.keep_empty = keep_empty
        self.cells: list[tuple[int, int, int, int, str]] = []  # row, col, rowspan, colspan, text
        self.n_rows = 0

    def read(self, table: etree._Element, text_of: _CellText) -> None:
        r = 0
        for row in _rows(table):
            if r >= MAX_ROWS:
                break
            repeat = _int(row, ROWS_REPEATED, MAX_ROWS)
            first = len(self.cells)
            self._row(row, r, text_of)
            placed = self.cells[first:]
            if repeat > 1 and (placed or self.keep_empty):
                repeat = min(repeat, MAX_REPEAT, MAX_ROWS - r)
                for k in range(1, repeat):
                    self.cells.extend((r + k, c, rs, cs, t) for _, c, rs, cs, t in placed)
            r += repeat
            if len(self.cells) > safety.LIMITS.sheet_cells:
                raise ReadError(safety.too_many_cells("表格", len(self.cells)))
        self.n_rows = r

    def _row(self, row: etree._Element, r: int, text_of: _CellText) -> None:
        c = 0
        for cell in row:
            if cell.tag not in (CELL, COVERED):
                continue
            repeat = _int(cell, COLS_REPEATED, MAX_COLS)
            if c >= MAX_COLS:
                break
            if cell.tag == COVERED:
                c += repeat
                continue
            text = text_of(cell)
            rowspan = _int(cell, ROWS_SPANNED, MAX_SPAN)
            colspan = _int(cell, COLS_SPANNED, MAX_SPAN)
            if not text and not self.keep_empty and rowspan == colspan == 1:
                c += repeat
                continue
            for k in range(min(repeat, MAX_REPEAT, MAX_COLS - c)):
                self.cells.append((r, c + k, rowspan, colspan, text))
            c += repeat  # the places a merged cell covers are written as covered cells


class _CellText:
    def __call__(self, cell: etree._Element) -> str:  # pragma: no cover - an interface
        raise NotImplementedError


class _TextWalker(_CellText):
    """One pass over a text document's body, appending blocks in reading order."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self.n_tables = 0
        self.depth = 0  # tables open around the one being read

    def container(self, parent: etree._Element) -> None:
        for child in parent:
            tag = child.tag
            if tag in (P, H):
                text = _paragraph(child)
                if text.strip():
                    self.blocks.append(Paragraph(text, len(self.blocks)))
            elif tag == TABLE_TABLE:
                self.table(child)
            elif tag in CONTAINERS:
                self.container(child)

    def table(self, el: etree._Element) -> None:
        if self.depth >= safety.LIMITS.table_depth:
            raise ReadError(safety.too_deep())
        table = Table(index=self.n_tables)
        self.n_tables += 1
        self.blocks.append(table)  # nested tables come after it
        grid = _Grid(keep_empty=True)
        self.depth += 1
        grid.read(el, self)
        self.depth -= 1
        for row, col, rowspan, colspan, text in grid.cells:
            loc = Loc(table.index, row, col)
            table.cells.append(Cell(text, row, col, rowspan, colspan, loc))

    def __call__(self, cell: etree._Element) -> str:
        """The cell's paragraphs joined by newlines; nested tables become blocks of their own."""
        lines: list[str] = []

        def walk(parent: etree._Element) -> None:
            for child in parent:
                tag = child.tag
                if tag in (P, H):
                    lines.append(_paragraph(child))
                elif tag == TABLE_TABLE:
                    self.table(child)
                elif tag in CONTAINERS:
                    walk(child)

        walk(cell)
        return "\n".join(lines).strip("\n")


class _SheetText(_CellText):
    """A spreadsheet cell's value as the Excel reader gives it."""

    def __call__(self, cell: etree._Element) -> str:
        kind = cell.get(VALUE_TYPE, "")
        try:
            if kind in ("float", "percentage", "currency") and cell.get(VALUE) is not None:
                return cell_text(float(cell.get(VALUE, "")))
            if kind == "date" and cell.get(DATE_VALUE):
                value = cell.get(DATE_VALUE, "")
                if "T" in value:
                    return cell_text(dt.datetime.fromisoformat(value))
                return cell_text(dt.date.fromisoformat(value))
            if kind == "boolean" and cell.get(BOOLEAN_VALUE):
                return cell_text(cell.get(BOOLEAN_VALUE) == "true")
        except ValueError:
            pass  # a value the file's own display text shows better
        lines = [_paragraph(p) for p in cell.iter(P, H)]
        return "\n".join(lines).strip("\n")


def _read_sheets(spreadsheet: etree._Element, doc: Document) -> None:
    """One table per sheet with content, trimmed to its used area as an Excel sheet is."""
    text_of = _SheetText()
    for number, sheet in enumerate(spreadsheet.findall(TABLE_TABLE), start=1):
        grid = _Grid(keep_empty=False)
        grid.read(sheet, text_of)
        name = sheet.get(TABLE_NAME, f"Sheet{number}")
        rows: dict[int, dict[int, str]] = {}
        merges = []
        for r, c, rowspan, colspan, text in grid.cells:
            rows.setdefault(r, {})[c] = text
            if rowspan > 1 or colspan > 1:
                merges.append(((r, c), (r + rowspan - 1, c + colspan - 1)))
        if not rows:
            continue
        top, left = min(rows), min(c for row in rows.values() for c in row)
        right = max(c for row in rows.values() for c in row)
        if (cells := (max(rows) - top + 1) * (right - left + 1)) > safety.LIMITS.sheet_cells:
            raise ReadError(safety.too_many_cells(f"工作表“{name}”", cells))
        dense = [
            [rows.get(r, {}).get(c, "") for c in range(left, right + 1)]
            for r in range(top, max(rows) + 1)
        ]
        table = _sheet_table(dense, (top, left), merges, name, number, len(doc.tables))
        if table is not None:
            doc.blocks.append(table)
