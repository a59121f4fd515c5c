"""完成年初预算的P%: the final figure ÷ the initial budget."""

from __future__ import annotations

from decimal import Decimal

from accounts_hand import only


def test_it_checks_completion_against_the_budget_derived_from_the_change() -> None:
    # 12.00 − 2.00 = 10.00; 12 ÷ 10 = 120.00%
    text = "2021年度“培训费”决算12.00万元，比年初预算增加2.00万元，完成年初预算的120.00%。"
    claim = only(text, "completion")
    assert (claim.computed, claim.ok) == (Decimal("120.00"), True)
    assert only(text.replace("120.00%", "110.00%"), "completion").ok is False


def test_it_cannot_check_completion_without_a_budget() -> None:
    claim = only("2021年度“培训费”决算12.00万元，完成年初预算的120.00%。", "completion")
    assert (claim.computed, claim.ok) == (None, None)
