"""Long cell text is read in time roughly proportional to its length, whatever its shape."""

from __future__ import annotations

import pytest

from jixiao.values import Kind, parse_value, target_in_name

SHAPES = [
    "5" + " " * 3000 + "6",  # two numbers apart: the clause pattern must fail fast
    "满意度" + " " * 3000 + "95% 96%",
    "优（" + " " * 3000 + "x",
    "完成100件" + " " * 3000 + "2023年12月",
]


@pytest.mark.parametrize("text", SHAPES, ids=range(len(SHAPES)))
def test_a_cell_padded_with_spaces_is_read(text: str) -> None:
    # a pattern that backtracks would hang here (tests never assert on time; a hang shows)
    assert parse_value.__wrapped__(text).text == text
    target_in_name.__wrapped__(text)


def test_spaces_around_the_parts_of_a_clause_are_still_allowed() -> None:
    quantity = parse_value("满意度  ≥  95 %  以上").first
    assert quantity is not None
    assert (quantity.label, quantity.comparator.value, quantity.number, quantity.unit) == (
        "满意度",
        "≥",
        95,
        "%",
    )
    assert parse_value("5" + " " * 30 + "6").kind is Kind.TEXT
