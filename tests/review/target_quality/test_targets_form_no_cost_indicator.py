"""TARGETS_NO_COST_INDICATOR: outputs without a 成本指标."""

from __future__ import annotations


def test_it_flags_targets_without_a_cost_indicator(declared, findings) -> None:
    t = declared["mof"].model_copy(deep=True)
    t.indicators = [i for i in t.indicators if i.level2 != "成本指标"]
    (found,) = findings(t, "TARGETS_NO_COST_INDICATOR")
    assert found.path == "indicators"
    assert found.location == "绩效指标表"
    assert "没有成本指标" in found.message


def test_a_cost_indicator_passes(declared, findings) -> None:
    for name in ("mof", "split", "anzhen"):
        assert findings(declared[name], "TARGETS_NO_COST_INDICATOR") == [], name
