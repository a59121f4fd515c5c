"""`jixiao report`: a department's evaluation on screen, as JSON, and as a Word report."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from seeds import ROOT, SAMPLES

from jixiao.cli import main

SEED_002 = str(SAMPLES / "002_00c192bc11a47879.txt")
FIGURES = str(ROOT / "src" / "jixiao" / "department" / "examples" / "fengtai-2021.toml")
FENGTAI = ["--department", "丰台区政务服务管理局", "--year", "2021"]


def test_it_writes_the_report_and_prints_the_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "部门评价.docx"
    code = main(["report", *FENGTAI, SEED_002, "--figures", FIGURES, "-o", str(out)])
    assert code == 0
    printed = capsys.readouterr()
    assert "丰台区政务服务管理局2021年度部门整体绩效评价报告" in printed.out
    assert "预算执行率 99.44%：预算执行率 = 执行数 ÷ 全年预算数 = 4125.94 ÷ 4149.35" in printed.out
    assert "结转结余率 0.57%" in printed.out
    assert "合计 99.87 分，等级“优秀”" in printed.out
    assert "已写出部门评价报告" in printed.err
    document = docx.Document(str(out))
    assert document.paragraphs[0].text == "丰台区政务服务管理局2021年度部门整体绩效评价报告"
    assert len(document.tables[0].rows) == 15  # header, 13 projects, 合计


def test_it_prints_the_evaluation_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", *FENGTAI, SEED_002, "--figures", FIGURES, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["count"] == 13
    assert data["execution_rate"]["value"] == "0.9944"
    assert data["balance_rate"]["value"] == "0.0057"
    assert data["score"]["value"] == "99.87"
    assert data["grade"] == "优秀"
    assert all(c["score"]["how"] for c in data["components"])


def test_without_figures_it_still_rolls_up_the_projects(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["report", *FENGTAI, SEED_002, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total_budget"]["value"] == "1535.5881"
    assert data["score"]["value"] is None


def test_an_unknown_department_lists_the_ones_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.docx"
    code = main(["report", "--department", "朝阳区", "--year", "2021", SEED_002, "-o", str(out)])
    assert code == 2
    err = capsys.readouterr().err
    assert "没有主管部门为“朝阳区”的2021年度自评表" in err
    assert "丰台区政务服务管理局、北京市丰台区政务服务管理局、运行保障中心" in err
    assert not out.exists()


def test_a_bad_figures_file_is_named_in_the_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    figures = tmp_path / "部门.toml"
    figures.write_text('["基本支出"]\n"全年预算数" = "六百"\n', encoding="utf-8")
    code = main(["report", *FENGTAI, SEED_002, "--figures", str(figures), "--json"])
    assert code == 2
    err = capsys.readouterr().err
    assert str(figures) in err and "基本支出·全年预算数：应为数字" in err


def test_it_asks_for_an_output_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", *FENGTAI, SEED_002]) == 2
    assert "请用 -o 指定" in capsys.readouterr().err


def test_the_output_must_be_a_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", *FENGTAI, SEED_002, "-o", str(tmp_path / "x.pdf")]) == 2
    assert "应以 .docx 结尾" in capsys.readouterr().err
