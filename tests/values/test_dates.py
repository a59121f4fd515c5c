"""Dates, date ranges and periods."""

from __future__ import annotations

import pytest

from jixiao.values import DateValue, Kind, parse_value


def _dates(text: str) -> list[tuple[int, int | None, int | None, str]]:
    return [(d.year, d.month, d.day, d.bound) for d in parse_value(text).dates]


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("2023年12月前", [(2023, 12, None, "before")]),
        ("2023年12月底前", [(2023, 12, None, "before")]),
        ("2024年2月份之前完成施工", [(2024, 2, None, "before")]),
        ("2023年11月底完成小区文明创建氛围营造和环境清洁", [(2023, 11, None, "end")]),
        ("2022年11月底完成小区文明创建氛围营造和环境清洁", [(2022, 11, None, "end")]),
        ("2020年12月前完成", [(2020, 12, None, "before")]),
        ("2023年12月31日前完成", [(2023, 12, 31, "before")]),
        ("2021年11月完成", [(2021, 11, None, "")]),
        ("2023年底", [(2023, None, None, "end")]),
    ],
)
def test_a_date_is_read_with_year_month_and_bound(text, dates) -> None:
    value = parse_value(text)
    assert value.kind is Kind.DATE
    assert _dates(text) == dates


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("2021.1月-2021.12月", [(2021, 1, None, "from"), (2021, 12, None, "to")]),
        ("执行2021.1-12月", [(2021, 1, None, "from"), (2021, 12, None, "to")]),
        ("2021.5.28-2022.5.27", [(2021, 5, 28, "from"), (2022, 5, 27, "to")]),
        ("2021年4月1日至2022年3月31日", [(2021, 4, 1, "from"), (2022, 3, 31, "to")]),
    ],
)
def test_a_date_range_gives_its_start_and_end(text, dates) -> None:
    assert parse_value(text).kind is Kind.DATE
    assert _dates(text) == dates


def test_a_date_keeps_the_text_it_was_read_from() -> None:
    value = parse_value("2023年12月前开展")
    assert value.dates == (DateValue(2023, 12, None, "before", "2023年12月前"),)


def test_a_date_without_year_is_noted_not_guessed() -> None:
    value = parse_value("12月13日完成")
    assert value.kind is Kind.TEXT
    assert value.dates == ()
    assert "未写年份" in value.note


def test_a_budget_year_is_not_a_date() -> None:
    value = parse_value("2021年度支出12万元")
    assert value.dates == ()
    assert value.first.number == 12


def test_a_period_of_months_is_a_duration() -> None:
    value = parse_value("10个月")
    assert value.periods == ("10个月",)
    assert value.dates == ()
