"""MONITOR_GAP: the count indicators' progress and the spending more than 10 points apart."""

from __future__ import annotations

from decimal import Decimal

from monitoring_checks import codes

from jixiao.model.form import Declared
from jixiao.review.monitoring import completion_of, review_monitoring


def test_it_flags_targets_ahead_of_the_money(read_monitoring, beijing) -> None:
    result = review_monitoring(read_monitoring("tick_2023"), beijing)
    assert codes(result, "MONITOR_GAP") == ["indicators"]
    # 21500 ÷ 32000 = 67.19 %, 2650 ÷ 4800 = 55.21 %: mean 61.20 %; 42.00 % spent
    assert result.completion == Decimal("0.6120")
    (found,) = [f for f in result.findings if f.code == "MONITOR_GAP"]
    assert "61.20%" in found.message and "42.00%" in found.message and "19.2" in found.message


def test_only_counts_take_part_not_rates_costs_or_dates() -> None:
    assert completion_of("≥32000人", "21500人") == Decimal(21500) / Decimal(32000)
    assert completion_of("≥65%", "61%") is None  # a rate is a level, not progress
    assert completion_of("≤89元", "89元") is None  # a cost, lower is better
    assert completion_of("2023年11月底前", "已完成55%") is None
    assert completion_of("≥100次", "130次") == Decimal(1)  # capped


def test_progress_in_step_with_spending_is_fine(read_monitoring, beijing) -> None:
    m = read_monitoring("tick_2023")
    # 建档 14000/32000 = 43.75 %, 管理 2000/4800 = 41.67 %: mean 42.71 %, 0.71 points from 42 %
    m.indicators[0] = m.indicators[0].model_copy(update={"actual": Declared(text="14000人")})
    m.indicators[1] = m.indicators[1].model_copy(update={"actual": Declared(text="2000人")})
    assert codes(review_monitoring(m, beijing), "MONITOR_GAP") == []


def test_a_table_without_count_indicators_has_no_gap(read_monitoring, beijing) -> None:
    result = review_monitoring(read_monitoring("seed004_july"), beijing)
    assert result.completion is None and codes(result, "MONITOR_GAP") == []
