"""`jixiao template`: writes the fill-in workbook, blank or pre-filled from a form."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from seeds import SAMPLES

from jixiao.cli import main

SEED_003 = SAMPLES / "003_ef0035a2046f2b5a.txt"


def test_it_writes_a_blank_template_and_says_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "自评表模板.xlsx"
    assert main(["template", str(out)]) == 0
    assert capsys.readouterr().out == f"已写出自评表填报模板：{out}\n"
    book = load_workbook(out)
    assert book.sheetnames == ["自评表", "填报说明", "选项"]
    sheet = book["自评表"]
    assert sheet["C3"].value is None
    assert sheet["A34"].value == "总分"  # 20 indicator rows by default


def test_it_offers_the_rows_asked_for(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    assert main(["template", str(out), "--rows", "40"]) == 0
    assert load_workbook(out)["自评表"]["A54"].value == "总分"


def test_it_pre_fills_the_chosen_form_of_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The third form of seed 003 is 统计站（室）: 2.5 万元 budgeted and spent."""
    out = tmp_path / "t.xlsx"
    assert main(["template", str(out), "--from", str(SEED_003), "--index", "3"]) == 0
    assert "已按“统计站（室）”预先填写" in capsys.readouterr().out
    sheet = load_workbook(out)["自评表"]
    assert sheet["A2"].value == "（2023年度）"
    assert sheet["C3"].value == "统计站（室）"
    assert (sheet["E7"].value, sheet["F7"].value) == (2.5, 2.5)


def test_it_uses_the_policy_asked_for(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    assert main(["template", str(out), "--policy", "mof-2020"]) == 0
    text = "".join(str(c.value) for c in load_workbook(out)["填报说明"]["A"] if c.value)
    assert "财政部 财预〔2020〕10号 默认规则" in text


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--from", "没有这个文件.docx"], "错误：没有这个文件.docx：文件不存在"),
        (["--from", str(SEED_003), "--index", "30"], "中有 29 张自评表，没有第 30 张"),
        (["--policy", "nowhere"], "没有名为“nowhere”的评分规则"),
        (["--rows", "0"], "--rows 应在 1 到 500 之间"),
    ],
)
def test_it_refuses_bad_arguments_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    out = tmp_path / "t.xlsx"
    assert main(["template", str(out), *extra]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_it_refuses_an_output_that_is_not_xlsx(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["template", str(tmp_path / "t.xls")]) == 2
    assert "输出文件应以 .xlsx 结尾" in capsys.readouterr().err


def test_it_names_the_file_it_cannot_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "坏文件.xlsx"
    broken.write_bytes(b"PK not a zip")
    assert main(["template", str(tmp_path / "t.xlsx"), "--from", str(broken)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：坏文件.xlsx：")


def test_it_says_when_it_cannot_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "no-such-folder" / "t.xlsx"
    assert main(["template", str(out)]) == 2
    assert f"无法写出 {out}" in capsys.readouterr().err
