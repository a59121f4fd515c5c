"""Word (.docx/.docm) files: the OOXML body read straight with lxml into a span-aware Document.

The main part (word/document.xml) is walked once in reading order. Paragraphs outside tables
become `Paragraph` blocks; every `w:tbl` becomes a `Table` whose cells carry their real spans:
`w:gridSpan` is a colspan, a `w:vMerge` continue cell lengthens the rowspan of the cell above
it, `w:gridBefore` shifts a row to the right. A table nested in a cell is its own block, placed
after the table holding it. Tracked deletions are dropped and insertions kept, i.e. the text
reads as if every change had been accepted. Text boxes are left out.

python-docx is not used here: walking the tree directly is several times faster, and the
reader has to cope with files python-docx rejects.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass

from lxml import etree

from jixiao.model.grid import Block, Cell, Document, Loc, Paragraph, Table
from jixiao.read import safety
from jixiao.read.errors import ReadError
from jixiao.read.safety import open_zip, parse_xml, read_member

MAIN_PART = "word/document.xml"
MAX_SPAN = 1000  # no real table is wider; a hostile gridSpan must not make one so

_NAMESPACES = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",  # transitional
    "http://purl.oclc.org/ooxml/wordprocessingml/main",  # strict
)
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOCUMENT = re.compile(r"/officeDocument$")


@dataclass(frozen=True, slots=True)
class _Tags:
    """Qualified tag and attribute names of one WordprocessingML namespace."""

    body: str
    p: str
    r: str
    t: str
    tab: str
    br: str
    cr: str
    no_break_hyphen: str
    tbl: str
    tr: str
    tc: str
    tr_pr: str
    tc_pr: str
    grid_span: str
    v_merge: str
    h_merge: str
    grid_before: str
    sdt: str
    sdt_content: str
    custom_xml: str
    del_: str
    move_from: str
    txbx_content: str
    val: str

    @classmethod
    def of(cls, ns: str) -> _Tags:
        names = {
            "body": "body", "p": "p", "r": "r", "t": "t", "tab": "tab", "br": "br", "cr": "cr",
            "no_break_hyphen": "noBreakHyphen", "tbl": "tbl", "tr": "tr", "tc": "tc",
            "tr_pr": "trPr", "tc_pr": "tcPr", "grid_span": "gridSpan", "v_merge": "vMerge",
            "h_merge": "hMerge", "grid_before": "gridBefore", "sdt": "sdt",
            "sdt_content": "sdtContent", "custom_xml": "customXml", "del_": "del",
            "move_from": "moveFrom", "txbx_content": "txbxContent", "val": "val",
        }  # fmt: skip
        return cls(**{field: f"{{{ns}}}{local}" for field, local in names.items()})


_TAGS = {ns: _Tags.of(ns) for ns in _NAMESPACES}


def read_docx(data: bytes, file: str, sha256: str) -> Document:
    """Read a .docx file's body into paragraphs and span-aware tables."""
    doc = Document(file=file, sha256=sha256, format="docx")
    try:
        with open_zip(data) as archive:
            root = parse_xml(read_member(archive, _main_part(archive), data))
        tags = _TAGS.get(root.tag.partition("}")[0].lstrip("{"))
        if tags is None:
            raise ReadError("文件不是 Word 文档（正文部件的格式无法识别）")
        _accept_changes(root, tags)
        body = root.find(tags.body)
        if body is not None:
            _Walker(tags, doc.blocks).container(body)
    except ReadError:
        raise
    except Exception as exc:  # whatever else goes wrong must not surface as a library error
        raise ReadError("Word 文档内容结构异常，无法读取") from exc
    return doc


def _main_part(archive: zipfile.ZipFile) -> str:
    """The name of the main document part: word/document.xml, or what _rels/.rels says."""
    names = set(archive.namelist())
    if MAIN_PART in names:
        return MAIN_PART
    if "_rels/.rels" in names:
        rels = parse_xml(read_member(archive, "_rels/.rels"))
        for rel in rels.iter(f"{{{_RELS_NS}}}Relationship"):
            if _OFFICE_DOCUMENT.search(rel.get("Type", "")):
                target = rel.get("Target", "").lstrip("/")
                if target in names:
                    return target
    raise ReadError("压缩包中没有 Word 文档正文（word/document.xml），不是有效的 .docx 文件")


def _accept_changes(root: etree._Element, tags: _Tags) -> None:
    """Drop tracked deletions (runs and whole rows) and text-box content from the tree."""
    doomed = list(root.iter(tags.del_, tags.move_from, tags.txbx_content))
    for el in doomed:
        parent = el.getparent()
        if parent is None:
            continue
        if el.tag == tags.del_ and parent.tag == tags.tr_pr:  # a deleted table row
            row = parent.getparent()
            if row is not None and row.getparent() is not None:
                row.getparent().remove(row)
            continue
        parent.remove(el)


def _int_val(el: etree._Element, attr: str, default: int = 1) -> int:
    try:
        return max(0, min(int(el.get(attr, default)), MAX_SPAN))
    except ValueError:
        return default


class _Walker:
    """One pass over the body, appending blocks in reading order."""

    def __init__(self, tags: _Tags, blocks: list[Block]) -> None:
        self.tags = tags
        self.blocks = blocks
        self.n_tables = 0
        self.depth = 0  # tables open around the one being read
        self.marks = frozenset((tags.tab, tags.br, tags.cr, tags.no_break_hyphen))

    def container(self, parent: etree._Element) -> None:
        """Paragraphs and tables of the body or of a content control in it."""
        tags = self.tags
        for child in parent:
            tag = child.tag
            if tag == tags.p:
                text = self.paragraph(child)
                if text.strip():
                    self.blocks.append(Paragraph(text, len(self.blocks)))
            elif tag == tags.tbl:
                self.table(child)
            elif tag == tags.sdt or tag == tags.custom_xml:
                self.container(self._content(child))

    def _content(self, el: etree._Element) -> etree._Element:
        """The element whose children are the content of an sdt (or customXml itself)."""
        if el.tag == self.tags.sdt:
            content = el.find(self.tags.sdt_content)
            return content if content is not None else etree.Element("empty")
        return el

    def paragraph(self, p: etree._Element) -> str:
        tags = self.tags
        t = tags.t
        marks = self.marks
        parts: list[str] = []
        # every element, unfiltered: in lxml a tag filter costs more than the few elements
        # a paragraph holds besides its w:t
        for el in p.iter():
            tag = el.tag
            if tag == t:
                text = el.text
                if text:
                    parts.append(text)
            elif tag in marks:
                if tag == tags.tab:
                    if el.getparent().tag == tags.r:  # not a tab stop in w:pPr/w:tabs
                        parts.append(" ")
                elif tag == tags.no_break_hyphen:
                    parts.append("-")
                else:
                    parts.append("\n")
        return "".join(parts)

    def table(self, tbl: etree._Element) -> None:
        if self.depth >= safety.LIMITS.table_depth:
            raise ReadError(safety.too_deep())
        index = self.n_tables
        self.n_tables += 1
        table = Table(index=index)
        self.blocks.append(table)  # nested tables come after it
        # the cell most recently anchored at each grid column, for vMerge continue cells
        above: dict[int, Cell] = {}
        r = 0
        self.depth += 1
        for tr in self._rows(tbl):
            self.row(tr, r, table, above)
            r += 1
        self.depth -= 1

    def _rows(self, tbl: etree._Element) -> list[etree._Element]:
        tags = self.tags
        rows: list[etree._Element] = []
        for child in tbl:
            tag = child.tag
            if tag == tags.tr:
                rows.append(child)
            elif tag == tags.sdt or tag == tags.custom_xml:
                rows.extend(self._rows(self._content(child)))
        return rows

    def _cells(self, tr: etree._Element) -> tuple[int, list[etree._Element]]:
        """The row's gridBefore and its w:tc elements (also those inside content controls)."""
        tags = self.tags
        before = 0
        cells: list[etree._Element] = []
        for child in tr:
            tag = child.tag
            if tag == tags.tc:
                cells.append(child)
            elif tag == tags.tr_pr:
                for prop in child:
                    if prop.tag == tags.grid_before:
                        before = _int_val(prop, tags.val, 0)
            elif tag == tags.sdt or tag == tags.custom_xml:
                cells.extend(self._cells(self._content(child))[1])
        return before, cells

    def row(self, tr: etree._Element, r: int, table: Table, above: dict[int, Cell]) -> None:
        tags = self.tags
        # the names as locals: this loop runs for every cell of the document
        p_tag, tc_pr, tbl, sdt, custom_xml = tags.p, tags.tc_pr, tags.tbl, tags.sdt, tags.custom_xml
        grid_span, v_merge_tag, h_merge_tag, val = (
            tags.grid_span,
            tags.v_merge,
            tags.h_merge,
            tags.val,
        )
        paragraph = self.paragraph
        index = table.index
        add = table.cells.append
        col, cells = self._cells(tr)
        previous: Cell | None = None
        for tc in cells:
            span = 1
            v_merge: str | None = None
            h_merge: str | None = None
            # one pass over the cell's children: its properties, its paragraphs, its tables
            lines: list[str] = []
            props: etree._Element | None = None
            for child in tc:
                tag = child.tag
                if tag == p_tag:
                    lines.append(paragraph(child))
                elif tag == tc_pr:
                    if props is None:
                        props = child
                elif tag == tbl:
                    self.table(child)
                elif tag == sdt or tag == custom_xml:
                    self.cell_lines(self._content(child), lines)
            if props is not None:
                for prop in props:
                    ptag = prop.tag
                    if ptag == grid_span:
                        span = _int_val(prop, val) or 1
                    elif ptag == v_merge_tag:
                        v_merge = prop.get(val, "continue")
                    elif ptag == h_merge_tag:
                        h_merge = prop.get(val, "continue")
            # a merged cell's text is hidden in Word; its nested tables still count (read above)
            if v_merge is not None and v_merge != "restart":
                anchor = above.get(col)
                if anchor is not None and anchor.row + anchor.rowspan == r:
                    anchor.rowspan += 1
                    previous = None
                    col += span
                    continue
            if h_merge is not None and h_merge != "restart" and previous is not None:
                previous.colspan += span  # legacy horizontal merge
                col += span
                continue
            text = (lines[0] if len(lines) == 1 else "\n".join(lines)).strip("\n")
            cell = Cell(text, r, col, 1, span, Loc(index, r, col))
            add(cell)
            above[col] = cell
            previous = cell
            col += span

    def cell_lines(self, parent: etree._Element, lines: list[str]) -> None:
        """The paragraphs of a content control in a cell, appended to ``lines``; nested tables
        become blocks of their own."""
        tags = self.tags
        stack = [iter(parent)]
        while stack:
            for child in stack[-1]:
                tag = child.tag
                if tag == tags.p:
                    lines.append(self.paragraph(child))
                elif tag == tags.tbl:
                    self.table(child)
                elif tag == tags.sdt or tag == tags.custom_xml:
                    stack.append(iter(self._content(child)))
                    break
            else:
                stack.pop()
