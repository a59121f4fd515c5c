"""MONITOR_RATE_NOT_COMPUTABLE: no budget, no amount spent, or a budget of 0."""

from __future__ import annotations

from monitoring_checks import codes

from jixiao.model.form import Declared
from jixiao.review.monitoring import review_monitoring


def test_the_fixtures_have_a_rate(read_monitoring, beijing) -> None:
    for name in ("seed004_july", "tick_2023"):
        result = review_monitoring(read_monitoring(name), beijing)
        assert codes(result, "MONITOR_RATE_NOT_COMPUTABLE") == []


def test_a_zero_budget_gives_no_rate_and_a_clear_reason(read_monitoring, beijing) -> None:
    m = read_monitoring("tick_2023")
    m.funds = m.funds.model_copy(update={"annual_budget": Declared(text="0")})
    result = review_monitoring(m, beijing)
    assert result.execution_rate is None
    (found,) = [f for f in result.findings if f.code == "MONITOR_RATE_NOT_COMPUTABLE"]
    assert "全年预算数为 0" in found.message
    assert codes(result, "MONITOR_EXECUTION_LOW") == [] and codes(result, "MONITOR_GAP") == []


def test_an_empty_amount_spent_is_said(read_monitoring, beijing) -> None:
    m = read_monitoring("seed004_july")
    m.funds = m.funds.model_copy(update={"executed": Declared(text="")})
    result = review_monitoring(m, beijing)
    assert codes(result, "MONITOR_RATE_NOT_COMPUTABLE") == ["funds.executed"]
    assert result.light == "red"  # 完全不可能 still lights it
