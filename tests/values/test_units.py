"""Units: money converted exactly to 万元, percent, area and counts kept canonical."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.values import Kind, parse_value


@pytest.mark.parametrize(
    ("text", "wan"),
    [
        ("4378657.2元", "437.86572"),
        ("4333848元", "433.3848"),
        ("250元", "0.025"),
        ("9.665万元", "9.665"),
        ("实际20万", "20"),
        ("实际0.2862万", "0.2862"),
        ("1.2亿元", "12000"),
        ("3亿", "30000"),
        ("5千元", "0.5"),
        ("1,234.5万元", "1234.5"),
    ],
)
def test_money_is_converted_exactly_to_wan_yuan(text, wan) -> None:
    quantity = parse_value(text).first
    assert quantity.unit == "万元"
    assert quantity.is_money
    assert quantity.number == Decimal(wan)


def test_yuan_are_divided_exactly_without_rounding() -> None:
    quantity = parse_value("1121.6239元").first
    assert quantity.number == Decimal("0.11216239")
    assert quantity.number * 10000 == Decimal("1121.6239")


@pytest.mark.parametrize("text", ["95%", "95％", "95百分比"])
def test_percent_spellings_become_the_percent_sign(text) -> None:
    quantity = parse_value(text).first
    assert (quantity.number, quantity.unit) == (Decimal(95), "%")


@pytest.mark.parametrize("text", ["1535平方米", "1535㎡"])
def test_area_spellings_become_square_metres(text) -> None:
    assert parse_value(text).first.unit == "㎡"


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("144人", "人"),
        ("≥1500人次", "人次"),
        ("2家", "家"),
        ("1辆", "辆"),
        ("=365天", "天"),
        ("≥8小时", "小时"),
        ("11项", "项"),
        ("4座", "座"),
        ("≥8种", "种"),
        ("5期", "期"),
        ("10个月", "个月"),
        ("≥1年", "年"),
        ("1次/月", "次/月"),
    ],
)
def test_count_units_are_kept_as_written(text, unit) -> None:
    assert parse_value(text).first.unit == unit


def test_a_compound_unit_keeps_its_first_part() -> None:
    assert parse_value("84套(台)").first.unit == "套"
    assert parse_value("753套（路）").first.unit == "套"


def test_ten_thousand_before_a_count_unit_multiplies_the_count() -> None:
    quantity = parse_value("1.2万人次").first
    assert (quantity.number, quantity.unit) == (Decimal(12000), "人次")


def test_a_bare_number_stays_unitless_even_when_large() -> None:
    quantity = parse_value("1454055.6").first
    assert (quantity.number, quantity.unit) == (Decimal("1454055.6"), "")


def test_thousands_separators_do_not_cut_the_number() -> None:
    quantity = parse_value("≥1,500人次").first
    assert quantity.number == Decimal(1500)


def test_an_unknown_word_right_after_a_number_is_not_taken_as_a_unit() -> None:
    value = parse_value("收6.27倔")
    assert value.kind is Kind.TEXT
    assert "单位" in value.note


def test_durations_are_listed_as_periods() -> None:
    value = parse_value("10个月")
    assert value.periods == ("10个月",)
    assert value.kind is Kind.NUMBER


@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [
        ("补助标准500元/人", "0.05", "万元/人"),
        ("≤1.2万元/户", "1.2", "万元/户"),
        ("人均10平方米/人", "10", "㎡/人"),
        ("5%/年", "5", "%/年"),
    ],
)
def test_a_rate_per_person_or_year_keeps_its_denominator_and_is_no_amount(
    text, number, unit
) -> None:
    quantity = parse_value(text).first
    assert (quantity.number, quantity.unit) == (Decimal(number), unit)
    assert not quantity.is_money
