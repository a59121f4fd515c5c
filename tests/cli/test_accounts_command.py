"""`jixiao accounts`: each claim with ✓/✗/?, stated beside computed, findings, JSON, --fail-on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from seeds import SAMPLES

from jixiao.cli import main

SEED_002 = str(SAMPLES / "002_00c192bc11a47879.txt")


def test_it_prints_each_claim_with_its_mark_and_the_findings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["accounts", SEED_002]) == 0
    out = capsys.readouterr().out
    assert out.startswith("■ 002_00c192bc11a47879.txt（2021年度决算说明）")
    assert "✗ 第24行" in out and "文中 44.69%  计算 80.81%" in out
    assert "✓ 第19行   增减率  比上年增加1778.52万元，增长85.05%" in out
    assert "? 第63行   增减额  比上年增加5.95万元" in out
    assert "共 118 处数字说法：相符 80，不符 3，无从核对 35" in out
    assert out.count("[错误]") == 3
    assert "ACCOUNTS_WRONG_YEAR" in out and "位置：第38行" in out


def test_it_lists_only_the_wrong_claims_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["accounts", SEED_002, "--wrong-only"]) == 0
    marks = [line[0] for line in capsys.readouterr().out.splitlines() if line[:1] in "✓✗?"]
    assert marks == ["✗", "✗", "✗"]


def test_it_writes_claims_and_findings_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["accounts", SEED_002, "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    rate = next(c for c in document["claims"] if c["text"] == "比上年增加1854.45万元，增长44.69%")
    assert rate["stated"] == "44.69" and rate["computed"] == "80.81" and rate["ok"] is False
    assert rate["location"]["line"] == 24
    assert rate["location"]["sentence"].startswith("2021年度财政拨款收、支总计4149.35万元")
    assert {"text", "stated", "computed", "ok", "location"} <= set(document["claims"][0])
    assert [f["code"] for f in document["findings"]] == [
        "ACCOUNTS_RATE_MISMATCH",
        "ACCOUNTS_ZERO_BASE",
        "ACCOUNTS_WRONG_YEAR",
    ]
    unchecked = [c for c in document["claims"] if c["ok"] is None]
    assert len(unchecked) == 35 and all(
        c["computed"] is None for c in unchecked if c["kind"] != "amount"
    )


def test_it_takes_the_year_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "说明.txt"
    path.write_text(
        "2021年度本年收入合计200.00万元，比上年增加50.00万元，增长33.33%。", encoding="utf-8"
    )
    assert main(["accounts", str(path), "--year", "2022", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["year"] == 2022
    assert [f["code"] for f in document["findings"]] == ["ACCOUNTS_WRONG_YEAR"]


def test_it_fails_on_errors_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["accounts", SEED_002, "--fail-on", "error"]) == 1


def test_it_passes_a_clean_narrative_with_fail_on(tmp_path: Path) -> None:
    path = tmp_path / "说明.txt"
    path.write_text(
        "2021年度本年收入合计200.00万元，比上年增加50.00万元，增长33.33%。", encoding="gbk"
    )
    assert main(["accounts", str(path), "--fail-on", "error"]) == 0


def test_it_names_the_file_and_the_reason_for_a_file_it_cannot_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "坏文件.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    assert main(["accounts", str(path)]) == 2
    assert "错误：坏文件.docx：文件已损坏或不完整" in capsys.readouterr().err


def test_it_says_a_missing_file_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["accounts", str(tmp_path / "无此文件.txt"), "--json"]) == 2
    captured = capsys.readouterr()
    assert json.loads(captured.out)["errors"][0]["message"].startswith("无此文件.txt：无法读取文件")
    assert "错误：无此文件.txt：无法读取文件" in captured.err
