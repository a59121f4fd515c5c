"""`jixiao parse`: one line per form, the JSON document, folders walked, --strict."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from seeds import SAMPLES

from jixiao.cli import main


def test_it_prints_one_line_per_form(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(SAMPLES / "004_b10b36a27f1da553.txt")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    first = lines[0]
    for part in (
        "004_b10b36a27f1da553.txt",
        "#0",
        "2020",
        "公共服务经费",
        "2175.9657",
        "1960.5869",
        "指标 10",
        "总分 1000",
    ):
        assert part in first
    assert lines[-1] == "共 1 个文件，读出 2 张自评表"


def test_it_walks_folders_and_reads_all_fifty_seed_forms(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["parse", str(SAMPLES), "--no-progress"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "共 4 个文件，读出 50 张自评表"


def test_it_writes_the_json_document(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(SAMPLES / "000_6e77f7a237aa1684.txt"), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert set(doc) == {"forms", "errors"}
    form = doc["forms"][0]
    assert form["source"]["file"].endswith("000_6e77f7a237aa1684.txt")
    assert form["source"]["index"] == 0
    assert len(form["source"]["sha256"]) == 64
    assert form["year"] == 2024
    for key in (
        "project_name",
        "department",
        "implementing_unit",
        "manager",
        "phone",
        "funds",
        "goals",
        "indicators",
        "total_weight",
        "total_score",
    ):
        assert key in form
    assert form["funds"]["total"] == {
        "initial_budget": "307800",
        "annual_budget": "307800",
        "executed": "306852.55",
        "execution_rate": "",  # the rate a form may write on each source row
    }
    assert (form["funds"]["weight"], form["funds"]["execution_rate"], form["funds"]["score"]) == (
        "10",
        "0.997",
        "9.97",
    )
    assert set(form["funds"]) == {
        "total",
        "appropriation",
        "carryover",
        "other",
        "weight",
        "execution_rate",
        "score",
        "unit",
    }
    indicator = form["indicators"][0]
    assert {"level1", "level2", "name", "target", "actual", "weight", "score", "deviation"} <= set(
        indicator
    )
    assert (indicator["level1"], indicator["level2"], indicator["weight"]) == (
        "产出指标",
        "数量指标",
        "50",
    )
    assert (form["total_weight"], form["total_score"]) == ("90", "90")
    assert form["locations"]["total_score"]["row"] >= 0


def test_it_goes_on_after_a_bad_file_and_exits_zero(tmp_path: Path, capsys) -> None:
    (tmp_path / "bad.docx").write_bytes(b"not a word file")
    shutil.copy(SAMPLES / "000_6e77f7a237aa1684.txt", tmp_path / "good.txt")
    assert main(["parse", str(tmp_path), "--json"]) == 0
    captured = capsys.readouterr()
    doc = json.loads(captured.out)
    assert len(doc["forms"]) == 1
    assert doc["errors"][0]["file"].endswith("bad.docx")
    assert "bad.docx" in captured.err


def test_it_fails_with_strict_when_a_file_failed(tmp_path: Path, capsys) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["parse", str(tmp_path), "--strict"]) == 1
    assert "empty.txt：文件是空的" in capsys.readouterr().out


def test_the_installed_command_runs_and_survives_a_closed_pipe() -> None:
    exe = Path(sys.executable).with_name("jixiao")
    proc = subprocess.run(
        f"'{exe}' parse '{SAMPLES}' | head -1",
        shell=True,
        capture_output=True,
        text=True,
        check=True,
    )
    assert proc.stdout.startswith("000_6e77f7a237aa1684.txt")
    assert "Traceback" not in proc.stderr
