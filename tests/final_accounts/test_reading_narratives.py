"""Narratives arrive as text in any encoding, as Word files, or inside a whole disclosure."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from office import convert
from seeds import SAMPLES

from jixiao.final_accounts import check_bytes, check_path, check_text
from jixiao.read import ReadError

SEED_002 = SAMPLES / "002_00c192bc11a47879.txt"
NARRATIVE = (
    "第二部分 2021年度部门决算说明\n"
    "2021年度本年收入合计3869.78万元，比上年增加1778.52万元，增长85.05%。\n"
    "2021年度财政拨款收、支总计4149.35万元，比上年增加1854.45万元，增长44.69%。\n"
)


def test_it_reads_gbk_text_like_utf8() -> None:
    result = check_bytes(NARRATIVE.encode("gbk"), "决算说明.txt")
    assert [f.code for f in result.findings] == ["ACCOUNTS_RATE_MISMATCH"]
    assert result.narrative.year == 2021


def test_it_reads_utf16_text() -> None:
    result = check_bytes(NARRATIVE.encode("utf-16"), "决算说明.txt")
    assert [f.code for f in result.findings] == ["ACCOUNTS_RATE_MISMATCH"]


def test_it_reads_a_word_file_paragraph_by_paragraph(tmp_path: Path) -> None:
    document = docx.Document()
    for line in NARRATIVE.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "决算说明.docx"
    document.save(str(path))
    result = check_path(path)
    (finding,) = result.findings
    assert finding.location.startswith("第3段“2021年度财政拨款收、支总计4149.35万元")
    assert all(c.location.paragraph.line is None for c in result.claims)


def test_it_reads_the_seed_narrative_saved_as_word_by_libreoffice(tmp_path: Path) -> None:
    lines = SEED_002.read_text(encoding="utf-8").splitlines()
    source = tmp_path / "narrative.txt"
    source.write_text("\n".join(lines[4:91]), encoding="utf-8")  # lines 5–91: 第二、三部分
    converted = convert(source, "docx:MS Word 2007 XML")
    result = check_path(converted)
    assert [f.code for f in result.findings] == [
        "ACCOUNTS_RATE_MISMATCH",
        "ACCOUNTS_ZERO_BASE",
        "ACCOUNTS_WRONG_YEAR",
    ]
    assert len(result.claims) == 118


def test_it_keeps_only_the_narrative_parts_of_a_disclosure() -> None:
    text = (
        "第一部分 2021年度部门决算报表\n本年收入合计1.00万元，比上年增加1.00万元，增长5%。\n"
        + NARRATIVE
        + "第四部分 2021年度部门绩效评价情况\n全年预算数2.00万元，比上年增加1.00万元，增长7%。\n"
    )
    result = check_text(text)
    assert [p.line for p in result.narrative.paragraphs] == [4, 5]
    assert [f.location[:4] for f in result.findings] == ["第5行“"]


def test_it_reads_a_narrative_without_part_headings_whole() -> None:
    result = check_text("2021年度本年收入合计200.00万元，比上年增加50.00万元，增长33.33%。")
    assert result.narrative.sections == [] and len(result.narrative.paragraphs) == 1
    assert result.narrative.year == 2021


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"", "empty.txt", "文件是空的"),
        (bytes(range(256)) * 8, "junk.txt", "二进制内容"),
        (b"PK\x03\x04" + b"\x00garbage" * 50, "broken.docx", "已损坏"),
        (b"   \n\n  ", "blank.txt", "没有文字内容"),
        ("第一部分 决算报表\n见附件。".encode(), "tables.txt", "没有“部门决算说明”"),
    ],
)
def test_it_refuses_bad_input_with_a_chinese_reason(data: bytes, name: str, reason: str) -> None:
    with pytest.raises(ReadError) as caught:
        check_bytes(data, name)
    assert reason in caught.value.reason


def test_it_refuses_a_word_file_cut_short(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph(NARRATIVE)
    path = tmp_path / "cut.docx"
    document.save(str(path))
    data = path.read_bytes()
    with pytest.raises(ReadError) as caught:
        check_bytes(data[: len(data) // 2], "cut.docx")
    assert caught.value.reason  # a Chinese reason from the Word reader, not a traceback
    assert any("\u4e00" <= ch <= "\u9fff" for ch in caught.value.reason)


def test_it_finds_no_claims_in_prose_without_figures() -> None:
    result = check_text("一、部门/单位基本情况\n行政编制23人，实有人数17人。")
    assert result.claims == [] and result.findings == []
