"""MONITOR_LIKELIHOOD_MISSING: 完成目标可能性 left empty or none of the three answers."""

from __future__ import annotations

from monitoring_checks import codes

from jixiao.model.form import Declared
from jixiao.review.monitoring import likelihood_of, review_monitoring


def test_every_fixture_row_answers_it(read_monitoring, beijing) -> None:
    for name in ("seed004_july", "tick_2023"):
        result = review_monitoring(read_monitoring(name), beijing)
        assert codes(result, "MONITOR_LIKELIHOOD_MISSING") == []


def test_it_flags_an_empty_or_unreadable_answer(read_monitoring, beijing) -> None:
    m = read_monitoring("seed004_july")
    m.indicators[3] = m.indicators[3].model_copy(update={"likelihood": Declared(text="")})
    m.indicators[4] = m.indicators[4].model_copy(update={"likelihood": Declared(text="待定")})
    result = review_monitoring(m, beijing)
    assert codes(result, "MONITOR_LIKELIHOOD_MISSING") == [
        "indicators.3.likelihood",
        "indicators.4.likelihood",
    ]
    messages = [f.message for f in result.findings if f.code == "MONITOR_LIKELIHOOD_MISSING"]
    assert "没有填写" in messages[0] and "“待定”" in messages[1]


def test_the_answers_are_read_as_written() -> None:
    assert likelihood_of(Declared(text="完全不可能")) == "完全不可能"
    assert likelihood_of(Declared(text=" 有可能 ")) == "有可能"
    assert likelihood_of(Declared(text="确定能")) == "确定能"
    assert likelihood_of(Declared(text="不好说")) is None
