"""A 监控表 with nothing or nonsense in it is reviewed without crashing, each gap said in Chinese."""

from __future__ import annotations

from monitoring_checks import codes

from jixiao.model.form import Declared, FormSource
from jixiao.model.monitoring import MonitoringForm, MonitoringFunds, MonitoringIndicator
from jixiao.review.monitoring import months_covered, review_monitoring


def blank() -> MonitoringForm:
    return MonitoringForm(source=FormSource(file="x.xlsx", sha256="0" * 64, format="xlsx", index=0))


def test_a_blank_table_says_the_rate_cannot_be_computed(beijing) -> None:
    result = review_monitoring(blank(), beijing)
    assert [f.code for f in result.findings] == ["MONITOR_RATE_NOT_COMPUTABLE"]
    assert "全年预算数没有填写" in result.findings[0].message
    assert (result.execution_rate, result.completion, result.month) == (None, None, 7)
    assert result.light == "green"


def test_nonsense_values_are_named_not_computed(beijing) -> None:
    m = blank()
    m.funds = MonitoringFunds(annual_budget=Declared(text="约两百万"), executed=Declared(text="—"))
    m.period = Declared(text="上半年")
    m.indicators = [
        MonitoringIndicator(
            name=Declared(text="培训人次"),
            target=Declared(text="很多"),
            actual=Declared(text="≥≥"),
            likelihood=Declared(text="???"),
        )
    ]
    result = review_monitoring(m, beijing)
    (found,) = [f for f in result.findings if f.code == "MONITOR_RATE_NOT_COMPUTABLE"]
    assert "“约两百万”不是数字" in found.message
    assert codes(result, "MONITOR_LIKELIHOOD_MISSING") == ["indicators.0.likelihood"]
    assert result.month == 7  # an unreadable period falls back to the policy's months


def test_the_months_a_period_covers() -> None:
    assert months_covered("1-7月", 12) == 7
    assert months_covered("1—6月份", 12) == 6
    assert months_covered("截至8月底", 12) == 8
    assert months_covered("1-13月", 7) == 7
    assert months_covered("", 7) == 7
