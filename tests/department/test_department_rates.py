"""预算执行率, 结转结余率 and 预决算差异率 from the department's figures, on the policy's bases."""

from __future__ import annotations

from decimal import Decimal

from fengtai import FENGTAI

from jixiao.department.evaluation import evaluate_department
from jixiao.department.figures import DepartmentFigures
from jixiao.scoring.policy import Policy, load_policy


def _evaluate(figures: DepartmentFigures, policy: Policy):  # type: ignore[no-untyped-def]
    return evaluate_department(FENGTAI, 2021, [], figures, policy)


def test_seed_002s_figures_give_its_execution_rate_of_99_44(
    figures: DepartmentFigures, policy: Policy
) -> None:
    ev = _evaluate(figures, policy)
    # 4125.94 ÷ 4149.35 = 0.994358… → 99.44%
    assert ev.execution_rate.value == Decimal("0.9944")
    assert "4125.94 ÷ 4149.35 = 99.44%" in ev.execution_rate.explanation


def test_the_beijing_balance_rate_divides_by_the_executed_amount_as_seed_002_does(
    figures: DepartmentFigures, policy: Policy
) -> None:
    ev = _evaluate(figures, policy)
    # seed 002: 结转结余率为0.57% — 23.41 ÷ 4125.94 = 0.005674 → 0.57%
    assert ev.balance_rate.value == Decimal("0.0057")
    assert "23.41 ÷ 4125.94" in ev.balance_rate.explanation


def test_the_mof_balance_rate_divides_by_the_budget(figures: DepartmentFigures) -> None:
    ev = _evaluate(figures, load_policy("mof-2020"))
    # 23.41 ÷ 4149.35 = 0.005642 → 0.56%
    assert ev.balance_rate.value == Decimal("0.0056")


def test_the_difference_rate_of_seed_002_is_zero(
    figures: DepartmentFigures, policy: Policy
) -> None:
    assert _evaluate(figures, policy).difference_rate.value == Decimal("0.0000")


def test_without_a_final_accounts_figure_the_executed_amount_stands_in(
    figures: DepartmentFigures, policy: Policy
) -> None:
    ev = _evaluate(figures.model_copy(update={"final_accounts": None}), policy)
    # (4125.94 − 4149.35) ÷ 4149.35 = −0.005642 → −0.56%
    assert ev.difference_rate.value == Decimal("-0.0056")
    assert "以执行数代替" in ev.final_accounts.explanation


def test_without_a_balance_it_is_budget_minus_executed_and_says_so(
    figures: DepartmentFigures, policy: Policy
) -> None:
    ev = _evaluate(figures.model_copy(update={"balance_end": None}), policy)
    assert ev.balance.value == Decimal("23.41")  # 4149.35 − 4125.94
    assert "推算" in ev.balance.explanation


def test_the_difference_rate_on_the_initial_budget_needs_an_initial_budget(
    figures: DepartmentFigures,
) -> None:
    data = load_policy("beijing").model_dump()
    data["department"]["difference_base"] = "initial_budget"
    from jixiao.scoring.policy import Policy as PolicyModel

    ev = _evaluate(figures, PolicyModel.model_validate(data))
    assert ev.difference_rate.value is None
    assert "年初预算数" in ev.difference_rate.explanation


def test_the_balance_change_rate_compares_with_last_years_carryover(
    figures: DepartmentFigures, policy: Policy
) -> None:
    ev = _evaluate(figures.model_copy(update={"carryover_prior": Decimal("46.82")}), policy)
    # (23.41 − 46.82) ÷ 46.82 = −50.00%
    assert ev.balance_change_rate.value == Decimal("-0.5000")
    assert _evaluate(figures, policy).balance_change_rate.value is None  # no 上年结转 given
