"""Hand-made .docx files for reader tests: a minimal zip around a document.xml written by hand.

`tbl(tr(tc("a", span=2)), tr(tc("b", vmerge="restart"), ...))` builds WordprocessingML the way
Word writes it, so edge cases (nested tables, gridBefore, bare vMerge) can be spelled out
exactly; `docx_bytes(body)` wraps a body in a package.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

from jixiao.model.grid import Document
from jixiao.read.docx import read_docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)


def p(text: str = "") -> str:
    """A paragraph of one run; a tab in the text becomes w:tab, a newline w:br."""
    if not text:
        return "<w:p/>"
    parts = []
    for i, line in enumerate(text.split("\n")):
        if i:
            parts.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                parts.append("<w:tab/>")
            if piece:
                parts.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    return f"<w:p><w:r>{''.join(parts)}</w:r></w:p>"


def tc(*content: str, span: int = 1, vmerge: str | None = None) -> str:
    """A cell. Each content item is paragraph text, or raw XML when it starts with "<".

    vmerge: None (no merge), "restart", "continue", or "" for a bare <w:vMerge/>.
    """
    props = f'<w:gridSpan w:val="{span}"/>' if span != 1 else ""
    if vmerge == "":
        props += "<w:vMerge/>"
    elif vmerge is not None:
        props += f'<w:vMerge w:val="{vmerge}"/>'
    body = "".join(c if c.startswith("<") else p(c) for c in content) or "<w:p/>"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>"


def tr(*cells: str, before: int = 0, after: int = 0) -> str:
    props = ""
    if before:
        props += f'<w:gridBefore w:val="{before}"/>'
    if after:
        props += f'<w:gridAfter w:val="{after}"/>'
    return f"<w:tr>{f'<w:trPr>{props}</w:trPr>' if props else ''}{''.join(cells)}</w:tr>"


def tbl(*rows: str) -> str:
    return f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr>{"".join(rows)}</w:tbl>'


def document_xml(body: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}<w:sectPr/></w:body></w:document>'
    )


def package(parts: dict[str, bytes | str]) -> bytes:
    """A zip of the given parts (deflated)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buf.getvalue()


def docx_bytes(body: str = "", *, document: str | bytes | None = None) -> bytes:
    """A .docx whose body is ``body`` (or whose document.xml is ``document`` verbatim)."""
    return package(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "_rels/.rels": RELS,
            "word/document.xml": document if document is not None else document_xml(body),
        }
    )


def read(body: str) -> Document:
    """Read a hand-made body with the docx reader."""
    return read_docx(docx_bytes(body), "test.docx", "0" * 64)
