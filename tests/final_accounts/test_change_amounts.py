"""比……增加/减少 X万元 (or 无变化) on its own: checkable only when the base is written out."""

from __future__ import annotations

from decimal import Decimal

from accounts_hand import checked, only


def test_it_checks_no_change_against_the_budget_written_out() -> None:
    claim = only("1.公务接待费。2021年决算数0万元，与2021年年初预算数0万元无变化。", "change")
    assert (claim.stated, claim.computed, claim.ok) == (Decimal(0), Decimal(0), True)
    assert claim.item == "公务接待费"


def test_it_flags_no_change_when_the_figures_differ() -> None:
    # 3.50 − 2.00 = 1.50, not “无变化”
    result = checked("1.公务接待费。2021年决算数3.50万元，与2021年年初预算数2.00万元无变化。")
    claim = next(c for c in result.claims if c.kind == "change")
    assert (claim.computed, claim.ok) == (Decimal("1.50"), False)
    assert result.findings[0].code == "ACCOUNTS_CHANGE_MISMATCH"
    assert "应为1.50万元" in result.findings[0].message


def test_it_checks_a_decrease_against_the_base() -> None:
    # 8.00 − 10.00 = −2.00: 减少2.00万元
    text = "2021年公务用车运行维护费决算8.00万元，比年初预算10.00万元减少2.00万元。"
    assert only(text, "change").ok is True


def test_it_cannot_check_a_change_with_no_base() -> None:
    result = checked(
        "2021年日常公用经费支出合计40.31万元，比上年增加5.95万元，增加原因：支出增加。"
    )
    claim = next(c for c in result.claims if c.kind == "change")
    assert (claim.stated, claim.computed, claim.ok) == (Decimal("5.95"), None, None)
    assert "无从核对" in claim.explanation
    assert result.findings == []
