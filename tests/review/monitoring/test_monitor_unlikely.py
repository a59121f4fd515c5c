"""MONITOR_UNLIKELY: an indicator answered 完全不可能."""

from __future__ import annotations

from monitoring_checks import codes

from jixiao.model.form import Declared
from jixiao.review.monitoring import review_monitoring


def test_it_flags_the_indicator_that_cannot_be_met(read_monitoring, beijing) -> None:
    result = review_monitoring(read_monitoring("seed004_july", "xlsx"), beijing)
    assert codes(result, "MONITOR_UNLIKELY") == ["indicators.0.likelihood"]
    (found,) = [f for f in result.findings if f.code == "MONITOR_UNLIKELY"]
    assert found.severity == "error"
    assert "全年保障10个社区148名社工" in found.message and "人员保障" in found.message
    assert found.location.startswith(
        "绩效指标第1行（数量指标·指标1：）·完成目标可能性，工作表“监控表”"
    )


def test_it_reads_a_tick_in_the_column_too(read_monitoring, beijing) -> None:
    m = read_monitoring("tick_2023")
    m.indicators[2] = m.indicators[2].model_copy(update={"likelihood": Declared(text="完全不可能")})
    assert codes(review_monitoring(m, beijing), "MONITOR_UNLIKELY") == ["indicators.2.likelihood"]


def test_a_table_where_every_target_can_be_met_has_none(read_monitoring, beijing) -> None:
    assert codes(review_monitoring(read_monitoring("tick_2023"), beijing), "MONITOR_UNLIKELY") == []
