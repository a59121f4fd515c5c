"""Dates in the wrong year and deviation texts that contradict the score (domain.md §5)."""

from __future__ import annotations


def test_it_warns_about_an_actual_dated_the_year_before(reviewed):
    f = reviewed("通州区文明示范小区创建工作项目").one("DATE_WRONG_YEAR", "indicators.2.actual")
    assert "2022" in f.message and "2023" in f.message
    assert f.location.startswith("绩效指标第3行（时效指标·")


def test_it_accepts_a_deadline_early_the_next_year_when_the_target_says_so(reviewed):
    # target and actual both “2024年2月份之前完成施工” in a 2023 form
    assert not reviewed("2023年第三批“小微项目惠民生”资金").of("DATE_WRONG_YEAR")


def test_it_warns_about_a_deviation_that_admits_a_problem_under_full_marks(reviewed):
    f = reviewed("通州区文明示范小区创建工作项目").one(
        "DEVIATION_ADMITS_PROBLEM", "indicators.1.deviation"
    )
    assert "问题" in f.message and "5" in f.message


def test_it_warns_when_every_score_is_full_but_a_deviation_is_reported(reviewed):
    f = reviewed("政法委群防群治补助经费").one("ALL_FULL_WITH_PROBLEMS", "indicators.0.deviation")
    assert "以实际参与人数为准进行慰问" in f.message


def test_it_does_not_count_a_deviation_cell_that_says_none(reviewed):
    # every row of 重点区域精细化管控项目 is full and says “无”
    assert not reviewed("2023年通州区潞源街道重点区域精细化管控项目").of("ALL_FULL_WITH_PROBLEMS")
