"""The three dataset tables over all 50 seed forms: one row per form, indicator and finding,
the form's keys on every row, declared text kept as text and computed values exact Decimals.

Expected values come from fixtures/seed_forms.tsv (checked by hand against the seed text) and
from the seed documents themselves, not from the code under test.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from seeds import FIXTURES, SAMPLES, all_seed_forms

from jixiao.scoring.policy import load_policy
from jixiao.services.check import CheckedForm, check_forms, check_paths
from jixiao.write.datasets import COLUMNS, TABLES, row_count, table_rows

with (FIXTURES / "seed_forms.tsv").open(encoding="utf-8") as fh:
    EXPECTED = list(csv.DictReader(fh, delimiter="\t"))


@cache
def checked() -> list[CheckedForm]:
    return check_forms(all_seed_forms(), load_policy("beijing"))


def rows(table: str, form_keys: list[str] | None = None) -> list[dict[str, object]]:
    names = [c.name for c in COLUMNS[table]]
    return [dict(zip(names, row, strict=True)) for row in table_rows(checked(), table, form_keys)]


def test_it_gives_one_forms_row_per_seed_form_with_the_declared_header_and_funds() -> None:
    forms = rows("forms")
    assert len(forms) == len(EXPECTED) == 50
    for got, want in zip(forms, EXPECTED, strict=True):
        assert got["form_key"] == f"{want['file']}#{want['index']}"
        assert got["file"] == want["file"] and got["form_index"] == int(want["index"])
        assert got["year"] == int(want["year"])
        for name in ("project_name", "department", "implementing_unit", "manager"):
            assert got[name] == want[name], name
        assert got["initial_budget"] == want["total.initial_budget"]
        assert got["annual_budget"] == want["total.annual_budget"]
        assert got["executed"] == want["total.executed"]
        assert got["funds_weight"] == want["funds.weight"]
        assert got["execution_rate"] == want["funds.execution_rate"]
        assert got["funds_score"] == want["funds.score"]
        assert got["total_weight"] == want["total_weight"]
        assert got["total_score"] == want["total_score"]
        assert got["indicator_count"] == int(want["indicators"])


def test_it_gives_one_indicators_row_per_indicator_of_the_hand_checked_counts() -> None:
    indicators = rows("indicators")
    assert len(indicators) == sum(int(r["indicators"]) for r in EXPECTED) == 425
    assert row_count(checked(), "indicators") == 425
    per_form: dict[str, list[int]] = {}
    for row in indicators:
        per_form.setdefault(str(row["form_key"]), []).append(int(row["indicator_no"]))  # type: ignore[call-overload]
    for want in EXPECTED:
        numbers = per_form.get(f"{want['file']}#{want['index']}", [])
        assert numbers == list(range(1, int(want["indicators"]) + 1))


def test_every_indicator_and_finding_row_carries_its_forms_keys() -> None:
    by_key = {r["form_key"]: r for r in rows("forms")}
    for table in ("indicators", "findings"):
        for row in rows(table):
            form = by_key[row["form_key"]]
            for key in ("year", "project_name", "department", "implementing_unit"):
                assert row[key] == form[key], (table, key)
                assert row[key] is not None


def test_it_gives_one_findings_row_per_finding_the_review_raised() -> None:
    result = checked()
    findings = rows("findings")
    assert len(findings) == sum(len(c.findings) for c in result) == row_count(result, "findings")
    assert findings, "the seeds have findings"
    want = [
        (f.code, f.severity.value, f.message, f.location, f.path)
        for c in result
        for f in c.findings
    ]
    got = [(r["code"], r["severity"], r["message"], r["location"], r["path"]) for r in findings]
    assert got == want


def test_it_keeps_declared_text_as_text_and_computed_values_as_exact_decimals() -> None:
    # seed 004 公共服务经费: 1960.5869 ÷ 2175.9657 = 90.10%, 10 × 90.10% = 9.01; the form says
    # 100% and 10, and a total of 1000
    form = next(r for r in rows("forms") if r["project_name"] == "公共服务经费")
    assert form["form_key"] == "004_b10b36a27f1da553.txt#0"
    assert form["execution_rate"] == "100%" and form["funds_score"] == "10"
    assert form["execution_rate_computed"] == Decimal("90.10")
    assert form["funds_score_computed"] == Decimal("9.01")
    assert isinstance(form["funds_score_computed"], Decimal)
    assert form["annual_budget_number"] == Decimal("2175.9657")
    assert form["executed_number"] == Decimal("1960.5869")
    assert form["total_score"] == "1000"
    assert form["total_weight_computed"] == Decimal(100)
    assert form["grade"] == "优" and form["policy"] == "beijing"


def test_it_counts_findings_by_severity_on_each_form() -> None:
    for form, one in zip(rows("forms"), checked(), strict=True):
        severities = [f.severity.value for f in one.findings]
        assert form["error_count"] == severities.count("error")
        assert form["warning_count"] == severities.count("warning")
        assert form["info_count"] == severities.count("info")
    public = next(r for r in rows("forms") if r["project_name"] == "公共服务经费")
    assert public["error_count"] >= 2  # the rate 100% and the score 10 are both wrong


def test_it_puts_the_reading_of_a_quantitative_indicator_beside_its_text() -> None:
    # seed 003 统计所经费, first indicator: 聘用统计调查员, 1人 against 1人, 分值 5, 得分 5
    row = next(
        r
        for r in rows("indicators")
        if r["project_name"] == "统计所经费" and r["indicator_no"] == 1
    )
    assert (row["level1"], row["level2"], row["name"]) == ("产出指标", "数量指标", "聘用统计调查员")
    assert (row["target"], row["actual"], row["weight"], row["score"]) == ("1人", "1人", "5", "5")
    assert row["kind"] == "定量" and row["direction"] == "正向" and row["met"] == "是"
    assert row["target_number"] == Decimal(1) and row["target_unit"] == "人"
    assert row["actual_number"] == Decimal(1) and row["actual_unit"] == "人"
    assert row["weight_computed"] == Decimal(5) and row["score_computed"] == Decimal(5)
    assert row["clause_count"] == 1 and row["target_from_name"] == "否"
    assert "满分" in str(row["explanation"])
    assert isinstance(row["row"], int) and row["row"] > 1


def test_it_keeps_the_level_labels_as_written_beside_the_canonical_names() -> None:
    labelled = [r for r in rows("indicators") if r["level1_text"] != r["level1"]]
    assert any(r["level1_text"] == "产出指标\n（50分）" for r in labelled)
    canonical = {"产出指标", "效益指标", "满意度指标", "成本指标"}  # 2023 forms: 成本 on level 1
    assert {r["level1"] for r in rows("indicators")} == canonical


def test_a_finding_about_an_indicator_names_the_indicator_row() -> None:
    # seed 004 公共服务经费, 质量指标 “制度执行”: the second indicator, path indicators.1.target
    finding = next(
        r
        for r in rows("findings")
        if r["project_name"] == "公共服务经费" and r["path"] == "indicators.1.target"
    )
    assert finding["indicator_no"] == 2
    assert finding["code"] == "TARGET_NOT_QUANTIFIED" and finding["severity_label"] == "警告"
    funds = next(
        r
        for r in rows("findings")
        if r["project_name"] == "公共服务经费" and r["code"] == "FUNDS_RATE_MISMATCH"
    )
    assert funds["indicator_no"] is None and funds["path"] == "funds.execution_rate"
    assert "90.10%" in str(funds["message"]) and funds["severity"] == "error"


def test_the_callers_keys_replace_the_default_ones_on_every_table() -> None:
    keys = [f"record-{i}" for i in range(50)]
    for table in TABLES:
        got = {r["form_key"] for r in rows(table, keys)}
        assert got <= set(keys) and got
    assert [r["form_key"] for r in rows("forms", keys)] == keys


def test_files_of_the_same_name_in_two_folders_keep_their_keys_apart(tmp_path: Path) -> None:
    seed = (SAMPLES / "004_b10b36a27f1da553.txt").read_text(encoding="utf-8")
    for folder, changed in (
        ("甲", seed),
        ("乙", seed.replace("公共服务经费", "公共服务经费（乙）")),
    ):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "自评表.txt").write_text(changed, encoding="utf-8")
    (tmp_path / "另一个.txt").write_text(seed, encoding="utf-8")
    result = check_paths([tmp_path], load_policy("beijing"))
    keys = [row[0] for row in table_rows(result.forms, "forms")]
    assert len(keys) == 6 and len(set(keys)) == 6
    assert "另一个.txt#0" in keys and "另一个.txt#1" in keys  # a unique name stays a name
    assert str(tmp_path / "甲" / "自评表.txt") + "#0" in keys
    assert str(tmp_path / "乙" / "自评表.txt") + "#1" in keys


def test_it_refuses_keys_that_do_not_match_the_forms_and_an_unknown_table() -> None:
    with pytest.raises(ValueError, match="form_keys"):
        table_rows(checked(), "forms", ["only-one"])
    with pytest.raises(ValueError, match="没有数据表"):
        table_rows(checked(), "budgets")


def test_an_empty_selection_gives_no_rows() -> None:
    for table in TABLES:
        assert list(table_rows([], table)) == []
