"""MONITOR_AT_RISK: an indicator answered 有可能."""

from __future__ import annotations

from monitoring_checks import codes

from jixiao.review.monitoring import review_monitoring


def test_it_flags_the_ticked_possible_indicator(read_monitoring, beijing) -> None:
    result = review_monitoring(read_monitoring("tick_2023", "pdf"), beijing)
    assert codes(result, "MONITOR_AT_RISK") == ["indicators.1.likelihood"]
    (found,) = [f for f in result.findings if f.code == "MONITOR_AT_RISK"]
    assert "≥4800人" in found.message and "4600人" in found.message and "人员保障" in found.message
    assert "第1页" in found.location


def test_certain_indicators_are_not_at_risk(read_monitoring, beijing) -> None:
    result = review_monitoring(read_monitoring("seed004_july"), beijing)
    assert codes(result, "MONITOR_AT_RISK") == []
