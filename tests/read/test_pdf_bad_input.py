"""PDFs that cannot be read give a ReadError with a reason in Chinese, never a library error."""

import io
from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from jixiao.read import ReadError, read_file
from jixiao.read.pdf import read_pdf

LINE = "项目支出绩效自评表，市民服务中心工作经费"


def a_pdf(encrypt: StandardEncryption | None = None) -> bytes:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    canvas = Canvas(buf, encrypt=encrypt)
    canvas.setFont("STSong-Light", 12)
    for i in range(40):
        canvas.drawString(60, 780 - 18 * i, f"第{i + 1}行：{LINE}")
    canvas.save()
    return buf.getvalue()


def reason(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "自评表.pdf"
    path.write_bytes(data)
    with pytest.raises(ReadError) as caught:
        read_file(path)
    return caught.value.reason


def test_the_sample_pdf_itself_reads(tmp_path):
    doc = read_pdf(a_pdf(), "a.pdf", "0")
    assert doc.blocks[0].text == f"第1行：{LINE}"
    assert len(doc.blocks) == 40


def test_a_truncated_pdf_is_reported_as_damaged(tmp_path):
    data = a_pdf()
    assert "损坏或不完整" in reason(data[: len(data) // 2], tmp_path)


def test_a_pdf_header_followed_by_garbage_is_reported_as_damaged(tmp_path):
    assert "损坏或不完整" in reason(b"%PDF-1.7\n" + b"\x00\xff not a pdf " * 100, tmp_path)


def test_a_password_protected_pdf_is_reported_as_such(tmp_path):
    data = a_pdf(StandardEncryption("用户密码", ownerPassword="owner", strength=128))
    assert b"/Encrypt" in data
    assert "设有密码保护" in reason(data, tmp_path)


def test_a_pdf_with_only_an_owner_password_still_reads(tmp_path):
    buf = io.BytesIO()
    canvas = Canvas(buf, encrypt=StandardEncryption("", ownerPassword="owner", canPrint=0))
    canvas.drawString(60, 700, "Performance self-evaluation 2023")
    canvas.save()
    assert b"/Encrypt" in buf.getvalue()
    doc = read_pdf(buf.getvalue(), "a.pdf", "0")
    assert [b.text for b in doc.blocks] == ["Performance self-evaluation 2023"]


def test_a_pdf_whose_characters_map_to_no_text_is_reported(tmp_path):
    # reportlab leaves the CID font's CIDSystemInfo strings unencrypted in an encrypted file, so
    # pdfminer decrypts them into garbage and can only name the glyphs "(cid:N)"
    data = a_pdf(StandardEncryption("", ownerPassword="owner", strength=128))
    assert "文字无法识别" in reason(data, tmp_path)


def test_a_scanned_pdf_with_nothing_to_read_says_so_in_chinese(tmp_path):
    # a blank grey image and a frame: no text layer, and OCR finds no text either
    buf = io.BytesIO()
    canvas = Canvas(buf)
    canvas.drawImage(ImageReader(Image.new("L", (400, 300), 200)), 50, 400, 400, 300)
    canvas.rect(40, 390, 420, 320)
    canvas.save()
    message = reason(buf.getvalue(), tmp_path)
    assert "没有文字层" in message and "扫描件" in message
