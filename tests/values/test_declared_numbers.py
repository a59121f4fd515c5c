"""Declared numeric cells: amounts, weights, scores, totals and execution rates."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.values import Kind, is_malformed_number, parse_number, parse_rate, parse_value


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("10", "10"),
        ("9.97", "9.97"),
        (" 1,234.5 ", "1234.5"),
        ("0", "0"),
        ("2175.9657", "2175.9657"),
        ("１０", "10"),
    ],
)
def test_a_declared_number_is_read_exactly(text, number) -> None:
    assert parse_number(text) == Decimal(number)


@pytest.mark.parametrize("text", ["145.40556.6", "100%……", "—", "", "优", "10分", "1,23"])
def test_anything_else_is_not_a_declared_number(text) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("100%", "1"),
        ("99.7%", "0.997"),
        ("0.997", "0.997"),
        ("100", "1"),
        ("98.86%", "0.9886"),
        ("88%", "0.88"),
        ("1", "1"),
        ("1.2", "1.2"),
        ("90.1％", "0.901"),
    ],
)
def test_an_execution_rate_is_a_fraction(text, rate) -> None:
    assert parse_rate(text) == Decimal(rate)


@pytest.mark.parametrize("text", ["145.40556.6", "100%……", "—", "", "高"])
def test_a_malformed_rate_is_none(text) -> None:
    assert parse_rate(text) is None


@pytest.mark.parametrize("text", ["145.40556.6", "100%……", "1..5", "9.97。。", "100%%"])
def test_malformed_numbers_are_recognised(text) -> None:
    assert is_malformed_number(text)


@pytest.mark.parametrize("text", ["100%", "9.97", "1,234.5", "—", "", "优", "达到预期指标"])
def test_good_numbers_and_words_are_not_malformed(text) -> None:
    assert not is_malformed_number(text)


@pytest.mark.parametrize("text", ["145.40556.6", "100%……"])
def test_a_malformed_number_in_a_value_cell_is_noted_not_read(text) -> None:
    value = parse_value(text)
    assert value.kind is Kind.TEXT
    assert value.clauses == ()
    assert "数字格式有误" in value.note
    assert text in value.note
