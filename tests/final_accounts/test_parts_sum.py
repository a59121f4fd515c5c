"""Parts after 其中 add up to the total before it, within rounding; a list can span paragraphs."""

from __future__ import annotations

from decimal import Decimal

from accounts_hand import checked, claims, only


def test_it_accepts_parts_that_add_up() -> None:
    text = "2021年政府采购支出总额1435.00万元，其中：货物支出25.52万元，工程支出0万元，服务支出1409.48万元。"
    claim = only(text, "parts_sum")
    # 25.52 + 0 + 1409.48 = 1435.00
    assert (claim.stated, claim.computed, claim.ok) == (
        Decimal("1435.00"),
        Decimal("1435.00"),
        True,
    )


def test_it_flags_parts_that_do_not_add_up() -> None:
    # 25.52 + 0 + 1400.48 = 1426.00, 9.00 short of 1435.00
    result = checked(
        "2021年政府采购支出总额1435.00万元，其中：货物支出25.52万元，工程支出0万元，服务支出1400.48万元。"
    )
    claim = next(c for c in result.claims if c.kind == "parts_sum")
    assert (claim.computed, claim.ok) == (Decimal("1426.00"), False)
    (finding,) = result.findings
    assert finding.code == "ACCOUNTS_PARTS_SUM" and "相差9.00万元" in finding.message


def test_it_allows_the_rounding_difference_of_a_cent() -> None:
    # 3940.54 + 0.29 = 3940.83 vs 3940.82: each figure rounded to 0.01, three figures → ≤ 0.015
    text = "2021年度一般公共服务支出3940.82万元，其中：行政运行3940.54万元，组织事务0.29万元。"
    claim = only(text, "parts_sum")
    assert claim.ok is True and "尾差" in claim.explanation
    # 3940.54 + 0.29 = 3940.83 vs 3940.80: 0.03 is more than rounding
    assert only(text.replace("3940.82", "3940.80"), "parts_sum").ok is False


def test_it_only_asks_a_single_part_not_to_exceed_the_total() -> None:
    text = "授予中小企业合同金额247.28万元，其中：授予小微企业合同金额199.99万元。"
    assert only(text, "parts_sum").ok is True
    text = "授予中小企业合同金额247.28万元，其中：授予小微企业合同金额299.99万元。"
    assert only(text, "parts_sum").ok is False


def test_it_takes_the_parts_of_a_list_from_the_paragraphs_after_it() -> None:
    text = "\n".join(
        [
            "1、“一般公共服务支出”（类）2021年度决算300.00万元，比2021年年初预算增加100.00万元，增加50%。其中：",
            "“行政运行”（款）2021年度决算200.00万元，比2021年年初预算增加50.00万元，增加33.33%。",
            "“组织事务”（款）2021年度决算50.00万元，比2021年年初预算增加25.00万元，增加100%。",
            "2、“教育支出”(类)2021年度决算10.00万元，比2021年年初预算减少了10.00万元，下降50%。",
        ]
    )
    (claim,) = claims(text, "parts_sum")
    # 200.00 + 50.00 = 250.00 ≠ 300.00: the next 类 (2、) is not a part
    assert (claim.item, claim.computed, claim.ok) == ("一般公共服务支出", Decimal("250.00"), False)
    assert claim.location.paragraph.line == 1


def test_it_ends_a_list_at_the_next_heading() -> None:
    text = "\n".join(
        [
            "2021年“三公”经费财政拨款决算数3.00万元，比2021年“三公”经费财政拨款年初预算3.00万元无变化。其中：",
            "1.因公出国（境）费用。2021年决算数0万元，与2021年年初预算数0万元无变化。",
            "2.公务接待费。2021年决算数1.00万元，与2021年年初预算数1.00万元无变化。",
            "3.公务用车购置及运行维护费。2021年决算数2.00万元，与2021年年初预算数2.00万元无变化。",
            "二、机关运行经费支出情况",
            "2021年日常公用经费支出合计40.31万元。",
        ]
    )
    (claim,) = claims(text, "parts_sum")
    # 0 + 1.00 + 2.00 = 3.00
    assert (claim.computed, claim.ok) == (Decimal("3.00"), True)
    assert "公务用车购置及运行维护费" in claim.text and "日常公用经费" not in claim.text


def test_it_makes_no_sum_of_a_list_without_figures() -> None:
    text = "2021年使用一般公共预算财政拨款安排基本支出673.06万元，其中：（1）工资福利支出包括基本工资；（2）商品和服务支出包括办公费。"
    assert claims(text, "parts_sum") == []
