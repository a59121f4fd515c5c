"""The trimmed-mean setting: with five or more experts, drop one highest and one lowest score."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from panel_seed import seed_result

from jixiao.panel.compute import compute
from jixiao.panel.framework import Settings


def trimmed_panel(trim_min: int = 5):
    panel = seed_result().panel
    settings = Settings(aggregation="trimmed_mean", trim_min_experts=trim_min)
    framework = dataclasses.replace(panel.framework, settings=settings)
    return dataclasses.replace(panel, framework=framework, sheet=None)


def row(result, name: str):
    return next(r for r in result.rows if r.name == name)


def test_it_drops_the_highest_and_lowest_score() -> None:
    result = compute(trimmed_panel())
    # 立项程序规范性: 1.5 1.5 1.2 1 1 → drop 1.5 and 1 → (1.5 + 1.2 + 1) / 3 = 1.2333 → 1.23
    assert row(result, "立项程序规范性").score == Decimal("1.23")
    # 成本节约率: 9 8 9 5 10 → drop 10 and 5 → (9 + 8 + 9) / 3 = 8.6667 → 8.67
    assert row(result, "成本节约率").score == Decimal("8.67")
    # 预算执行率: 3 3 3 1 3 → drop 3 and 1 → 3
    assert row(result, "预算执行率").score == Decimal("3.00")
    assert "去掉最高分 10（郭家义）和最低分 5（伏虎）" in row(result, "成本节约率").explanation


def test_the_sum_and_the_experts_totals_stay_untrimmed() -> None:
    result = compute(trimmed_panel())
    assert row(result, "成本节约率").sum == Decimal("41")
    assert result.grand_total == Decimal("418.6")


def test_with_fewer_experts_than_the_setting_it_is_the_plain_mean() -> None:
    result = compute(trimmed_panel(trim_min=6))
    assert row(result, "立项程序规范性").score == Decimal("1.24")
    assert result.total == Decimal("83.72")
