"""`jixiao check` / `export` without --policy: each form under its layout's policy (issue 12);
--policy still wins. The regional forms are R's fixtures (tests/fixtures/regions/), laid out as
.docx once per session."""

from __future__ import annotations

import csv
import importlib.util
import json
import sys
from pathlib import Path

import pytest
from seeds import ROOT, SAMPLES

from jixiao.cli import main

REGIONS = ROOT / "tests" / "fixtures" / "regions"
SEED_004 = str(SAMPLES / "004_b10b36a27f1da553.txt")


@pytest.fixture(scope="session")
def regional(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each regional template spec written as a .docx, by its id (sichuan, hubei …)."""
    builder = REGIONS / "build.py"
    if not builder.exists():
        pytest.skip("tests/fixtures/regions/build.py (helper R's fixtures) is not there yet")
    spec = importlib.util.spec_from_file_location("regions_build", builder)
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = build  # its dataclasses look their module up
    spec.loader.exec_module(build)
    out = tmp_path_factory.mktemp("regions")
    return {s.id: build.write_docx(s, out / f"{s.id}.docx") for s in build.specs()}


def check_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    main(["check", "--no-progress", "--json", *args])
    return json.loads(capsys.readouterr().out)


def test_a_sichuan_form_is_checked_under_sichuan_when_no_policy_is_named(
    regional: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    doc = check_json(capsys, str(regional["sichuan"]))
    assert doc["policy_by_layout"] is True and doc["policies"] == ["sichuan"]
    form = doc["forms"][0]
    assert form["layout"] == "sichuan"
    assert form["computed"]["policy"] == "sichuan"
    assert form["computed"]["total_score"] == 100
    assert [f["code"] for f in form["findings"] if f["severity"] == "error"] == []


def test_the_policy_named_wins_over_the_layout(
    regional: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    doc = check_json(capsys, str(regional["hubei"]), "--policy", "beijing")
    assert doc["policy"] == "beijing" and "policy_by_layout" not in doc
    form = doc["forms"][0]
    assert form["layout"] == "hubei" and form["computed"]["policy"] == "beijing"
    errors = {f["code"] for f in form["findings"] if f["severity"] == "error"}
    assert "FUNDS_WEIGHT_NOT_STANDARD" in errors  # 20 is wrong under Beijing's 10
    doc = check_json(capsys, str(regional["hubei"]))
    form = doc["forms"][0]
    assert form["computed"]["policy"] == "hubei"
    errors = {f["code"] for f in form["findings"] if f["severity"] == "error"}
    assert "FUNDS_WEIGHT_NOT_STANDARD" not in errors
    assert form["computed"]["funds_score"] == 19.2  # 20 × 96%


def test_forms_of_several_layouts_each_take_their_own_and_the_report_says_which(
    regional: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    paths = [str(regional["transfer"]), SEED_004, str(regional["dmp"])]
    doc = check_json(capsys, *paths)
    used = {Path(f["source"]["file"]).stem: f["computed"]["policy"] for f in doc["forms"]}
    assert used["transfer"] == "transfer" and used["dmp"] == "dmp"
    seed = [f for f in doc["forms"] if f["source"]["file"].endswith(".txt")]
    assert seed and {f["computed"]["policy"] for f in seed} == {"beijing"}
    transfer = next(f for f in doc["forms"] if f["layout"] == "transfer")
    assert transfer["computed"]["total_score"] is None
    assert doc["policies"] == ["beijing", "dmp", "transfer"]

    main(["check", "--no-progress", *paths])
    out = capsys.readouterr().out
    assert "表样：transfer  评分规则：转移支付 区域绩效自评表（不计分）" in out
    assert "表样：dmp  评分规则：决策 / 管理 / 绩效" in out
    last = out.rstrip().splitlines()[-1]
    assert last.startswith("共 4 张自评表（评分规则：按表样选择：")
    assert "北京市区级实践" in last and "转移支付" in last


def test_a_wrong_policy_name_is_still_refused(
    regional: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--no-progress", str(regional["sichuan"]), "--policy", "四川"]) == 2
    assert "没有名为“四川”的评分规则" in capsys.readouterr().err


def test_export_without_a_policy_records_each_forms_policy(
    regional: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "forms.csv"
    code = main(
        [
            "export",
            "--no-progress",
            str(regional["hubei"]),
            SEED_004,
            "--csv",
            str(out),
            "--table",
            "forms",
        ]
    )
    assert code == 0, capsys.readouterr().err
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    policies = {r[k] for r in rows for k in r if k in ("policy", "评分规则")}
    assert {"hubei", "beijing"} <= policies
