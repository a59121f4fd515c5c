"""Text files (the seeds' tab-prefixed format) in UTF-8, GB18030/GBK or UTF-16."""

from __future__ import annotations

from jixiao.model.grid import Document
from jixiao.read.encoding import decode_text
from jixiao.read.text import parse_text


def read_text_file(data: bytes, file: str, sha256: str) -> Document:
    return parse_text(decode_text(data), file, sha256)
