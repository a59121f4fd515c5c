"""The rollup of seed 002's department, checked against the seed's numbers read by hand."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal

from fengtai import FENGTAI
from seeds import FIXTURES

from jixiao.department.evaluation import evaluate_department, select_department
from jixiao.model.finding import Severity
from jixiao.scoring.policy import Policy
from jixiao.services.check import CheckedForm


def _seed_rows() -> list[dict[str, str]]:
    """The department's forms in the hand-made fixture (主管部门 is, or contains, the name)."""
    with (FIXTURES / "seed_forms.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [r for r in rows if FENGTAI in r["department"] and r["year"] == "2021"]


def test_it_takes_the_departments_forms_and_their_spelling_with_the_city(
    checked: list[CheckedForm],
) -> None:
    name, forms = select_department(FENGTAI, 2021, checked)
    assert name == FENGTAI
    assert sorted(c.form.project_name.text for c in forms) == sorted(
        r["project_name"] for r in _seed_rows()
    )
    assert len(forms) == 13  # 18 forms in seed 002, 5 of them under 运行保障中心


def test_the_sums_and_the_weighted_rate_match_the_seed(
    checked: list[CheckedForm], policy: Policy
) -> None:
    rows = _seed_rows()
    budget = sum(Decimal(r["total.annual_budget"]) for r in rows)
    executed = sum(Decimal(r["total.executed"]) for r in rows)
    assert budget == Decimal("1535.5881")
    name, forms = select_department(FENGTAI, 2021, checked)
    ev = evaluate_department(name, 2021, forms, None, policy)
    assert ev.count == 13
    assert ev.total_budget.value == budget
    assert ev.total_executed.value == executed
    # 1535.4695 ÷ 1535.5881 = 0.999923 → 99.99%
    assert ev.weighted_rate.value == (executed / budget).quantize(Decimal("0.0001"), ROUND_HALF_UP)
    assert ev.weighted_rate.value == Decimal("0.9999")


def test_the_simple_mean_of_rates_weighs_every_project_alike(
    checked: list[CheckedForm], policy: Policy
) -> None:
    name, forms = select_department(FENGTAI, 2021, checked)
    ev = evaluate_department(name, 2021, forms, None, policy)
    # twelve projects at 100%, 政管局党费返还留成党建经费 at 0.38 ÷ 0.4986 = 76.21%
    mean = (12 * Decimal("1.0000") + Decimal("0.7621")) / 13
    assert ev.mean_rate.value == mean.quantize(Decimal("0.0001"), ROUND_HALF_UP)


def test_the_declared_scores_statistics_match_the_seed(
    checked: list[CheckedForm], policy: Policy
) -> None:
    declared = sorted(Decimal(r["total_score"]) for r in _seed_rows())
    name, forms = select_department(FENGTAI, 2021, checked)
    ev = evaluate_department(name, 2021, forms, None, policy)
    stats = ev.declared_scores
    assert stats.count == 13
    assert stats.minimum.value == Decimal(94) == declared[0]
    assert stats.maximum.value == Decimal(100) == declared[-1]
    assert stats.median.value == declared[6] == Decimal(97)
    # 100+98+95+98+97+97+95+99+97+96+97+97+94 = 1260 → 1260 ÷ 13 = 96.923 → 96.92
    assert sum(declared) == Decimal(1260)
    assert stats.mean.value == Decimal("96.92")
    assert ev.declared_grades["优秀"] == 13


def test_findings_are_counted_by_severity_and_grouped_by_rule_errors_first(
    checked: list[CheckedForm], policy: Policy
) -> None:
    name, forms = select_department(FENGTAI, 2021, checked)
    ev = evaluate_department(name, 2021, forms, None, policy)
    every = [f for c in forms for f in c.findings]
    assert ev.findings[Severity.ERROR] == sum(f.severity is Severity.ERROR for f in every)
    assert sum(r.count for r in ev.rules) == len(every)
    severities = [r.severity.rank for r in ev.rules]
    assert severities == sorted(severities, reverse=True)
    # the 2021 党费 form: 0.38 spent of 0.4986, yet its 时效 indicator says only “没有全部支出”
    assert any("政管局党费返还留成党建经费" in r.projects for r in ev.rules)


def test_without_figures_there_is_a_rollup_but_no_overall_score(
    checked: list[CheckedForm], policy: Policy
) -> None:
    name, forms = select_department(FENGTAI, 2021, checked)
    ev = evaluate_department(name, 2021, forms, None, policy)
    assert ev.score.value is None
    assert ev.grade is None
    assert "无法计算整体得分" in ev.score.explanation
