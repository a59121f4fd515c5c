"""TARGETS_COST_FUNDS_MISMATCH: a cost target against 年度资金总额, both in 万元."""

from __future__ import annotations

from jixiao.model.form import Declared
from jixiao.model.targets import TargetsForm


def with_cost(t: TargetsForm, name: str, target: str) -> TargetsForm:
    t = t.model_copy(deep=True)
    i = next(i for i, ind in enumerate(t.indicators) if ind.level2 == "成本指标")
    t.indicators[i] = t.indicators[i].model_copy(
        update={"name": Declared(text=name), "target": Declared(text=target)}
    )
    return t


def test_it_flags_a_ceiling_above_the_money_in_yuan(declared, findings) -> None:
    # 年度资金总额 860,000.00 元 (header 项目资金（元）) = 86 万元; the cost ceiling is 95 万元
    (found,) = findings(declared["split"], "TARGETS_COST_FUNDS_MISMATCH")
    assert found.path == "indicators.4.target"
    assert (
        "成本上限 95 万元 高于年度资金总额 860,000.00 元 = 86 万元（按 1 万元 = 10000 元换算）"
        in (found.message)
    )


def test_it_flags_a_total_cost_that_differs_from_the_money(declared, findings) -> None:
    t = with_cost(declared["mof"], "项目总成本", "≤400万元")  # 资金总额 480.00 万元
    (found,) = findings(t, "TARGETS_COST_FUNDS_MISMATCH")
    assert "项目总成本 400 万元 与年度资金总额 480.00 万元 不一致" in found.message


def test_a_cost_in_yuan_is_converted_before_comparing(declared, findings) -> None:
    t = with_cost(declared["mof"], "项目总成本", "≤4800000元")  # = 480 万元
    assert findings(t, "TARGETS_COST_FUNDS_MISMATCH") == []
    t = with_cost(declared["mof"], "项目总成本", "≤5000000元")  # = 500 万元 > 480
    (found,) = findings(t, "TARGETS_COST_FUNDS_MISMATCH")
    assert "成本上限 500 万元 高于年度资金总额 480.00 万元" in found.message


def test_a_matching_total_and_a_unit_cost_pass(declared, findings) -> None:
    assert findings(declared["mof"], "TARGETS_COST_FUNDS_MISMATCH") == []  # ≤480万元 = 480.00
    t = with_cost(declared["mof"], "每人年均健康管理成本", "≤600万元")  # a unit cost: not compared
    assert findings(t, "TARGETS_COST_FUNDS_MISMATCH") == []
    t = with_cost(declared["split"], "项目总成本", "≤86万元")  # = 860,000.00 元
    assert findings(t, "TARGETS_COST_FUNDS_MISMATCH") == []
