"""A PDF bomb (one stream inflating to a gigabyte) and a PDF of 100,000 pages are refused
before pdfminer reads them, each with its own reason in Chinese; the batch goes on."""

from __future__ import annotations

from pathlib import Path

import hostile_files
import pytest
from seeds import SAMPLES

from jixiao.read import ReadError, read_bytes, safety
from jixiao.read.pdf import vet_pdf
from jixiao.read.safety import Limits
from jixiao.services.parse import parse_paths

SEED = SAMPLES / "003_ef0035a2046f2b5a.txt"


def test_a_pdf_bomb_is_refused_as_a_bomb_not_as_damaged() -> None:
    with pytest.raises(ReadError) as caught:
        vet_pdf(hostile_files.pdf_bomb())
    reason = caught.value.reason
    assert "压缩炸弹" in reason and "256 MB" in reason
    assert "损坏" not in reason and "扫描件" not in reason


def test_streams_that_inflate_a_lot_together_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safety, "LIMITS", Limits(pdf_stream_mb=64, pdf_inflated_mb=100))
    one = hostile_files.stream(hostile_files.zeros_deflated(60), b" /Filter /FlateDecode")
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [4 0 R 5 0 R] >>"
    data = hostile_files.pdf(
        [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"]
        + [page, one, one]
    )
    with pytest.raises(ReadError, match="合计超过 100 MB.*压缩炸弹"):
        vet_pdf(data)


def test_a_pdf_of_100000_pages_is_refused_for_its_pages() -> None:
    with pytest.raises(ReadError) as caught:
        read_bytes(hostile_files.pdf_many_pages(), "十万页.pdf")
    assert caught.value.reason == "PDF 页数过多（100000 页，上限 2000 页），已拒绝读取"


def test_a_pdf_within_the_limits_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    vet_pdf(hostile_files.pdf_many_pages(3))
    monkeypatch.setattr(safety, "LIMITS", Limits(pdf_stream_mb=8))
    vet_pdf(hostile_files.pdf_bomb(4))  # 4 MB inflated, under a limit of 8
    with pytest.raises(ReadError, match="压缩炸弹"):
        vet_pdf(hostile_files.pdf_bomb(9))


def test_in_a_batch_each_pdf_gets_its_reason_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "a_炸弹.pdf").write_bytes(hostile_files.pdf_bomb())
    (tmp_path / "b_十万页.pdf").write_bytes(hostile_files.pdf_many_pages())
    (tmp_path / "c_自评表.txt").write_bytes(SEED.read_bytes())
    result = parse_paths([tmp_path])
    messages = [e.message for e in result.errors]
    assert len(messages) == 2
    assert messages[0].startswith("a_炸弹.pdf：") and "压缩炸弹" in messages[0]
    assert messages[1].startswith("b_十万页.pdf：") and "页数过多" in messages[1]
    assert len(result.forms) == 29
