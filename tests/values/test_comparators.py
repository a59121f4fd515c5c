"""Comparators written as symbols (half- and full-width) or words, before or after the number."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.values import Comparator, Kind, parse_value


@pytest.mark.parametrize(
    ("text", "comparator", "number", "unit"),
    [
        ("≥35次", Comparator.GE, "35", "次"),
        ("≤430万元", Comparator.LE, "430", "万元"),
        ("＝17个", Comparator.EQ, "17", "个"),
        ("=365天", Comparator.EQ, "365", "天"),
        (">5%", Comparator.GT, "5", "%"),
        ("<3人", Comparator.LT, "3", "人"),
        (">=80%", Comparator.GE, "80", "%"),
        ("<=9人", Comparator.LE, "9", "人"),
        ("≧2次", Comparator.GE, "2", "次"),
        ("＞1次", Comparator.GT, "1", "次"),
        ("≥ 8 小时", Comparator.GE, "8", "小时"),
    ],
)
def test_a_comparator_symbol_is_read_with_its_number_and_unit(
    text, comparator, number, unit
) -> None:
    value = parse_value(text)
    assert value.kind is Kind.NUMBER
    assert value.first is not None
    assert (value.first.comparator, value.first.number, value.first.unit) == (
        comparator,
        Decimal(number),
        unit,
    )


@pytest.mark.parametrize(
    ("text", "comparator"),
    [
        ("不低于90%", Comparator.GE),
        ("不少于3次", Comparator.GE),
        ("至少5个", Comparator.GE),
        ("力争达到85%", Comparator.GE),
        ("达到95%", Comparator.GE),
        ("不超过5.972万元", Comparator.LE),
        ("不高于10万元", Comparator.LE),
        ("低于5%", Comparator.LT),
        ("超过90%", Comparator.GT),
        ("高于95%", Comparator.GT),
        ("等于1个", Comparator.EQ),
    ],
)
def test_a_comparator_word_before_the_number_is_read(text, comparator) -> None:
    assert parse_value(text).first.comparator is comparator


@pytest.mark.parametrize(
    ("text", "comparator"),
    [
        ("95%以上", Comparator.GE),
        ("10%以下", Comparator.LE),
        ("12.3016万元以内", Comparator.LE),
        ("控制在12.3016万元以内", Comparator.LE),
        ("5天内", Comparator.LE),
        ("满意度达到95%以上", Comparator.GE),
    ],
)
def test_a_comparator_word_after_the_number_is_read(text, comparator) -> None:
    assert parse_value(text).first.comparator is comparator


def test_a_bare_number_has_no_comparator_and_reads_as_higher_is_better() -> None:
    quantity = parse_value("144人").first
    assert quantity.comparator is Comparator.NONE
    assert quantity.comparator.direction == "正向"


def test_the_words_before_the_comparator_are_the_label() -> None:
    quantity = parse_value("满意度达到98%").first
    assert quantity.label == "满意度"
    assert quantity.comparator is Comparator.GE


def test_a_completion_percentage_is_an_actual_without_comparator() -> None:
    quantity = parse_value("完成100%").first
    assert (quantity.comparator, quantity.number, quantity.unit, quantity.label) == (
        Comparator.NONE,
        Decimal(100),
        "%",
        "完成",
    )


def test_more_than_written_as_yu_is_greater_than() -> None:
    quantity = parse_value("490余件").first
    assert (quantity.comparator, quantity.number, quantity.unit) == (
        Comparator.GT,
        Decimal(490),
        "件",
    )


def test_contradicting_comparators_are_not_read_and_are_noted() -> None:
    value = parse_value("不超过95%以上")
    assert value.kind is Kind.TEXT
    assert "矛盾" in value.note


def test_a_range_is_read_at_its_unfavourable_end_with_a_note() -> None:
    at_least = parse_value("≥3-6期")
    assert at_least.first.number == Decimal(3)
    assert "区间" in at_least.note
    at_most = parse_value("≤3-6期")
    assert at_most.first.number == Decimal(6)
    assert parse_value("=3-6期").kind is Kind.TEXT
