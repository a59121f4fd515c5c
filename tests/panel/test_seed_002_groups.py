"""Seed 002's groups: each level-2 group's average and 失分率 as the report states them."""

from __future__ import annotations

import pytest
from panel_seed import STATED_GROUPS, STATED_INDICATORS, STATED_LEVEL1, d, seed_result

from jixiao.panel.compute import percent


def group(name: str):
    return next(g for g in seed_result().groups if g.name == name)


@pytest.mark.parametrize("name", [n for n in STATED_GROUPS if n != "资金管理"])
def test_each_level2_groups_average_and_loss_rate_are_the_reports(name: str) -> None:
    average, loss_rate = STATED_GROUPS[name]
    computed = group(name)
    assert computed.score == d(average)
    assert percent(computed.loss_rate) == f"{loss_rate}%"


def test_the_money_managements_loss_rate_is_18_33_not_the_reports_19_11() -> None:
    computed = group("资金管理")
    assert computed.score == d("9.80")
    assert computed.weight == 12
    assert percent(computed.loss_rate) == "18.33%"  # 2.20 / 12, by hand


@pytest.mark.parametrize("name", list(STATED_INDICATORS))
def test_the_benefit_indicators_the_report_analyses_match(name: str) -> None:
    average, loss_rate = STATED_INDICATORS[name]
    row = next(r for r in seed_result().rows if r.name == name)
    assert row.score == d(average)
    assert percent(row.loss_rate) == f"{loss_rate}%"


@pytest.mark.parametrize("name", list(STATED_LEVEL1))
def test_each_level1_groups_weight_and_score_are_the_reports(name: str) -> None:
    weight, score = STATED_LEVEL1[name]
    assert group(name).weight == d(weight)
    assert group(name).score == d(score)


def test_score_rate_and_lost_points_complete_each_other() -> None:
    computed = group("组织实施")
    assert computed.lost == d("2.60")
    assert percent(computed.score_rate) == "67.50%"
