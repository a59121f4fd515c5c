"""Writing span-aware tables to a Word (.docx) file, as the paper form looks.

Each table goes on its own A4 page with real merged cells (`w:gridSpan` across, `w:vMerge`
restart/continue down), 'Table Grid' borders and 宋体 text; a cell's lines become paragraphs.
`write_docx` makes test fixtures and the benchmark corpus; the form writers (`write.forms`) use
the same pieces with a layout's page, fonts and column widths. The table XML is built as one
string and parsed once instead of cell by cell through python-docx's object model.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
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
TWIPS_PER_MM = 1440 / 25.4
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_PAGE_BREAK = f'<w:p {nsdecls("w")}><w:r><w:br w:type="page"/></w:r></w:p>'

# how a cell's paragraphs are aligned: "center", "left", "both" (justified) or None (default)
Align = Callable[[Cell, int], str | None]


def write_docx(
    tables: list[Table], path_or_file: str | Path | IO[bytes], *, landscape: bool = False
) -> None:
    """Write the tables to a .docx file, one table per page."""
    width_mm, height_mm = (297, 210) if landscape else (210, 297)
    document = new_document(
        (width_mm, height_mm), (MARGIN_MM,) * 4, FONT, 10.5, landscape=landscape
    )
    text_width = int((width_mm - 2 * MARGIN_MM) * TWIPS_PER_MM)
    parts = []
    for i, table in enumerate(tables):
        if i:
            parts.append(_PAGE_BREAK)
        n_cols = max(table.n_cols, 1)
        parts.append(table_xml(table, [text_width // n_cols] * n_cols))
    save(document, parts, path_or_file)


def new_document(
    page_mm: tuple[float, float],
    margins_mm: tuple[float, float, float, float],
    font: str,
    size_pt: float,
    *,
    landscape: bool = False,
) -> WordDocument:
    """An empty document: page size, margins (top, bottom, left, right) and the body font."""
    document = docx.Document()
    _set_font(document, font, size_pt)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(page_mm[0]), Mm(page_mm[1])
    for side, mm in zip(
        ("top_margin", "bottom_margin", "left_margin", "right_margin"), margins_mm, strict=True
    ):
        setattr(section, side, Mm(mm))
    return document


def save(document: WordDocument, parts: list[str], out: str | Path | IO[bytes]) -> None:
    """Put the body parts (XML strings) before the section properties and save."""
    body = document.element.body
    sect_pr = body[-1]  # the default template's body is just its w:sectPr
    for part in parts:
        sect_pr.addprevious(parse_xml(part))
    sect_pr.addprevious(parse_xml(f"<w:p {nsdecls('w')}/>"))  # Word ends a body with a paragraph
    document.save(str(out) if isinstance(out, Path) else out)


def _set_font(document: WordDocument, font: str, size_pt: float) -> None:
    """One font for Latin and East Asian text alike, in the defaults and the Normal style."""
    normal = document.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(size_pt)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), font)
    for fonts in document.styles.element.iter(qn("w:rFonts")):
        for theme in ("w:asciiTheme", "w:eastAsiaTheme", "w:hAnsiTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
        for attr in ("w:ascii", "w:eastAsia", "w:hAnsi"):
            fonts.set(qn(attr), font)


def table_xml(
    table: Table,
    widths: list[int],
    align: Align | None = None,
    *,
    cant_split: bool = False,
    keep: Collection[int] = (),
) -> str:
    """The table as one w:tbl; ``widths`` are the grid columns in twips.

    ``cant_split`` keeps each row on one page (Word and LibreOffice move it to the next page
    whole rather than cutting its text in two); rows in ``keep`` stay on the page of the row
    after them (their paragraphs are "keep with next").
    """
    n_rows, n_cols = table.n_rows, len(widths)
    anchors: dict[tuple[int, int], Cell] = {(c.row, c.col): c for c in table.cells}
    # covered[(r, c)] = the anchor of a vertical merge reaching row r from above, at its column
    covered: dict[tuple[int, int], Cell] = {}
    for cell in table.cells:
        for r in range(cell.row + 1, cell.row + cell.rowspan):
            covered[(r, cell.col)] = cell

    def width(col: int, span: int) -> int:
        return sum(widths[col : col + span])

    out = [
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>',
        "".join(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
    ]
    row_props = "<w:trPr><w:cantSplit/></w:trPr>" if cant_split else ""
    for r in range(n_rows):
        out.append(f"<w:tr>{row_props}")
        keep_next = r in keep
        c = 0
        while c < n_cols:
            anchor = anchors.get((r, c))
            if anchor is not None:
                merge = '<w:vMerge w:val="restart"/>' if anchor.rowspan > 1 else ""
                w = width(c, anchor.colspan)
                jc = align(anchor, w) if align else None
                out.append(_tc(anchor.colspan, w, merge, anchor.text, jc, keep_next))
                c += anchor.colspan
            elif (cont := covered.get((r, c))) is not None:
                cw = width(c, cont.colspan)
                out.append(_tc(cont.colspan, cw, "<w:vMerge/>", "", None, keep_next))
                c += cont.colspan
            else:  # a hole in the grid: Word needs a cell there
                out.append(_tc(1, width(c, 1), "", "", None, keep_next))
                c += 1
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _tc(
    colspan: int, width: int, merge: str, text: str, jc: str | None, keep_next: bool = False
) -> str:
    span = f'<w:gridSpan w:val="{colspan}"/>' if colspan > 1 else ""
    props = ("<w:keepNext/>" if keep_next else "") + (f'<w:jc w:val="{jc}"/>' if jc else "")
    ppr = f"<w:pPr>{props}</w:pPr>" if props else ""
    paragraphs = "".join(_paragraph(line, ppr) for line in text.split("\n"))
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{merge}'
        f'<w:vAlign w:val="center"/></w:tcPr>{paragraphs}</w:tc>'
    )


def _paragraph(line: str, ppr: str = "", rpr: str = "") -> str:
    if not line:
        return f"<w:p>{ppr}</w:p>"
    runs = "<w:tab/>".join(
        f'<w:t xml:space="preserve">{escape(part)}</w:t>' if part else ""
        for part in _ILLEGAL.sub("", line).split("\t")
    )
    return f"<w:p>{ppr}<w:r>{rpr}{runs}</w:r></w:p>"


def paragraph_xml(
    text: str,
    *,
    font: str,
    size_pt: float,
    bold: bool = False,
    center: bool = True,
    page_break_before: bool = False,
    keep_next: bool = True,
) -> str:
    """A paragraph outside the table (a form's title or year) in its own font and size."""
    ppr = (
        "<w:pPr>"
        + ("<w:keepNext/>" if keep_next else "")
        + ("<w:pageBreakBefore/>" if page_break_before else "")
        + '<w:spacing w:before="0" w:after="120"/>'
        + ('<w:jc w:val="center"/>' if center else "")
        + "</w:pPr>"
    )
    half_points = round(size_pt * 2)
    name = escape(font, {'"': "&quot;"})
    rpr = (
        f'<w:rPr><w:rFonts w:ascii="{name}" w:eastAsia="{name}" w:hAnsi="{name}"/>'
        + ("<w:b/>" if bold else "")
        + f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
    )
    body = _paragraph(text.replace("\n", " "), ppr, rpr)
    return f"<w:p {nsdecls('w')}>" + body.removeprefix("<w:p>")
