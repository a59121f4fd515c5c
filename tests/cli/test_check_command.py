"""`jixiao check`: declared beside computed, findings, JSON, the reviewer's workbook, --fail-on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from seeds import SAMPLES

from jixiao.cli import main

SEED_004 = str(SAMPLES / "004_b10b36a27f1da553.txt")


def test_it_prints_declared_beside_computed_and_the_findings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check", SEED_004]) == 0
    out = capsys.readouterr().out
    assert "■ 公共服务经费（2020年度）" in out
    assert "执行率" in out and "100%" in out and "90.10%" in out
    assert "执行得分" in out and "9.01" in out
    assert "[错误]" in out and "FUNDS_RATE_MISMATCH" in out
    assert "位置：资金表" in out
    assert out.rstrip().splitlines()[-1].startswith("共 2 张自评表（评分规则：北京市区级实践")


def test_it_writes_the_parse_document_with_computed_and_findings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check", SEED_004, "--json", "--policy", "mof-2020"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["policy"] == "mof-2020"
    form = doc["forms"][0]
    assert form["project_name"] == "公共服务经费"
    computed = form["computed"]
    assert computed["execution_rate"] == 0.901
    assert computed["funds_score"] == 9.01
    assert computed["total_weight"] == 100
    assert computed["grade"] == "优"
    assert len(computed["indicators"]) == len(form["indicators"])
    assert all("explanation" in i and "score" in i for i in computed["indicators"])
    finding = next(f for f in form["findings"] if f["code"] == "FUNDS_RATE_MISMATCH")
    assert finding["severity"] == "error"
    assert "90.10%" in finding["message"]
    assert finding["location"]


def test_it_writes_a_reviewers_workbook_with_filters(tmp_path: Path, capsys) -> None:
    out = tmp_path / "审核.xlsx"
    assert main(["check", str(SAMPLES), "--xlsx", str(out), "--no-progress"]) == 0
    book = load_workbook(out)
    forms, findings = book["自评表"], book["审核发现"]
    assert forms.max_row == 51  # header + 50 forms
    assert forms.auto_filter.ref and findings.auto_filter.ref
    header = [c.value for c in forms[1]]
    assert "执行率（填报）" in header and "总分（计算）" in header
    row = next(r for r in forms.iter_rows(min_row=2, values_only=True) if r[3] == "公共服务经费")
    assert row[header.index("执行得分（计算）")] == 9.01
    assert row[header.index("总分（填报）")] == 1000
    codes = {r[4] for r in findings.iter_rows(min_row=2, values_only=True)}
    assert {"FUNDS_RATE_MISMATCH", "TOTAL_SCORE_MISMATCH", "NUMBER_MALFORMED"} <= codes


def test_it_fails_on_errors_only_when_asked(capsys) -> None:
    assert main(["check", SEED_004, "--fail-on", "error"]) == 1
    assert main(["check", SEED_004, "--fail-on", "warning"]) == 1
    clean = str(SAMPLES / "000_6e77f7a237aa1684.txt")
    assert main(["check", clean]) == 0


def test_it_explains_a_policy_file_with_a_mistake(tmp_path: Path, capsys) -> None:
    policy = tmp_path / "我的规则.toml"
    policy.write_text('name = "x"\ntitle = "y"\n[weights]\nexecution = "十"\n', encoding="utf-8")
    assert main(["check", SEED_004, "--policy", str(policy)]) == 2
    err = capsys.readouterr().err
    assert "我的规则.toml" in err and "weights.execution" in err


def test_a_word_file_of_right_forms_passes_fail_on_error(tmp_path: Path, capsys) -> None:
    from seeds import all_seed_forms

    from jixiao.write.docx_grid import write_docx
    from jixiao.write.layout import form_table

    right = [
        f for f in all_seed_forms() if f.project_name.text in ("统计所经费", "2023年下沉协管员经费")
    ]
    path = tmp_path / "自评表.docx"
    write_docx([form_table(f) for f in right], path)
    assert main(["check", str(path), "--fail-on", "error"]) == 0
    assert "2 张没有错误" in capsys.readouterr().out
