"""TARGETS_NO_SATISFACTION_INDICATOR: no 满意度指标 at all."""

from __future__ import annotations


def test_it_flags_targets_without_satisfaction(declared, findings) -> None:
    assert {i.level1 for i in declared["split"].indicators} == {"产出指标", "效益指标"}
    (found,) = findings(declared["split"], "TARGETS_NO_SATISFACTION_INDICATOR")
    assert found.path == "indicators"
    assert "没有满意度指标" in found.message


def test_a_satisfaction_indicator_passes(declared, findings) -> None:
    assert findings(declared["mof"], "TARGETS_NO_SATISFACTION_INDICATOR") == []
    assert findings(declared["anzhen"], "TARGETS_NO_SATISFACTION_INDICATOR") == []
