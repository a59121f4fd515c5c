"""The 红 / 黄 / 绿 light of a 监控表, by the rule in docs/policies.md."""

from __future__ import annotations

from decimal import Decimal

import pytest
from fixtures.monitoring.build import specs
from monitoring_checks import codes

from jixiao.model.form import Declared
from jixiao.review.monitoring import review_monitoring

CASES = [(s.id, kind, s.expected) for s in specs() for kind in ("docx", "xlsx", "pdf")]


@pytest.mark.parametrize(("name", "kind", "expected"), CASES, ids=[f"{n}-{k}" for n, k, _ in CASES])
def test_each_fixture_gets_the_light_rate_and_findings_checked_by_hand(
    read_monitoring, beijing, name: str, kind: str, expected: dict
) -> None:
    result = review_monitoring(read_monitoring(name, kind), beijing)
    assert result.light == expected["light"]
    assert result.execution_rate == Decimal(expected["execution_rate_computed"])
    assert [f.code for f in result.findings] == expected["codes"]


def test_a_county_table_in_yuan_on_track_is_green(read_monitoring, beijing) -> None:
    """837,000.00 元 of 1,860,000.00 元 by the end of June: 45 %, counts at 46.81 %."""
    result = review_monitoring(read_monitoring("county_june", "xlsx"), beijing)
    assert (result.light, result.month, result.threshold) == ("green", 6, Decimal("0.40"))
    assert result.completion == Decimal("0.4681") and result.reasons == []


def test_the_seed_004_july_table_is_red(read_monitoring, beijing) -> None:
    for kind in ("docx", "xlsx", "pdf"):
        result = review_monitoring(read_monitoring("seed004_july", kind), beijing)
        assert result.light == "red", kind
        assert result.light_name == "红灯"
        assert any("完全不可能" in r for r in result.reasons)


def test_the_ticked_table_is_yellow(read_monitoring, beijing) -> None:
    result = review_monitoring(read_monitoring("tick_2023"), beijing)
    assert result.light == "yellow"
    assert result.to_json_dict()["light"] == "yellow"
    assert result.to_json_dict()["execution_rate"] == "0.4200"


def test_a_table_on_track_is_green(read_monitoring, beijing) -> None:
    m = read_monitoring("tick_2023")
    m.indicators[1] = m.indicators[1].model_copy(update={"likelihood": Declared(text="确定能")})
    m.indicators[0] = m.indicators[0].model_copy(update={"actual": Declared(text="14000人")})
    m.indicators[1] = m.indicators[1].model_copy(update={"actual": Declared(text="2000人")})
    result = review_monitoring(m, beijing)
    assert result.light == "green" and result.reasons == []
    assert codes(result, "MONITOR_EXECUTION_LOW") == []


def test_execution_just_below_the_line_is_yellow_not_red(read_monitoring, beijing) -> None:
    m = read_monitoring("seed004_july")
    m.indicators[0] = m.indicators[0].model_copy(update={"likelihood": Declared(text="确定能")})
    # 800 ÷ 2175.9657 = 36.77 %: below 40 % by 3.23 points, within the 5-point margin
    m.funds = m.funds.model_copy(
        update={"executed": Declared(text="800"), "execution_rate": Declared()}
    )
    result = review_monitoring(m, beijing)
    assert result.light == "yellow"
    assert codes(result, "MONITOR_EXECUTION_LOW") == ["funds.executed"]
