"""An Office file's small parts are inflated straight from the file's bytes (zipfile's own
reading cost more than the inflating): the same bytes, and zipfile's reasons for anything odd."""

from __future__ import annotations

import io
import zipfile

import pytest

from jixiao.read.errors import ReadError
from jixiao.read.safety import _inflate, open_zip, read_member

XML = b'<?xml version="1.0"?><w:document>' + "年初预算数".encode() * 200 + b"</w:document>"


def _zip(method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as out:
        out.writestr("word/document.xml", XML)
        out.writestr("docProps/app.xml", b"<Properties/>")
    return buf.getvalue()


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])
def test_a_part_read_directly_is_the_part_zipfile_reads(method: int) -> None:
    data = _zip(method)
    with open_zip(data) as archive:
        assert _inflate(archive, "word/document.xml", data) == XML
        assert read_member(archive, "word/document.xml", data) == XML
        assert read_member(archive, "docProps/app.xml", data) == b"<Properties/>"


def test_a_part_whose_checksum_is_wrong_is_left_to_zipfile() -> None:
    data = bytearray(_zip(zipfile.ZIP_STORED))
    at = data.find("年".encode())
    data[at] ^= 0xFF  # one byte of the stored part changed: its CRC no longer matches
    with open_zip(bytes(data)) as archive:
        assert _inflate(archive, "word/document.xml", bytes(data)) is None
        with pytest.raises(ReadError, match="损坏"):
            read_member(archive, "word/document.xml", bytes(data))


def test_a_missing_part_is_refused_as_before() -> None:
    data = _zip()
    with open_zip(data) as archive, pytest.raises(ReadError, match="缺少"):
        read_member(archive, "word/missing.xml", data)
