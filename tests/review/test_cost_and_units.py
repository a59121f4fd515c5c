"""Cost actuals against the funds block, and units that cannot be right (domain.md §5)."""

from __future__ import annotations


def test_it_flags_a_cost_of_20_when_12_489_was_spent(reviewed):
    f = reviewed("电子政务内网机房建设").one("COST_ACTUAL_CONTRADICTS_FUNDS", "indicators.3.target")
    assert "实际20万" in f.message and "12.489" in f.message
    assert f.location.startswith("绩效指标第4行（成本指标·成本控制预算范围内）·年度指标值")


def test_it_flags_a_cost_copied_from_another_form(reviewed):
    f = reviewed("政管局党费返还留成党建经费").one(
        "COST_ACTUAL_CONTRADICTS_FUNDS", "indicators.3.target"
    )
    assert "0.2862" in f.message and "0.38" in f.message


def test_it_accepts_the_same_cost_where_it_is_right(reviewed):
    # 基层党组织党建活动经费 (2021) spent 0.2862 and says 实际0.2862万; 微信公众号运维费 20 / 实际20万
    assert not reviewed("基层党组织党建活动经费", 2021).of("COST_ACTUAL_CONTRADICTS_FUNDS")
    assert not reviewed("微信公众号运维费").of("COST_ACTUAL_CONTRADICTS_FUNDS")


def test_it_warns_about_amounts_in_yuan_under_the_wanyuan_header(reviewed):
    r = reviewed("市民服务中心工作经费")
    f = r.one("UNIT_FUNDS_IN_YUAN", "funds.total.initial_budget")
    assert "307800" in f.message and "30.78 万元" in f.message and f.severity == "warning"
    assert len(r.of("UNIT_FUNDS_IN_YUAN")) == 1


def test_it_flags_a_budget_figure_written_in_yuan(reviewed):
    f = reviewed("丰台区2020年“互联网+政务服务”一网通办项目").one(
        "UNIT_YUAN_FOR_WANYUAN", "indicators.5.name"
    )
    assert "1121.6239元" in f.message and "1121.6239 万元" in f.message
    assert f.location.startswith("绩效指标第6行（成本指标·")
