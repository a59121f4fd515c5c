"""占…的P%: part ÷ whole, the whole found by its name or as the total before 其中."""

from __future__ import annotations

from decimal import Decimal

from accounts_hand import checked, claims


def test_it_finds_the_whole_by_the_name_after_zhan() -> None:
    text = (
        "2021年度本年收入合计1,000.00万元，其中：财政拨款收入600.00万元，占收入合计的60.00%；"
        "其他收入400.00万元，占收入合计的40.00%。"
    )
    found = claims(text, "share")
    assert [(c.item, c.computed, c.ok) for c in found] == [
        ("财政拨款收入", Decimal("60.00"), True),  # 600 ÷ 1000
        ("其他收入", Decimal("40.00"), True),  # 400 ÷ 1000
    ]


def test_it_flags_a_wrong_share_with_the_right_figure() -> None:
    # 3838.89 ÷ 3869.78 = 99.2017…% → 99.20%, not 98.20%
    result = checked(
        "2021年度本年收入合计3869.78万元，其中：财政拨款收入3838.89万元，占收入合计的98.20%；"
        "其他收入30.89万元，占收入合计的0.80%。"
    )
    wrong = [c for c in result.claims if c.ok is False]
    assert [(c.kind, c.computed) for c in wrong] == [("share", Decimal("99.20"))]
    (finding,) = result.findings
    assert finding.code == "ACCOUNTS_SHARE_MISMATCH" and "应为99.20%" in finding.message


def test_it_falls_back_to_the_total_before_the_list_when_the_name_differs() -> None:
    # “本年财政拨款支出” is not the name of any figure: the total before 主要用于 is the whole
    text = (
        "2021年度一般公共预算财政拨款支出200.00万元，主要用于以下方面：一般公共服务支出150.00万元，"
        "占本年财政拨款支出75.00%；住房保障支出50.00万元，占本年财政拨款支出25.00%。"
    )
    assert [(c.computed, c.ok) for c in claims(text, "share")] == [
        (Decimal("75.00"), True),
        (Decimal("25.00"), True),
    ]


def test_it_cannot_check_a_share_of_a_whole_it_cannot_find() -> None:
    (claim,) = claims("2021年培训费12.00万元，占全区培训经费的3.00%。", "share")
    assert (claim.computed, claim.ok) == (None, None)
    assert "找不到" in claim.explanation
