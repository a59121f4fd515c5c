"""MONITOR_NO_MEASURES: a target at risk with no 纠偏措施."""

from __future__ import annotations

from monitoring_checks import codes

from jixiao.model.form import Declared
from jixiao.review.monitoring import review_monitoring


def test_both_fixtures_say_what_they_do_about_it(read_monitoring, beijing) -> None:
    for name in ("seed004_july", "tick_2023"):
        assert codes(review_monitoring(read_monitoring(name), beijing), "MONITOR_NO_MEASURES") == []


def test_it_flags_a_risk_with_the_measures_left_empty(read_monitoring, beijing) -> None:
    m = read_monitoring("seed004_july")
    cell = m.indicators[0].measures
    m.indicators[0] = m.indicators[0].model_copy(
        update={"measures": Declared(text="", loc=cell.loc)}
    )
    result = review_monitoring(m, beijing)
    assert codes(result, "MONITOR_NO_MEASURES") == ["indicators.0.measures"]
    (found,) = [f for f in result.findings if f.code == "MONITOR_NO_MEASURES"]
    assert "完全不可能" in found.message and "纠偏措施" in found.location


def test_a_measures_cell_that_says_nothing_counts_as_empty(read_monitoring, beijing) -> None:
    m = read_monitoring("tick_2023")
    m.indicators[1] = m.indicators[1].model_copy(update={"measures": Declared(text="无")})
    result = review_monitoring(m, beijing)
    (found,) = [f for f in result.findings if f.code == "MONITOR_NO_MEASURES"]
    assert "有可能" in found.message and "“无”" in found.message
