"""Readers: one module per file format, each turning bytes into a span-aware `Document`.

`read_file(path)` picks the reader from the file's content (magic bytes) and its suffix, and
turns every failure into a `ReadError` whose reason is Chinese.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable
from pathlib import Path

from jixiao.model.grid import Document
from jixiao.read.errors import ReadError

Reader = Callable[[bytes, str, str], Document]

MAX_FILE_BYTES = 100 * 1024 * 1024

__all__ = [
    "MAX_FILE_BYTES",
    "READERS",
    "SUFFIXES",
    "ReadError",
    "Reader",
    "read_bytes",
    "read_file",
]

# suffix → format name
SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".docx": "docx",
    ".docm": "docx",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xls": "xls",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".doc": "doc",
    ".wps": "wps",
    ".et": "xls",
    ".odt": "odt",
    ".ods": "ods",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".tif": "image",
    ".tiff": "image",
}


# format → "module:function"; a reader module is imported only when a file needs it
READERS = {
    "text": "jixiao.read.text_file:read_text_file",
    "docx": "jixiao.read.docx:read_docx",
    "xlsx": "jixiao.read.spreadsheet:read_spreadsheet",
    "xls": "jixiao.read.spreadsheet:read_spreadsheet",
    "html": "jixiao.read.html:read_html",
    "pdf": "jixiao.read.pdf:read_pdf",
    "doc": "jixiao.read.legacy:read_legacy",
    "wps": "jixiao.read.legacy:read_legacy",
    "odt": "jixiao.read.odf:read_odf",
    "ods": "jixiao.read.odf:read_odf",
    "image": "jixiao.read.scan:read_image",
}


# PNG, JPEG, TIFF (both byte orders): scans and photos, read by OCR
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def reader_for(fmt: str) -> Reader:
    module, _, name = READERS[fmt].partition(":")
    reader: Reader = getattr(importlib.import_module(module), name)
    return reader


def sniff(data: bytes, suffix: str) -> str:
    """The format of a file, from its first bytes first and its suffix second."""
    from jixiao.read.safety import ENCRYPTED, OLE_MAGIC, is_encrypted_ole

    if not data:
        raise ReadError("文件是空的（0 字节）")
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(IMAGE_MAGIC):
        return "image"
    if data.startswith(OLE_MAGIC):
        if is_encrypted_ole(data):
            raise ReadError(ENCRYPTED)
        if suffix in (".xls", ".et", ".xlsx", ".xlsm"):  # also an old workbook renamed
            return "xls"
        if suffix in (".doc", ".wps"):
            return suffix[1:]
        return "doc"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        from jixiao.read.odf import is_odf

        if (odf := is_odf(data)) is not None:
            return odf
        if suffix in (".xlsx", ".xlsm"):
            return "xlsx"
        if suffix in (".docx", ".docm"):
            return "docx"
        if b"word/" in data[:65536]:
            return "docx"
        if b"xl/" in data[:65536]:
            return "xlsx"
        if suffix in (".odt", ".ods"):  # without its mimetype first: the reader says what is wrong
            return suffix[1:]
        raise ReadError("文件是压缩包，但不是 Word（.docx）或 Excel（.xlsx）文档")
    head = data[:2048].lower()
    if suffix in (".html", ".htm") or b"<html" in head or b"<table" in head:
        return "html"
    fmt = SUFFIXES.get(suffix)
    if fmt in ("docx", "xlsx", "pdf", "xls", "doc", "image", "odt", "ods"):
        raise ReadError(f"文件扩展名为 {suffix}，但内容不是该格式（文件可能已损坏或被改名）")
    return "text"


def _check_size(size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise ReadError(
            f"文件过大（{size / 1024 / 1024:.0f} MB），超过 {MAX_FILE_BYTES // 1024 // 1024} MB 的上限"
        )


def read_bytes(data: bytes, file: str) -> Document:
    """Read one file's bytes; ``file`` names it in messages and provenance."""
    _check_size(len(data))
    fmt = sniff(data, Path(file).suffix.lower())
    sha256 = hashlib.sha256(data).hexdigest()
    return reader_for(fmt)(data, file, sha256)


def read_file(path: Path) -> Document:
    """Read a file from disk without loading more than the size limit allows."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError(f"无法打开文件：{exc.strerror or exc}") from exc
    _check_size(size)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"无法读取文件：{exc.strerror or exc}") from exc
    return read_bytes(data, str(path))
