"""The department's overall score: the policy's weighted parts, each explained, and a grade."""

from __future__ import annotations

from decimal import Decimal

import pytest
from fengtai import FENGTAI

from jixiao.department.evaluation import evaluate_department, select_department
from jixiao.department.figures import DepartmentFigures
from jixiao.scoring.policy import Policy, PolicyError, parse_policy
from jixiao.services.check import CheckedForm


def _policy_with(policy: Policy, **department: object) -> Policy:
    data = policy.model_dump()
    data["department"].update(department)
    return Policy.model_validate(data)


def test_seed_002_scores_its_parts_as_worked_out_by_hand(
    checked: list[CheckedForm], figures: DepartmentFigures, policy: Policy
) -> None:
    name, forms = select_department(FENGTAI, 2021, checked)
    ev = evaluate_department(name, 2021, forms, figures, policy)
    parts = {c.key: c.score.value for c in ev.components}
    # 20 × 0.994358 = 19.887 → 19.89; 0.57% and 0% are under the 5% line → full marks
    assert parts["execution"] == Decimal("19.89")
    assert parts["balance"] == Decimal("10.00")
    assert parts["difference"] == Decimal("10.00")
    # computed totals 97.62–100 (丰台区“十四五”规划课题经费's 105 capped at 100): the
    # budget-weighted mean Σ(预算 × 总分) ÷ Σ预算 = 153515.48698 ÷ 1535.5881 = 99.97
    # → 60 × 0.9997 = 59.98
    assert parts["projects"] == Decimal("59.98")
    assert ev.score.value == Decimal("99.87")
    assert ev.grade == "优秀"
    assert "19.89 + 结转结余率 10.00" in ev.score.explanation


def test_a_rate_between_the_lines_loses_marks_linearly(
    figures: DepartmentFigures, policy: Policy
) -> None:
    # 年末结转结余 412.594 ÷ 执行数 4125.94 = 10%: 10 × (30% − 10%) ÷ (30% − 5%) = 8.00
    ev = evaluate_department(
        FENGTAI, 2021, [], figures.model_copy(update={"balance_end": Decimal("412.594")}), policy
    )
    balance = next(c for c in ev.components if c.key == "balance")
    assert ev.balance_rate.value == Decimal("0.1000")
    assert balance.score.value == Decimal("8.00")
    assert "10.00 ×（30.00% − 10.00%）÷（30.00% − 5.00%）= 8.00" in balance.score.explanation


def test_a_rate_beyond_the_zero_line_scores_nothing(
    figures: DepartmentFigures, policy: Policy
) -> None:
    ev = evaluate_department(
        FENGTAI, 2021, [], figures.model_copy(update={"final_accounts": Decimal("6000")}), policy
    )
    difference = next(c for c in ev.components if c.key == "difference")
    # (6000 − 4149.35) ÷ 4149.35 = 44.60% ≥ 30%
    assert ev.difference_rate.value == Decimal("0.4460")
    assert difference.score.value == Decimal("0.00")


def test_the_simple_mean_of_projects_is_a_setting(
    checked: list[CheckedForm], figures: DepartmentFigures, policy: Policy
) -> None:
    name, forms = select_department("运行保障中心", 2021, checked)
    ev = evaluate_department(
        name, 2021, forms, figures, _policy_with(policy, project_mean="simple")
    )
    scores = [c.computed.total_score for c in forms]
    assert all(s is not None for s in scores)
    mean = sum(s for s in scores if s is not None) / len(scores)
    projects = next(c for c in ev.components if c.key == "projects")
    expected = (Decimal(60) * min(mean / 100, Decimal(1))).quantize(Decimal("0.01"))
    assert projects.score.value == expected
    assert "简单平均" in projects.score.explanation


def test_the_figures_year_must_be_the_evaluated_year(
    figures: DepartmentFigures, policy: Policy
) -> None:
    from jixiao.department.figures import FiguresError

    with pytest.raises(FiguresError, match="与评价年度（2022）不一致"):
        evaluate_department(FENGTAI, 2022, [], figures, policy)


def test_a_policy_whose_department_weights_do_not_add_up_is_refused() -> None:
    with pytest.raises(PolicyError, match="department.weights 各项之和应等于 weights.total"):
        parse_policy('name = "x"\ntitle = "x"\n[department.weights]\nexecution = 30\n', "x.toml")


def test_a_policy_with_an_unknown_balance_base_names_the_choices() -> None:
    with pytest.raises(PolicyError, match="department.balance_base"):
        parse_policy('name = "x"\ntitle = "x"\n[department]\nbalance_base = "收入"\n', "x.toml")
