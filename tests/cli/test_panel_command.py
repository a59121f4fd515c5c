"""`jixiao panel`: the computed sheet in the terminal, the JSON document, the files it writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from seeds import SAMPLES

from jixiao.cli import main
from jixiao.cli.common import display_width

SEED_002 = str(SAMPLES / "002_00c192bc11a47879.txt")


def test_it_prints_the_sheet_the_groups_the_grade_and_the_finding(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["panel", SEED_002]) == 0
    out = capsys.readouterr().out
    assert "项目：丰台区2021年区政府网站运维" in out
    assert "综合得分：83.72　等级：良好" in out
    assert "[错误] PANEL_LOSS_RATE_MISMATCH" in out and "19.11%" in out and "18.33%" in out
    lines = out.splitlines()
    header = next(line for line in lines if line.startswith("一级指标"))
    total = next(line for line in lines if line.startswith("总分"))
    # columns line up in a terminal: the 平均分 column starts at the same display width
    assert display_width(header[: header.index("平均分")]) == display_width(
        total[: total.index("83.72")]
    )
    money = next(line for line in lines if "资金管理" in line and line.startswith("二级指标"))
    assert money.split()[2:6] == ["12", "9.80", "2.20", "18.33%"]


def test_the_json_has_the_panels_shape_with_decimals_as_strings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["panel", SEED_002, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    (panel,) = doc["panels"]
    assert {"indicators", "experts", "total", "grade", "findings"} <= set(panel)
    assert panel["total"] == "83.72" and panel["grade"] == "良好"
    assert panel["experts"][0] == {
        "name": "陈竹",
        "total": "82.4",
        "declared_total": "82.4",
        "explanation": panel["experts"][0]["explanation"],
    }
    row = panel["indicators"][1]
    assert (row["name"], row["sum"], row["average"]) == ("立项程序规范性", "6.2", "1.24")
    assert row["scores"] == ["1.5", "1.5", "1.2", "1", "1"]
    money = next(g for g in panel["groups"] if g["name"] == "资金管理")
    assert (money["score"], money["loss_rate"]) == ("9.80", "0.1833")
    assert [f["code"] for f in panel["findings"]] == ["PANEL_LOSS_RATE_MISMATCH"]
    assert doc["errors"] == []


def test_it_writes_the_workbook_and_the_word_document(tmp_path: Path) -> None:
    xlsx, docx = tmp_path / "sheet.xlsx", tmp_path / "sheet.docx"
    assert main(["panel", SEED_002, "--xlsx", str(xlsx), "--docx", str(docx)]) == 0
    assert xlsx.stat().st_size > 0 and docx.stat().st_size > 0
    assert main(["panel", str(xlsx), "--json"]) == 0


def test_an_unknown_framework_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["panel", SEED_002, "--framework", "nope"]) == 2
    assert "没有名为“nope”的指标体系" in capsys.readouterr().err


def test_a_file_without_a_sheet_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["panel", str(SAMPLES / "000_6e77f7a237aa1684.txt")]) == 1
    assert "没有找到专家评分表" in capsys.readouterr().err


def test_a_missing_file_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["panel", "nowhere.txt"]) == 2
    assert "找不到文件 nowhere.txt" in capsys.readouterr().err


def test_a_folder_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["panel", str(tmp_path)]) == 2
    assert "是文件夹" in capsys.readouterr().err


def test_the_sheets_own_weights_give_the_same_sheet(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["panel", SEED_002, "--framework", "sheet", "--json"]) == 0
    (panel,) = json.loads(capsys.readouterr().out)["panels"]
    assert panel["framework"] == "sheet"
    assert (panel["total"], panel["grade"]) == ("83.72", "良好")
