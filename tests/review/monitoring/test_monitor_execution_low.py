"""MONITOR_EXECUTION_LOW: spending to date below the policy's warning line for the period."""

from __future__ import annotations

from monitoring_checks import codes

from jixiao.model.form import Declared
from jixiao.review.monitoring import review_monitoring
from jixiao.scoring.policy import parse_policy


def test_it_flags_thirty_percent_spent_by_the_end_of_july(read_monitoring, beijing) -> None:
    m = read_monitoring("seed004_july")
    result = review_monitoring(m, beijing)
    assert codes(result, "MONITOR_EXECUTION_LOW") == ["funds.executed"]
    (found,) = [f for f in result.findings if f.code == "MONITOR_EXECUTION_LOW"]
    # 652.7897 ÷ 2175.9657 = 30.00 %; July is held to June's 40 %; 10 points below, more than 5
    assert "30.00%" in found.message and "6月底" in found.message and "40.00%" in found.message
    assert "亮红灯" in found.message
    assert found.location.startswith("资金·1-7月执行数，")


def test_it_leaves_forty_two_percent_in_july_alone(read_monitoring, beijing) -> None:
    result = review_monitoring(read_monitoring("tick_2023"), beijing)
    assert codes(result, "MONITOR_EXECUTION_LOW") == []


def test_a_later_period_is_held_to_a_higher_line(read_monitoring, beijing) -> None:
    """The same 42 % by the end of August is below August's 60 %: 18 points, red."""
    m = read_monitoring("tick_2023")
    m.period = Declared(text="1-8月")
    result = review_monitoring(m, beijing)
    (found,) = [f for f in result.findings if f.code == "MONITOR_EXECUTION_LOW"]
    assert "8月底" in found.message and "60.00%" in found.message
    assert result.light == "red" and result.threshold_month == 8


def test_the_lines_are_policy_data(read_monitoring) -> None:
    strict = parse_policy(
        'name = "strict"\ntitle = "t"\n[monitoring]\nthresholds = { "6" = "0.50" }\n'
    )
    result = review_monitoring(read_monitoring("tick_2023"), strict)
    (found,) = [f for f in result.findings if f.code == "MONITOR_EXECUTION_LOW"]
    assert "50.00%" in found.message and "亮红灯" in found.message  # 42 < 50 − 5


def test_before_the_first_line_nothing_is_held(read_monitoring, beijing) -> None:
    m = read_monitoring("seed004_july")
    m.period = Declared(text="1-3月")
    result = review_monitoring(m, beijing)
    assert codes(result, "MONITOR_EXECUTION_LOW") == []
    assert result.threshold is None and result.month == 3
