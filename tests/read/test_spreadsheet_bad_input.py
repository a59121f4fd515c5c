"""Broken, encrypted and hostile workbooks are refused with a Chinese reason, quickly."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pytest

from jixiao.read.errors import ReadError
from jixiao.read.safety import OLE_MAGIC
from jixiao.read.spreadsheet import read_spreadsheet

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _xlsx() -> bytes:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "项目名称"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _with_member(name: str, data: bytes) -> bytes:
    """The small workbook with one part replaced."""
    src = zipfile.ZipFile(io.BytesIO(_xlsx()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info.filename, data if info.filename == name else src.read(info))
    return buf.getvalue()


def _refused(data: bytes, suffix: str = "xlsx") -> str:
    with pytest.raises(ReadError) as caught:
        read_spreadsheet(data, f"bad.{suffix}", "h")
    assert CHINESE.search(caught.value.reason)
    return caught.value.reason


def test_a_truncated_xlsx_is_refused() -> None:
    assert "损坏" in _refused(_xlsx()[:1500])


def test_an_encrypted_ole_file_is_refused_as_password_protected() -> None:
    data = OLE_MAGIC + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 1024
    assert "密码" in _refused(data, "xls")


def test_a_corrupt_xls_is_refused() -> None:
    assert "损坏" in _refused(OLE_MAGIC + b"\x00" * 4096, "xls")


def test_a_file_that_is_no_spreadsheet_is_refused() -> None:
    assert "Excel" in _refused(b"<html><body>not a workbook</body></html>")


def test_a_zip_bomb_sheet_is_refused_before_it_is_inflated() -> None:
    bomb = b"<c>" + b"A" * (110 * 1024 * 1024)
    assert "压缩炸弹" in _refused(_with_member("xl/worksheets/sheet1.xml", bomb))


def test_a_sheet_declaring_an_xml_entity_is_refused() -> None:
    sheet = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&a;</t></is></c></row>'
        b"</sheetData></worksheet>"
    )
    assert "实体" in _refused(_with_member("xl/worksheets/sheet1.xml", sheet))


def test_a_sheet_with_one_cell_far_away_is_refused_instead_of_exhausting_memory() -> None:
    sheet = (
        b'<?xml version="1.0"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
        b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>y</t></is></c></row>'
        b"</sheetData></worksheet>"
    )
    assert "过大" in _refused(_with_member("xl/worksheets/sheet1.xml", sheet))


def _central_directory_patched(data: bytes, name: str, offset: int, value: int) -> bytes:
    """The workbook with one 2-byte field of ``name``'s central-directory entry set."""
    out = bytearray(data)
    at = out.find(b"PK\x01\x02")
    while at >= 0:
        length = int.from_bytes(out[at + 28 : at + 30], "little")
        if out[at + 46 : at + 46 + length] == name.encode():
            out[at + offset : at + offset + 2] = value.to_bytes(2, "little")
        at = out.find(b"PK\x01\x02", at + 4)
    return bytes(out)


def test_a_sheet_stored_with_zip_encryption_is_refused_not_raised() -> None:
    flags_offset = 8
    data = _central_directory_patched(_xlsx(), "xl/worksheets/sheet1.xml", flags_offset, 1)
    assert "密码" in _refused(data)


def test_a_sheet_stored_with_an_unsupported_compression_method_is_refused_not_raised() -> None:
    method_offset = 10
    data = _central_directory_patched(_xlsx(), "xl/worksheets/sheet1.xml", method_offset, 99)
    assert "损坏" in _refused(data)


FAR_SHEET = (
    b'<?xml version="1.0"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
    b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>y</t></is></c></row>'
    b"</sheetData></worksheet>"
)


def test_a_huge_sheet_is_refused_wherever_the_workbook_keeps_it() -> None:
    """calamine follows the workbook's relationships, not the conventional folder name."""
    src = zipfile.ZipFile(io.BytesIO(_xlsx()))
    moved = {"xl/worksheets/sheet1.xml": "xl/data/s.xml"}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = FAR_SHEET if info.filename in moved else src.read(info)
            data = data.replace(b"worksheets/sheet1.xml", b"data/s.xml")
            out.writestr(moved.get(info.filename, info.filename), data)
    assert "过大" in _refused(buf.getvalue())


def test_the_cell_reference_scan_stays_linear_on_unclosed_tags() -> None:
    sheet = b"<worksheet><sheetData>" + b"<c " * 200_000 + b"/></sheetData></worksheet>"
    _refused(_with_member("xl/worksheets/sheet1.xml", sheet))  # within the time limit
