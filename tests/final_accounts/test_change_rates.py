"""增长/下降 P% after 比上年（年初预算）增加/减少 X万元: base = this year ∓ X, rate = X ÷ base."""

from __future__ import annotations

from decimal import Decimal

from accounts_hand import checked, claims, only


def test_it_accepts_a_growth_rate_that_matches_the_figures() -> None:
    # 200.00 − 50.00 = 150.00; 50 ÷ 150 = 33.333…% → 33.33%
    claim = only("2021年度本年收入合计200.00万元，比上年增加50.00万元，增长33.33%。", "change_rate")
    assert (claim.stated, claim.computed, claim.ok) == (Decimal("33.33"), Decimal("33.33"), True)
    assert claim.item == "本年收入合计"
    assert claim.text == "比上年增加50.00万元，增长33.33%"


def test_it_flags_a_rate_divided_by_this_year_and_says_the_right_one() -> None:
    # 50 ÷ 200 = 25% is the mistake seed 002 makes; the right rate is 50 ÷ 150 = 33.33%
    result = checked("2021年度本年收入合计200.00万元，比上年增加50.00万元，增长25.00%。")
    claim = next(c for c in result.claims if c.kind == "change_rate")
    assert (claim.computed, claim.ok) == (Decimal("33.33"), False)
    (finding,) = result.findings
    assert finding.code == "ACCOUNTS_RATE_MISMATCH"
    assert "应为33.33%" in finding.message and "分母应为上年数" in finding.message


def test_it_takes_a_decrease_from_a_larger_base() -> None:
    # 150.00 + 50.00 = 200.00; 50 ÷ 200 = 25.00%
    claim = only("2021年度本年支出合计150.00万元，比上年减少50.00万元，下降25.00%。", "change_rate")
    assert (claim.computed, claim.ok) == (Decimal("25.00"), True)


def test_it_flags_a_rate_going_the_other_way_than_the_amount() -> None:
    claim = only("2021年度本年支出合计150.00万元，比上年减少50.00万元，增长25.00%。", "change_rate")
    assert claim.ok is False
    assert "方向" in claim.explanation


def test_it_compares_a_whole_percentage_at_the_precision_it_is_written() -> None:
    # 300 − 100 = 200; 100 ÷ 200 = 50.00% written as "50%"; 49.6% would be 50% too
    assert only("2021年度“培训费”决算300万元，比年初预算增加100万元，增加50%。", "change_rate").ok
    # 124 − 41 = 83; 41 ÷ 83 = 49.3975…% → written 49% agrees, 48% does not
    assert only("2021年度“培训费”决算124万元，比年初预算增加41万元，增加49%。", "change_rate").ok
    assert not only(
        "2021年度“培训费”决算124万元，比年初预算增加41万元，增加48%。", "change_rate"
    ).ok


def test_it_calls_a_rate_on_a_zero_budget_wrong() -> None:
    result = checked(
        "2021年度“组织事务”（款）决算0.29万元，比2021年年初预算增加0.29万元，增加49%。"
    )
    claim = next(c for c in result.claims if c.kind == "change_rate")
    assert (claim.computed, claim.ok) == (None, False)
    (finding,) = result.findings
    assert finding.code == "ACCOUNTS_ZERO_BASE"
    assert "基数为零，不能计算增长率" in finding.message


def test_it_cannot_check_a_rate_without_an_amount_or_a_base() -> None:
    claim = only("2021年度本年收入合计200.00万元，比上年增长10%。", "change_rate")
    assert (claim.stated, claim.computed, claim.ok) == (Decimal("10"), None, None)
    assert checked("2021年度本年收入合计200.00万元，比上年增长10%。").findings == []


def test_it_checks_a_rate_against_a_base_written_out() -> None:
    # 120 − 100 = 20; 20 ÷ 100 = 20%
    assert only("2021年度本年收入合计120万元，比上年100万元增长20%。", "change_rate").ok is True
    assert only("2021年度本年收入合计120万元，比上年100万元增长25%。", "change_rate").ok is False


def test_it_reads_full_width_digits_and_percent_signs() -> None:
    # 100 − 50 = 50; 50 ÷ 50 = 100%
    text = (
        "２０２１年度本年收入合计１００．００万元，比上年增加５０．００万元，增长１００．００％。"
    )
    claim = only(text, "change_rate")
    assert (claim.stated, claim.ok) == (Decimal("100.00"), True)


def test_it_finds_one_rate_per_change() -> None:
    text = (
        "2021年度本年收入合计200.00万元，比上年增加50.00万元，增长33.33%。"
        "2021年度本年支出合计150.00万元，比上年减少50.00万元，下降25.00%。"
    )
    assert [c.item for c in claims(text, "change_rate")] == ["本年收入合计", "本年支出合计"]
