"""`jixiao targets`: one line per 申报表 with its findings, the JSON document, other documents
named for what they are, --fail-on, and the Excel template written on request."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from seeds import SAMPLES

from jixiao.cli import main


def test_it_prints_each_targets_form_and_its_findings(
    targets_files, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [str(targets_files["split", "docx"]), str(targets_files["mof", "xlsx"])]
    assert main(["targets", *files, "--no-progress"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("split.docx")
    for part in ("2025", "2025年农村实用技术培训", "资金 860,000.00 元", "指标 7", "发现 7"):
        assert part in lines[0]
    assert (
        lines[1]
        == "  [错误] TARGETS_HEADER_MISSING 表头·实施单位，第1个表格第2行第7列：实施单位没有填写。"
    )
    assert lines[-2].startswith("mof.xlsx") and "发现 0" in lines[-2]
    assert lines[-1] == "共 2 个文件，读出 2 张绩效目标申报表"


def test_it_says_a_self_evaluation_is_no_targets_form(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["targets", str(SAMPLES / "000_6e77f7a237aa1684.txt"), "--no-progress"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-2] == "共 1 个文件，读出 0 张绩效目标申报表，1 个文件未读出"
    assert (
        out[-1]
        == "  错误：000_6e77f7a237aa1684.txt：未找到绩效目标申报表（这是一份自评表，不是申报表）"
    )


def test_the_json_document_carries_the_values_their_cells_and_findings(
    targets_files, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["targets", str(targets_files["anzhen", "xlsx"]), "--json", "--no-progress"]) == 0
    document = json.loads(capsys.readouterr().out)
    (t,) = document["targets"]
    assert t["project_name"] == "公共服务经费"
    assert t["funds"] == {
        "total": "2175.9657",
        "appropriation": "2175.9657",
        "other": "0",
        "unit": "万元",
    }
    assert t["locations"]["project_name"]["sheet"] == "绩效目标申报表"
    codes = {f["code"] for f in t["findings"]}
    assert codes == {"TARGETS_NAME_NOT_DESCRIPTIVE", "TARGETS_VALUE_NOT_QUANTIFIED"}
    assert document["errors"] == []


def test_fail_on_error_exits_1_when_a_rule_says_error(targets_files) -> None:
    split = str(targets_files["split", "docx"])
    assert main(["targets", split, "--no-progress", "--fail-on", "error"]) == 1
    clean = str(targets_files["mof", "docx"])
    assert main(["targets", clean, "--no-progress", "--fail-on", "warning"]) == 0


def test_it_writes_the_template(tmp_path: Path, targets_files) -> None:
    out = tmp_path / "申报表模板.xlsx"
    clean = str(targets_files["mof", "docx"])
    assert main(["targets", clean, "--no-progress", "--template", str(out)]) == 0
    book = load_workbook(io.BytesIO(out.read_bytes()))
    assert book.sheetnames == ["申报表", "填表说明"]
    assert book["申报表"]["A1"].value == "项目支出绩效目标申报表"
