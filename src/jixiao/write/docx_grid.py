"""Writing span-aware tables to a Word (.docx) file, as the paper form looks.

Each table goes on its own A4 page with real merged cells (`w:gridSpan` across, `w:vMerge`
restart/continue down), 'Table Grid' borders and 宋体 text; a cell's lines become paragraphs.
Used to make test fixtures and the benchmark corpus, so the table XML is built as one string
and parsed once instead of cell by cell through python-docx's object model.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape

import docx
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from jixiao.model.grid import Cell, Table

FONT = "宋体"
MARGIN_MM = 20
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_PAGE_BREAK = f'<w:p {nsdecls("w")}><w:r><w:br w:type="page"/></w:r></w:p>'


def write_docx(
    tables: list[Table], path_or_file: str | Path | IO[bytes], *, landscape: bool = False
) -> None:
    """Write the tables to a .docx file, one table per page."""
    document = docx.Document()
    _set_font(document)
    width_mm, height_mm = (297, 210) if landscape else (210, 297)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(width_mm), Mm(height_mm)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(MARGIN_MM))
    text_width = int((width_mm - 2 * MARGIN_MM) / 25.4 * 1440)  # twips

    body = document.element.body
    sect_pr = body[-1]  # the default template's body is just its w:sectPr
    for i, table in enumerate(tables):
        if i:
            sect_pr.addprevious(parse_xml(_PAGE_BREAK))
        sect_pr.addprevious(parse_xml(_table_xml(table, text_width)))
    sect_pr.addprevious(parse_xml(f"<w:p {nsdecls('w')}/>"))  # Word ends a body with a paragraph
    if isinstance(path_or_file, Path):
        path_or_file = str(path_or_file)
    document.save(path_or_file)


def _set_font(document: WordDocument) -> None:
    """宋体 for Latin and East Asian text alike, in the defaults and the Normal style."""
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)  # 五号
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    for fonts in document.styles.element.iter(qn("w:rFonts")):
        for theme in ("w:asciiTheme", "w:eastAsiaTheme", "w:hAnsiTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
        for attr in ("w:ascii", "w:eastAsia", "w:hAnsi"):
            fonts.set(qn(attr), FONT)


def _table_xml(table: Table, text_width: int) -> str:
    n_rows, n_cols = table.n_rows, table.n_cols
    col_width = text_width // max(n_cols, 1)
    anchors: dict[tuple[int, int], Cell] = {(c.row, c.col): c for c in table.cells}
    # covered[(r, c)] = the anchor of a vertical merge reaching row r from above, at its column
    covered: dict[tuple[int, int], Cell] = {}
    for cell in table.cells:
        for r in range(cell.row + 1, cell.row + cell.rowspan):
            covered[(r, cell.col)] = cell

    out = [
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{col_width * n_cols}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>',
        f'<w:gridCol w:w="{col_width}"/>' * n_cols,
        "</w:tblGrid>",
    ]
    for r in range(n_rows):
        out.append("<w:tr>")
        c = 0
        while c < n_cols:
            anchor = anchors.get((r, c))
            if anchor is not None:
                merge = '<w:vMerge w:val="restart"/>' if anchor.rowspan > 1 else ""
                out.append(_tc(anchor.colspan, col_width, merge, anchor.text))
                c += anchor.colspan
            elif (cont := covered.get((r, c))) is not None:
                out.append(_tc(cont.colspan, col_width, "<w:vMerge/>", ""))
                c += cont.colspan
            else:  # a hole in the grid: Word needs a cell there
                out.append(_tc(1, col_width, "", ""))
                c += 1
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _tc(colspan: int, col_width: int, merge: str, text: str) -> str:
    span = f'<w:gridSpan w:val="{colspan}"/>' if colspan > 1 else ""
    paragraphs = "".join(_paragraph(line) for line in text.split("\n"))
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{col_width * colspan}" w:type="dxa"/>{span}{merge}'
        f'<w:vAlign w:val="center"/></w:tcPr>{paragraphs}</w:tc>'
    )


def _paragraph(line: str) -> str:
    if not line:
        return "<w:p/>"
    runs = "<w:tab/>".join(
        f'<w:t xml:space="preserve">{escape(part)}</w:t>' if part else ""
        for part in _ILLEGAL.sub("", line).split("\t")
    )
    return f"<w:p><w:r>{runs}</w:r></w:p>"
