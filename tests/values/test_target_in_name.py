"""Targets written into the indicator name when the target cell only says 完成预期指标."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.values import Comparator, Kind, target_in_name


@pytest.mark.parametrize(
    ("name", "comparator", "number", "unit"),
    [
        ("工作人员满意度≥90%", Comparator.GE, "90", "%"),
        ("损坏率1%", Comparator.LE, "1", "%"),
        ("差错率2%", Comparator.LE, "2", "%"),
        ("投诉率0.5%", Comparator.LE, "0.5", "%"),
        ("损坏率为10%以下", Comparator.LE, "10", "%"),
        ("成本控制12.3016万元以内", Comparator.LE, "12.3016", "万元"),
        ("满意度达到95%以上", Comparator.GE, "95", "%"),
        ("满意度100%", Comparator.GE, "100", "%"),
        ("群众满意度高于95%", Comparator.GT, "95", "%"),
        ("聘用144人", Comparator.NONE, "144", "人"),
        ("2021年度项目预算控制在1121.6239元以内。", Comparator.LE, "0.11216239", "万元"),
    ],
)
def test_the_name_states_the_target(name, comparator, number, unit) -> None:
    value = target_in_name(name)
    assert value is not None
    assert value.kind is Kind.NUMBER
    quantity = value.first
    assert (quantity.comparator, quantity.number, quantity.unit) == (
        comparator,
        Decimal(number),
        unit,
    )


def test_an_actual_in_brackets_is_left_out() -> None:
    value = target_in_name("项目预算控制在7.5万元以内（实际发生为7.5万元）")
    assert len(value.clauses) == 1
    assert value.first.comparator is Comparator.LE


def test_a_name_with_several_targets_gives_them_all() -> None:
    value = target_in_name("前台290个窗口，后台1100名工作人员")
    assert [(q.label, q.number, q.unit) for q in value.clauses] == [
        ("前台", Decimal(290), "个"),
        ("后台", Decimal(1100), "名"),
    ]


def test_a_heading_is_not_part_of_the_label() -> None:
    value = target_in_name("城市管理方面：划分网格＝17个；巡查时间≥8小时")
    assert value.first.label == "划分网格"


def test_a_name_with_a_deadline_gives_a_date() -> None:
    value = target_in_name("2021年12月底前，完成该项工作")
    assert value.kind is Kind.DATE
    assert (value.dates[0].year, value.dates[0].month, value.dates[0].bound) == (2021, 12, "before")


@pytest.mark.parametrize(
    "name",
    [
        "成本控制预算范围内",
        "工作人员满意度",
        "1.产品有效率\n2.及时率",
        "指标1：履职基础、公共服务能力",
        "按照规划时间1-12月完成",
        "60岁及以上的老年人数量",
        "指标2：5吨型洒水车",
        "指标2：PM2.5累计浓度同比改善",
        "",
    ],
)
def test_a_name_without_a_number_gives_nothing(name) -> None:
    assert target_in_name(name) is None
