"""TARGETS_OUTPUT_IS_SPENDING: an output target that is the project's money."""

from __future__ import annotations

from jixiao.model.form import Declared
from jixiao.model.targets import TargetsForm


def with_target(t: TargetsForm, index: int, target: str) -> TargetsForm:
    t = t.model_copy(deep=True)
    t.indicators[index] = t.indicators[index].model_copy(update={"target": Declared(text=target)})
    return t


def test_it_flags_a_quantity_target_that_is_the_funds_total(declared, findings) -> None:
    t = with_target(declared["mof"], 0, "480万元")  # 建立居民健康档案人数; 年度资金总额 480.00
    (found,) = findings(t, "TARGETS_OUTPUT_IS_SPENDING")
    assert found.path == "indicators.0.target"
    assert "数量指标“建立居民健康档案人数”的指标值“480万元”就是项目资金 480 万元" in found.message


def test_it_compares_in_wan_when_the_header_says_yuan(declared, findings) -> None:
    # 项目资金（元）860,000.00 = 86 万元; the target written in 元
    t = with_target(declared["split"], 1, "860000元")
    (found,) = findings(t, "TARGETS_OUTPUT_IS_SPENDING")
    assert "就是项目资金 86 万元" in found.message


def test_real_outputs_and_cost_targets_pass(declared, findings) -> None:
    for name in ("mof", "split", "anzhen", "ningxiang", "reference"):
        assert findings(declared[name], "TARGETS_OUTPUT_IS_SPENDING") == [], name
    # ≤480万元 on the 成本指标 row is the cost matching the money, not an output
    assert declared["mof"].indicators[4].target.text == "≤480万元"
