"""The execution rate and its score against B / A (domain.md §5, first bullet; §11.1)."""

from __future__ import annotations


def test_it_flags_a_rate_that_does_not_match_the_money(reviewed):
    r = reviewed("公共服务经费")
    f = r.one("FUNDS_RATE_MISMATCH", "funds.execution_rate")
    assert "90.10%" in f.message and "9.01" in f.message
    assert "1960.5869 ÷ 2175.9657" in f.message and "100%" in f.message
    assert f.location.startswith("资金表·年度资金总额·执行率，第1个表格")


def test_it_flags_the_score_of_that_rate_separately(reviewed):
    f = reviewed("公共服务经费").one("FUNDS_SCORE_MISMATCH", "funds.score")
    assert "9.01" in f.message and "表中填 10" in f.message
    assert f.location.startswith("资金表·年度资金总额·得分")


def test_it_flags_a_score_rounded_down_by_hand(reviewed):
    f = reviewed("2023年城乡基层党组织服务群众经费（市级资金）").one(
        "FUNDS_SCORE_MISMATCH", "funds.score"
    )
    assert "9.91" in f.message and "表中填 9" in f.message and "向下取整" in f.message


def test_it_flags_99_5_percent_scored_9(reviewed):
    f = reviewed("基层党组织党建活动经费", 2023).one("FUNDS_SCORE_MISMATCH", "funds.score")
    assert "9.95" in f.message


def test_it_flags_98_86_percent_scored_9(reviewed):
    f = reviewed("通州区文明示范小区创建工作项目").one("FUNDS_SCORE_MISMATCH", "funds.score")
    assert "9.89" in f.message and "表中填 9" in f.message


def test_it_flags_a_declared_rate_above_b_over_a(reviewed):
    r = reviewed("朗清园社区警务工作室装饰装修和信息化工程相关资金项目")
    f = r.one("FUNDS_RATE_MISMATCH", "funds.execution_rate")
    assert "98.86%" in f.message and "433 ÷ 438" in f.message and "99.9%" in f.message


def test_it_only_warns_when_the_score_is_rounded_to_the_nearest_integer(reviewed):
    r = reviewed("朗清园社区警务工作室装饰装修和信息化工程相关资金项目")
    assert r.one("FUNDS_SCORE_ROUNDED", "funds.score").severity == "warning"
    assert not r.of("FUNDS_SCORE_MISMATCH")


def test_it_accepts_a_rate_within_the_policy_tolerance(reviewed):
    # 99.726033 / 100 = 99.73 %, declared 99.7 % and 10 points (9.97 within 0.05)
    r = reviewed("2023年城乡基层党组织服务群众经费（区级资金）")
    assert not r.of("FUNDS_RATE_MISMATCH") and not r.of("FUNDS_SCORE_MISMATCH")
