"""Text files (the seeds' tab-prefixed format) in UTF-8, GB18030/GBK or UTF-16.

Text pasted from a web page or a spreadsheet is a different thing: its lines hold the cells of
a row separated by tabs, and no line starts with one. The merged cells are gone, so the cells
of a row no longer stand in their columns: each line is kept as a paragraph, and the extractor
rebuilds the form from its labels and order (`jixiao.extract.flat`).
"""

from jixiao.model.grid import Document, Paragraph
from jixiao.read.encoding import decode_text
from jixiao.read.text import parse_text


def read_text_file(data: bytes, file: str, sha256: str) -> Document:
    text = decode_text(data)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if any("\t" in line for line in lines) and not any(line.startswith("\t") for line in lines):
        doc = Document(file=file, sha256=sha256, format="text")
        for line in lines:
            if line.strip():
                doc.blocks.append(Paragraph(line.strip(), len(doc.blocks)))
        return doc
    return parse_text(text, file, sha256)
