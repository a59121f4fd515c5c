"""Text files arrive in UTF-8, GB18030/GBK or UTF-16; each is detected and read the same."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from seeds import SAMPLES

from jixiao.extract import extract_forms
from jixiao.read import ReadError, read_file
from jixiao.read.encoding import decode_text

SEED = SAMPLES / "004_b10b36a27f1da553.txt"


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("utf-8"),
        lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
        lambda s: s.encode("gb18030"),
        lambda s: s.encode("gbk"),
        lambda s: s.encode("utf-16"),  # with BOM
        lambda s: s.encode("utf-16-le"),  # without BOM
        lambda s: s.encode("utf-16-be"),
        lambda s: s.replace("\n", "\r\n").encode("gbk"),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "utf16-bom", "utf16le", "utf16be", "gbk-crlf"],
)
def test_it_reads_the_same_forms_in_every_encoding(tmp_path: Path, encode) -> None:
    text = SEED.read_text(encoding="utf-8")
    path = tmp_path / "form.txt"
    path.write_bytes(encode(text))
    forms = extract_forms(read_file(path))
    assert [f.project_name.text for f in forms] == ["公共服务经费", "民生家园建设经费"]
    assert forms[0].funds.total.executed.text == "1960.5869"
    assert forms[1].indicators[0].name.text


def test_it_refuses_text_in_an_encoding_it_cannot_tell() -> None:
    data = "项目名称".encode() + b"\x80\xff\x80 caf\xe9"
    with pytest.raises(ReadError, match="编码"):
        decode_text(data)
