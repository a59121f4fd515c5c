"""MONITOR_RATE_MISMATCH: the declared 执行率 against 执行数 ÷ 全年预算数."""

from __future__ import annotations

from decimal import Decimal

from monitoring_checks import codes

from jixiao.model.form import Declared
from jixiao.review.monitoring import review_monitoring


def test_the_declared_rates_of_the_fixtures_match_the_money(read_monitoring, beijing) -> None:
    for name, rate in (("seed004_july", "0.3000"), ("tick_2023", "0.4200")):
        result = review_monitoring(read_monitoring(name), beijing)
        assert result.execution_rate == Decimal(rate)
        assert codes(result, "MONITOR_RATE_MISMATCH") == []


def test_it_flags_a_rate_that_does_not_match_the_money(read_monitoring, beijing) -> None:
    m = read_monitoring("tick_2023")
    m.funds = m.funds.model_copy(update={"execution_rate": Declared(text="52.00%")})
    result = review_monitoring(m, beijing)
    assert codes(result, "MONITOR_RATE_MISMATCH") == ["funds.execution_rate"]
    (found,) = [f for f in result.findings if f.code == "MONITOR_RATE_MISMATCH"]
    assert "52.00%" in found.message and "42.00%" in found.message
    assert result.execution_rate == Decimal("0.4200")  # computed, the declared one apart
