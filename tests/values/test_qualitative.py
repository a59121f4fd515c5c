"""Grades, scales and outcome phrases."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.values import Kind, parse_value


@pytest.mark.parametrize(
    "text", ["优良中差", "定性", "定性优良中差", "优、良、中、差", "定性（优良中差）"]
)
def test_a_target_naming_a_scale_is_a_scale(text) -> None:
    value = parse_value(text)
    assert value.kind is Kind.QUALITATIVE
    assert value.scale
    assert value.grade is None


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        ("优", "优"),
        ("良", "良"),
        ("中", "中"),
        ("差", "差"),
        ("优秀", "优"),
        ("良好", "良"),
        ("合格", "中"),
        ("中等", "中"),
        ("不合格", "差"),
        ("较差", "差"),
    ],
)
def test_grades_are_normalised_to_four_levels(text, grade) -> None:
    value = parse_value(text)
    assert value.kind is Kind.QUALITATIVE
    assert value.grade == grade
    assert not value.scale


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("达到预期指标", "达到预期指标"),
        ("达到预期目标", "达到预期目标"),
        ("完成预期指标", "完成预期指标"),
        ("基本达到预期目标", "基本达到预期目标"),
        ("达到预期要求", "达到预期要求"),
        ("完成", "完成"),
        ("基本完成", "基本完成"),
        ("已完成", "已完成"),
        ("全部实施完成", "完成"),
        ("全部项目已完成", "已完成"),
        ("有效提升", "有效提升"),
        ("有所提升", "有所提升"),
        ("得到提升", "得到提升"),
        ("有效改善", "有效改善"),
        ("无投诉", "无投诉"),
        ("达标", "达标"),
        ("基本满意", "基本满意"),
        ("得到满足", "得到满足"),
        ("不超过预算", "不超过预算"),
        ("项目实际支出成本控制在项目预算数内", "不超过预算"),
        ("将项目成本控制在项目资金内", "不超过预算"),
        ("达到预期指标。", "达到预期指标"),
    ],
)
def test_outcome_phrases_are_qualitative_with_the_normalised_phrase(text, phrase) -> None:
    value = parse_value(text)
    assert value.kind is Kind.QUALITATIVE
    assert value.phrase == phrase
    assert value.text == text


def test_a_grade_with_details_gives_the_grade_and_the_clauses_inside() -> None:
    value = parse_value("优（划分网格17个；巡查时间8小时；监控时间24小时）")
    assert value.kind is Kind.QUALITATIVE
    assert value.grade == "优"
    assert [(q.label, q.number, q.unit) for q in value.clauses] == [
        ("划分网格", Decimal(17), "个"),
        ("巡查时间", Decimal(8), "小时"),
        ("监控时间", Decimal(24), "小时"),
    ]


def test_a_grade_with_a_phrase_inside_keeps_both() -> None:
    value = parse_value("优（已完成）")
    assert (value.grade, value.phrase) == ("优", "已完成")


def test_a_good_grade_with_details_is_read() -> None:
    value = parse_value("良（综合窗口人员的服务能力为良；服务保障能力为良）")
    assert value.grade == "良"
    assert value.clauses == ()


@pytest.mark.parametrize("text", ["统一着装", "按照要求执行", "分批提供服装", "常态化"])
def test_prose_is_text_with_a_reason(text) -> None:
    value = parse_value(text)
    assert value.kind is Kind.TEXT
    assert value.note == "无法识别为数值、等级或日期"
    assert not value.readable


def test_an_empty_cell_is_empty() -> None:
    assert parse_value("").kind is Kind.EMPTY
    assert parse_value("   ").kind is Kind.EMPTY
