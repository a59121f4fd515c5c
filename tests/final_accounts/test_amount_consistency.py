"""The same item stated twice must have the same amount; 收入总计 must equal 支出总计."""

from __future__ import annotations

from decimal import Decimal

from accounts_hand import checked, claims


def test_it_accepts_an_item_stated_twice_alike() -> None:
    text = "\n".join(
        [
            "2021年度一般公共预算财政拨款支出100.00万元，主要用于以下方面：教育支出100.00万元，占本年财政拨款支出100.00%。",
            "1、“教育支出”（类）2021年度决算100.00万元。",
        ]
    )
    education = [c for c in claims(text, "amount") if c.item == "教育支出"]
    assert [(c.location.paragraph.line, c.ok) for c in education] == [(1, True), (2, True)]


def test_it_flags_an_item_stated_twice_with_different_amounts() -> None:
    text = "\n".join(
        [
            "2021年度一般公共预算财政拨款支出100.00万元，主要用于以下方面：教育支出100.00万元，占本年财政拨款支出100.00%。",
            "1、“教育支出”（类）2021年度决算90.00万元。",
        ]
    )
    result = checked(text)
    wrong = [c for c in result.claims if c.ok is False]
    assert [(c.kind, c.location.paragraph.line, c.stated, c.computed) for c in wrong] == [
        ("amount", 2, Decimal("90.00"), Decimal("100.00"))
    ]
    (finding,) = result.findings
    assert finding.code == "ACCOUNTS_AMOUNT_CONFLICT"
    assert "第1行所写100.00万元" in finding.message


def test_it_cannot_check_an_amount_stated_once() -> None:
    (claim,) = claims("2021年政府购买服务决算407.21万元。", "amount")
    assert (claim.item, claim.stated, claim.ok) == ("政府购买服务", Decimal("407.21"), None)


def test_it_checks_that_income_and_spending_totals_balance() -> None:
    (claim,) = claims("2021年度收入总计100.00万元，支出总计100.00万元。", "balance")
    assert claim.ok is True
    result = checked("2021年度收入总计100.00万元，支出总计100.01万元。")
    (claim,) = [c for c in result.claims if c.kind == "balance"]
    assert (claim.stated, claim.computed, claim.ok) == (Decimal("100.01"), Decimal("100.00"), False)
    assert result.findings[0].code == "ACCOUNTS_BALANCE"
    assert "相差0.01万元" in result.findings[0].message
