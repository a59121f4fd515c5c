"""Seed 002's score sheet row by row: the computed 合计 and 平均分 are the sheet's own."""

from __future__ import annotations

import pytest
from panel_seed import (
    AVERAGE_TOTAL,
    EXPERT_TOTALS,
    EXPERTS,
    GRADE,
    GRAND_TOTAL,
    ROWS,
    d,
    seed_result,
)


def test_it_finds_the_five_experts_in_the_sheets_order() -> None:
    assert seed_result().panel.experts == EXPERTS


def test_it_reads_every_one_of_the_eighteen_rows() -> None:
    assert [r.name for r in seed_result().rows] == list(ROWS)


@pytest.mark.parametrize("name", list(ROWS))
def test_each_rows_sum_and_average_are_the_sheets(name: str) -> None:
    weight, scores, total, average = ROWS[name]
    row = next(r for r in seed_result().rows if r.name == name)
    assert row.weight == d(weight)
    assert row.scores == [d(s) for s in scores]
    assert row.sum == d(total)
    assert row.score == d(average)


def test_each_experts_total_is_the_sheets() -> None:
    result = seed_result()
    assert [e.name for e in result.experts] == EXPERTS
    assert [e.total for e in result.experts] == [d(t) for t in EXPERT_TOTALS]


def test_the_grand_total_average_total_and_grade_are_the_sheets() -> None:
    result = seed_result()
    assert result.grand_total == d(GRAND_TOTAL)
    assert result.average_total == d(AVERAGE_TOTAL)
    assert result.total == d(AVERAGE_TOTAL)
    assert result.grade == GRADE


def test_it_names_the_evaluated_project() -> None:
    assert seed_result().panel.title == "丰台区2021年区政府网站运维"


def test_every_number_has_an_explanation() -> None:
    result = seed_result()
    row = next(r for r in result.rows if r.name == "立项程序规范性")
    assert "1.5 + 1.5 + 1.2 + 1 + 1 = 6.2" in row.explanation
    assert "6.2 ÷ 5 = 1.24" in row.explanation
    assert "418.6 ÷ 5 = 83.72" in result.explanations["average_total"]
    assert "83.72 → 良好" in result.explanations["grade"]
