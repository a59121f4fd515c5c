"""Bad files in a batch: each gets a Chinese message naming it and the reason; the rest go on.

Every case is a real file of that kind made here: a corrupt and a truncated Word file, an empty
file, a password-protected Word file (encrypted with msoffcrypto-tool), a zip bomb, Word XML
declaring entities, a 200 MB file, a document with no form, text in an encoding jixiao cannot
tell, a PDF cut short.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from seeds import SAMPLES

from jixiao.services.parse import parse_paths

GOOD = SAMPLES / "004_b10b36a27f1da553.txt"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def make_docx(document_xml: bytes, compresslevel: int | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", document_xml)
    return buf.getvalue()


def plain_docx(text: str) -> bytes:
    body = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
    return make_docx(
        f'<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>'.encode()
    )


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def run_batch(tmp_path: Path, bad: Path) -> tuple[str, int]:
    """Parse the bad file between two good ones; return its message and the forms read."""
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(GOOD, folder / "a_good.txt")
    shutil.move(bad, folder / bad.name)
    shutil.copy(GOOD, folder / "z_good.txt")
    result = parse_paths([folder])
    assert len(result.errors) == 1, result.errors
    error = result.errors[0]
    assert error.file.endswith(bad.name)
    assert bad.name in error.message
    return error.message, len(result.forms)


def check(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    message, n_forms = run_batch(tmp_path, write(tmp_path, name, data))
    assert reason in message, message
    assert n_forms == 4  # both good files read in full


def test_it_reports_an_empty_file(tmp_path: Path) -> None:
    check(tmp_path, "empty.docx", b"", "空")


def test_it_reports_a_corrupt_word_file(tmp_path: Path) -> None:
    check(tmp_path, "corrupt.docx", b"PK\x03\x04" + bytes(range(256)) * 8, "损坏")


def test_it_reports_a_truncated_word_file(tmp_path: Path) -> None:
    data = plain_docx("项目名称" * 2000)
    check(tmp_path, "truncated.docx", data[: len(data) // 2], "损坏")


def test_it_reports_a_password_protected_word_file(tmp_path: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(plain_docx("项目名称"))).encrypt("密码123", out)
    check(tmp_path, "locked.docx", out.getvalue(), "密码")


def test_it_refuses_a_zip_bomb(tmp_path: Path) -> None:
    huge = b'<?xml version="1.0"?><w:document ' + W.encode() + b"><w:body>"
    huge += b" " * (150 * 1024 * 1024) + b"</w:body></w:document>"
    data = make_docx(huge, compresslevel=9)
    assert len(data) < 1024 * 1024
    check(tmp_path, "bomb.docx", data, "压缩炸弹")


def test_it_refuses_xml_entity_tricks(tmp_path: Path) -> None:
    xml = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "项目名称项目名称">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c SYSTEM "file:///etc/passwd">]>'
        f"<w:document {W}><w:body><w:p><w:r><w:t>&b;&c;</w:t></w:r></w:p></w:body></w:document>"
    )
    check(tmp_path, "entities.docx", make_docx(xml.encode()), "实体")


def test_it_refuses_a_file_over_the_size_limit_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # a sparse 200 MB file: nothing is really written
        fh.truncate(200 * 1024 * 1024)
    message, n_forms = run_batch(tmp_path, path)
    assert "过大" in message and "200 MB" in message
    assert n_forms == 4


def test_it_reports_a_document_without_a_form(tmp_path: Path) -> None:
    check(tmp_path, "letter.docx", plain_docx("关于开展绩效自评工作的通知"), "未在文件中找到")


def test_it_reports_text_without_a_form(tmp_path: Path) -> None:
    check(tmp_path, "notes.txt", "会议纪要\n\t第一项\n".encode(), "未在文件中找到")


def test_it_reports_text_in_an_unknown_encoding(tmp_path: Path) -> None:
    check(tmp_path, "latin.txt", "Projet: café crème 项目".encode()[:-2] + b"\x80\xff", "编码")


def test_it_reports_a_truncated_pdf(tmp_path: Path) -> None:
    check(tmp_path, "cut.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R", "PDF")


def test_it_reports_a_file_renamed_to_a_format_it_is_not(tmp_path: Path) -> None:
    check(tmp_path, "fake.xlsx", "项目名称\t经费\n".encode(), "不是该格式")


def test_it_reports_a_missing_file(tmp_path: Path) -> None:
    result = parse_paths([tmp_path / "nowhere.docx", GOOD])
    assert [e.message for e in result.errors] == ["nowhere.docx：文件不存在"]
    assert len(result.forms) == 2


@pytest.mark.parametrize("name", ["random.bin.docx", "random.xls", "random.pdf"])
def test_random_bytes_never_crash_the_batch(tmp_path: Path, name: str) -> None:
    import random

    rng = random.Random(name)
    data = bytes(rng.randrange(256) for _ in range(5000))
    message, n_forms = run_batch(tmp_path, write(tmp_path, name, data))
    assert message.startswith(name + "：")
    assert n_forms == 4
