"""MONITOR_NO_CAUSE: a target at risk with no 偏差原因 written or ticked."""

from __future__ import annotations

from monitoring_checks import codes

from jixiao.model.form import Declared
from jixiao.review.monitoring import causes_of, review_monitoring


def test_the_fixtures_give_their_reasons(read_monitoring, beijing) -> None:
    for name in ("seed004_july", "tick_2023", "county_june"):
        assert codes(review_monitoring(read_monitoring(name), beijing), "MONITOR_NO_CAUSE") == []


def test_it_flags_a_risk_with_no_cause_ticked(read_monitoring, beijing) -> None:
    m = read_monitoring("tick_2023", "xlsx")
    m.indicators[1] = m.indicators[1].model_copy(update={"cause": Declared()})
    result = review_monitoring(m, beijing)
    assert codes(result, "MONITOR_NO_CAUSE") == ["indicators.1.cause"]
    (found,) = [f for f in result.findings if f.code == "MONITOR_NO_CAUSE"]
    assert "有可能" in found.message and found.location.startswith("绩效指标第2行")


def test_causes_are_read_into_their_categories() -> None:
    assert causes_of(Declared(text="人员保障")) == ["人员"]
    assert causes_of(Declared(text="经费保障、硬件条件保障")) == ["经费", "硬件"]
    assert causes_of(Declared(text="受疫情影响招考延期")) == ["其他"]
    assert causes_of(Declared(text="无")) == []
