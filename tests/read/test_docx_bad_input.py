"""Broken or hostile .docx files are refused quickly with a reason in Chinese."""

import io
import re
import zipfile

import pytest
from docx_builder import CONTENT_TYPES, RELS, W_NS, docx_bytes, p, package, tbl, tc, tr

from jixiao.read import read_bytes
from jixiao.read.docx import read_docx
from jixiao.read.errors import ReadError

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def refused(data: bytes, name: str = "bad.docx") -> str:
    """The reason the reader gives, checked to be Chinese."""
    with pytest.raises(ReadError) as info:
        read_docx(data, name, "0" * 64)
    reason = info.value.reason
    assert CHINESE.search(reason), reason
    return reason


def good_docx() -> bytes:
    return docx_bytes(p("正文") + tbl(tr(tc("项目名称"), tc("某项目"))))


def test_a_truncated_docx_is_refused_as_damaged():
    data = good_docx()
    assert "损坏" in refused(data[: len(data) // 2])


def test_a_docx_with_corrupted_compressed_data_is_refused_as_damaged():
    data = bytearray(docx_bytes(p("正文" * 2000)))
    member = data.find(b"word/document.xml") + len("word/document.xml")
    data[member + 20 : member + 60] = b"\xff" * 40  # inside the deflated document part
    assert "损坏" in refused(bytes(data))


def test_a_zip_that_is_not_a_docx_is_refused():
    data = package({"readme.txt": "这不是 Word 文档", "data/values.csv": "a,b\n1,2\n"})
    assert "document.xml" in refused(data)
    with pytest.raises(ReadError) as info:
        read_bytes(data, "renamed.docx")
    assert CHINESE.search(info.value.reason)


def test_a_document_declaring_an_entity_is_refused():
    document = (
        '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "笑笑笑笑笑笑笑笑">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p>'
        "</w:body></w:document>"
    )
    assert "实体" in refused(docx_bytes(document=document))


def test_a_document_with_a_doctype_pointing_outside_is_refused():
    document = (
        '<?xml version="1.0"?><!DOCTYPE w:document SYSTEM "file:///etc/passwd">'
        f'<w:document xmlns:w="{W_NS}"><w:body/></w:document>'
    )
    assert "DTD" in refused(docx_bytes(document=document))


def test_a_document_that_is_not_xml_is_refused():
    assert "XML" in refused(docx_bytes(document="<w:document><w:body><w:p>"))


def test_a_zip_bomb_is_refused_without_inflating_it():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b"A" * (1024 * 1024)
            for _ in range(101):  # 101 MB of one repeated byte, about 100 KB deflated
                part.write(chunk)
    data = buf.getvalue()
    assert len(data) < 1024 * 1024
    assert "压缩炸弹" in refused(data)


def test_a_part_whose_header_understates_its_size_is_still_capped():
    """A bomb that lies about its uncompressed size is stopped while inflating."""
    big = docx_bytes(document=b"<" + b"A" * (20 * 1024 * 1024))
    archive = zipfile.ZipFile(io.BytesIO(big))
    info = archive.getinfo("word/document.xml")
    lie = info.file_size.to_bytes(4, "little")
    small = (1000).to_bytes(4, "little")
    data = big.replace(lie, small)  # both the local header and the central directory entry
    assert data.count(small) >= 2
    assert "损坏" in refused(data)  # inflation stopped at the stated size: the XML is cut short


def test_a_document_part_with_zip_encryption_is_refused_as_password_protected():
    data = bytearray(good_docx())
    at = data.find(b"PK\x01\x02")
    while at >= 0:  # set the "encrypted" flag of word/document.xml in the central directory
        length = int.from_bytes(data[at + 28 : at + 30], "little")
        if data[at + 46 : at + 46 + length] == b"word/document.xml":
            data[at + 8] |= 1
        at = data.find(b"PK\x01\x02", at + 4)
    assert "密码" in refused(bytes(data))
