"""Rounding is half-up at the framework's decimals, before indicator scores are added up."""

from __future__ import annotations

from decimal import Decimal

from jixiao.panel.compute import compute
from jixiao.panel.framework import load_framework
from jixiao.panel.model import Panel


def test_an_average_ending_in_five_rounds_up() -> None:
    # (1.24 + 1.25) / 2 = 1.245 → 1.25 half-up (banker's rounding would give 1.24)
    scores = {"立项依据充分性": [Decimal("1.24"), Decimal("1.25")]}
    result = compute(Panel(load_framework(), ["甲", "乙"], scores))
    row = next(r for r in result.rows if r.name == "立项依据充分性")
    assert row.score == Decimal("1.25")


def test_groups_add_the_rounded_indicator_scores() -> None:
    # three experts: 1 1 1.5 → 1.1666… → 1.17; 1 1.5 1.5 → 1.3333… → 1.33; 项目立项 = 2.50
    scores = {
        "立项依据充分性": [Decimal(1), Decimal(1), Decimal("1.5")],
        "立项程序规范性": [Decimal(1), Decimal("1.5"), Decimal("1.5")],
    }
    result = compute(Panel(load_framework(), ["甲", "乙", "丙"], scores))
    group = next(g for g in result.groups if g.name == "项目立项")
    assert group.score == Decimal("2.50")
