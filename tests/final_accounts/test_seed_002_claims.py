"""Seed 002's 部门决算说明 (第二部分) and 其他重要事项 (第三部分), claim by claim.

Every expected figure below was worked out by hand from the seed's text (the arithmetic is written
next to it, rounded to two decimals half up); none is computed by the code under test. Exactly
three claims are wrong: the growth rate of 财政拨款收、支总计 (line 24), the rate of 组织事务 on a
budget of zero (line 37), and the year 2020 in the 2021 narrative (line 38).
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import pytest
from seeds import SAMPLES

from jixiao.final_accounts import AccountsCheck, check_path

SEED_002 = SAMPLES / "002_00c192bc11a47879.txt"

Y, N, Q = True, False, None  # agrees, wrong, cannot be checked


@cache
def seed() -> AccountsCheck:
    return check_path(SEED_002)


def row(line: int, kind: str, item: str, stated: str, computed: str | None, ok: bool | None):
    return (line, kind, item, Decimal(stated), None if computed is None else Decimal(computed), ok)


# (line, kind, item, stated, computed, verdict)
RATES = [
    # 4180.76 − 1885.34 = 2295.42; 1885.34 ÷ 2295.42 = 82.1348…%
    row(16, "change_rate", "收、支总计", "82.13", "82.13", Y),
    # 3869.78 − 1778.52 = 2091.26; 1778.52 ÷ 2091.26 = 85.0454…%
    row(19, "change_rate", "本年收入合计", "85.05", "85.05", Y),
    # 4125.94 − 1872.04 = 2253.90; 1872.04 ÷ 2253.90 = 83.0578…%
    row(21, "change_rate", "本年支出合计", "83.06", "83.06", Y),
    # 4149.35 − 1854.45 = 2294.90; 1854.45 ÷ 2294.90 = 80.8074…% — the text says 44.69%
    row(24, "change_rate", "财政拨款收、支总计", "44.69", "80.81", N),
    # 3940.82 − 968.53 = 2972.29; 968.53 ÷ 2972.29 = 32.5853…%
    row(34, "change_rate", "一般公共服务支出", "32.59", "32.59", Y),
    # 3940.54 − 1295.90 = 2644.64; 1295.90 ÷ 2644.64 = 49.0010…% (written "49%")
    row(35, "change_rate", "政府办公厅（室）及相关机构事务", "49", "49.00", Y),
    # 0.29 − 0.29 = 0: no rate on a zero base — the text says 49%
    row(37, "change_rate", "组织事务", "49", None, N),
    # 0 + 0.90 = 0.90; 0.90 ÷ 0.90 = 100%
    row(38, "change_rate", "教育支出", "100", "100.00", Y),
    # 70.00 − 0.03 = 69.97; 0.03 ÷ 69.97 = 0.0429…%
    row(40, "change_rate", "社会保障和就业支出", "0.04", "0.04", Y),
    row(41, "change_rate", "行政事业单位养老支出", "0.04", "0.04", Y),
    # 114.74 + 4.48 = 119.22; 4.48 ÷ 119.22 = 3.7578…%
    row(42, "change_rate", "住房保障支出", "3.76", "3.76", Y),
    row(43, "change_rate", "住房改革支出", "3.76", "3.76", Y),
]

CHANGES = [
    # 决算0 − 年初预算0 = 0 (“无变化”)
    row(53, "change", "三公经费财政拨款", "0", "0.00", Y),
    row(55, "change", "因公出国（境）费用", "0", "0.00", Y),
    row(57, "change", "公务接待费", "0", "0.00", Y),
    row(59, "change", "公务用车购置及运行维护费", "0", "0.00", Y),
    # 比上年增加5.95万元 with no last-year figure and no rate: cannot be checked
    row(63, "change", "日常公用经费支出", "5.95", None, Q),
]

SHARES = [
    # ÷ 本年收入合计 3869.78
    row(19, "share", "财政拨款收入", "99.20", "99.20", Y),  # 3838.89 ÷ 3869.78 = 99.2017…%
    row(19, "share", "上级补助收入", "0", "0.00", Y),
    row(19, "share", "事业收入", "0", "0.00", Y),
    row(19, "share", "经营收入", "0", "0.00", Y),
    row(19, "share", "附属单位上缴收入", "0", "0.00", Y),
    row(19, "share", "其他收入", "0.80", "0.80", Y),  # 30.89 ÷ 3869.78 = 0.7982…%
    # ÷ 本年支出合计 4125.94
    row(21, "share", "基本支出", "16.31", "16.31", Y),  # 673.06 ÷ 4125.94 = 16.3128…%
    row(21, "share", "项目支出", "83.69", "83.69", Y),  # 3452.88 ÷ 4125.94 = 83.6871…%
    row(21, "share", "上缴上级支出", "0", "0.00", Y),
    row(21, "share", "经营支出", "0", "0.00", Y),
    row(21, "share", "对附属单位补助支出", "0", "0.00", Y),
    # ÷ 一般公共预算财政拨款支出 4125.56
    row(30, "share", "一般公共服务支出", "95.52", "95.52", Y),  # 3940.82 ÷ 4125.56 = 95.5220…%
    row(30, "share", "教育支出", "0", "0.00", Y),
    row(30, "share", "社会保障和就业支出", "1.70", "1.70", Y),  # 70.00 ÷ 4125.56 = 1.6967…%
    row(30, "share", "住房保障支出", "2.78", "2.78", Y),  # 114.74 ÷ 4125.56 = 2.7811…%
    # ÷ 政府采购支出总额 1435.00
    row(67, "share", "授予中小企业合同金额", "17.23", "17.23", Y),  # 247.28 ÷ 1435 = 17.2320…%
    row(67, "share", "授予小微企业合同金额", "13.94", "13.94", Y),  # 199.99 ÷ 1435 = 13.9365…%
]

PARTS = [
    # 3838.89 + 0 + 0 + 0 + 0 + 30.89 = 3869.78
    row(19, "parts_sum", "本年收入合计", "3869.78", "3869.78", Y),
    # 673.06 + 3452.88 + 0 + 0 + 0 = 4125.94
    row(21, "parts_sum", "本年支出合计", "4125.94", "4125.94", Y),
    # 3940.82 + 0 + 70.00 + 114.74 = 4125.56
    row(30, "parts_sum", "一般公共预算财政拨款支出", "4125.56", "4125.56", Y),
    # 3940.54 (line 35) + 0.29 (line 37) = 3940.83: 0.01 off, within the rounding of three figures
    row(34, "parts_sum", "一般公共服务支出", "3940.82", "3940.83", Y),
    # one part listed: 70.00 (line 41) ≤ 70.00
    row(40, "parts_sum", "社会保障和就业支出", "70.00", "70.00", Y),
    # one part listed: 114.74 (line 43) ≤ 114.74
    row(42, "parts_sum", "住房保障支出", "114.74", "114.74", Y),
    # lines 55, 57, 59: 0 + 0 + 0 = 0
    row(53, "parts_sum", "三公经费财政拨款", "0", "0", Y),
    # 25.52 + 0 + 1409.48 = 1435.00
    row(67, "parts_sum", "政府采购支出总额", "1435.00", "1435.00", Y),
    # one part listed: 199.99 ≤ 247.28
    row(67, "parts_sum", "授予中小企业合同金额", "247.28", "199.99", Y),
]

# Amounts stated once cannot be checked; the four 类 stated at line 30 come back at lines 34–42.
AMOUNTS = [
    row(16, "amount", "收、支总计", "4180.76", None, Q),
    row(19, "amount", "本年收入合计", "3869.78", None, Q),
    row(19, "amount", "财政拨款收入", "3838.89", None, Q),
    row(19, "amount", "上级补助收入", "0", None, Q),
    row(19, "amount", "事业收入", "0", None, Q),
    row(19, "amount", "经营收入", "0", None, Q),
    row(19, "amount", "附属单位上缴收入", "0", None, Q),
    row(19, "amount", "其他收入", "30.89", None, Q),
    row(21, "amount", "本年支出合计", "4125.94", None, Q),
    row(21, "amount", "基本支出", "673.06", None, Q),
    row(21, "amount", "项目支出", "3452.88", None, Q),
    row(21, "amount", "上缴上级支出", "0", None, Q),
    row(21, "amount", "经营支出", "0", None, Q),
    row(21, "amount", "对附属单位补助支出", "0", None, Q),
    row(24, "amount", "财政拨款收、支总计", "4149.35", None, Q),
    row(30, "amount", "一般公共预算财政拨款支出", "4125.56", None, Q),
    row(30, "amount", "一般公共服务支出", "3940.82", "3940.82", Y),
    row(30, "amount", "教育支出", "0", "0", Y),
    row(30, "amount", "社会保障和就业支出", "70.00", "70.00", Y),
    row(30, "amount", "住房保障支出", "114.74", "114.74", Y),
    row(34, "amount", "一般公共服务支出", "3940.82", "3940.82", Y),
    row(35, "amount", "政府办公厅（室）及相关机构事务", "3940.54", None, Q),
    row(37, "amount", "组织事务", "0.29", None, Q),
    row(38, "amount", "教育支出", "0", "0", Y),
    row(40, "amount", "社会保障和就业支出", "70.00", "70.00", Y),
    row(41, "amount", "行政事业单位养老支出", "70.00", None, Q),
    row(42, "amount", "住房保障支出", "114.74", "114.74", Y),
    row(43, "amount", "住房改革支出", "114.74", None, Q),
    row(48, "amount", "使用一般公共预算财政拨款安排基本支出", "673.06", None, Q),
    row(48, "amount", "使用政府性基金财政拨款安排基本支出", "0", None, Q),
    row(53, "amount", "三公经费财政拨款", "0", None, Q),
    row(55, "amount", "因公出国（境）费用", "0", None, Q),
    row(57, "amount", "公务接待费", "0", None, Q),
    row(59, "amount", "公务用车购置及运行维护费", "0", None, Q),
    row(63, "amount", "日常公用经费支出", "40.31", None, Q),
    row(67, "amount", "政府采购支出总额", "1435.00", None, Q),
    row(67, "amount", "政府采购货物支出", "25.52", None, Q),
    row(67, "amount", "政府采购工程支出", "0", None, Q),
    row(67, "amount", "政府采购服务支出", "1409.48", None, Q),
    row(67, "amount", "授予中小企业合同金额", "247.28", None, Q),
    row(67, "amount", "授予小微企业合同金额", "199.99", None, Q),
    row(78, "amount", "政府购买服务", "407.21", None, Q),
]

# Every year named in a sentence with figures, per line: all 2021 but the 2020 at line 38.
YEARS_PER_LINE = {
    16: [2021], 19: [2021], 21: [2021], 24: [2021], 30: [2021],
    34: [2021, 2021], 35: [2021, 2021], 37: [2021, 2021], 38: [2020, 2021],
    40: [2021, 2021], 41: [2021, 2021], 42: [2021, 2021], 43: [2021, 2021],
    48: [2021], 53: [2021, 2021], 55: [2021, 2021], 57: [2021, 2021], 59: [2021, 2021],
    63: [2021], 67: [2021], 78: [2021],
}  # fmt: skip


def actual(kind: str) -> list[tuple]:
    return [
        (c.location.paragraph.line, c.kind, c.item, c.stated, c.computed, c.ok)
        for c in seed().claims
        if c.kind == kind
    ]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("change_rate", RATES),
        ("change", CHANGES),
        ("share", SHARES),
        ("parts_sum", PARTS),
        ("amount", AMOUNTS),
    ],
)
def test_it_finds_every_claim_of_the_seed_with_its_verdict(kind: str, expected: list) -> None:
    assert actual(kind) == expected


def test_it_checks_every_year_named_beside_a_figure() -> None:
    years: dict[int, list[int]] = {}
    for claim in seed().claims:
        if claim.kind == "year":
            years.setdefault(claim.location.paragraph.line, []).append(int(claim.stated))
    assert years == YEARS_PER_LINE
    wrong = [c for c in seed().claims if c.kind == "year" and c.ok is False]
    assert [(c.location.paragraph.line, c.text) for c in wrong] == [(38, "2020年度决算")]


def test_it_finds_no_other_kind_of_claim() -> None:
    assert {c.kind for c in seed().claims} == {
        "year", "amount", "change", "change_rate", "share", "parts_sum"
    }  # fmt: skip
    # 12 rates + 5 changes + 17 shares + 9 sums + 42 amounts + 33 years
    assert len(seed().claims) == 12 + 5 + 17 + 9 + 42 + 33


def test_it_reads_only_the_narrative_parts_of_the_disclosure() -> None:
    narrative = seed().narrative
    assert narrative.year == 2021
    assert narrative.sections == [
        "第二部分 2021年度部门决算说明",
        "第三部分2021年度其他重要事项的情况说明",
    ]
    lines = [p.line for p in narrative.paragraphs]
    assert lines[0] == 6 and lines[-1] == 91  # 一、部门/单位基本情况 … 6.政府购买服务 (名词解释)
    assert all(
        p.line is not None and (6 <= p.line <= 48 or 50 <= p.line <= 91)
        for p in narrative.paragraphs
    )


def test_it_raises_exactly_three_findings_with_the_right_figures() -> None:
    findings = seed().findings
    assert [f.code for f in findings] == [
        "ACCOUNTS_RATE_MISMATCH",
        "ACCOUNTS_ZERO_BASE",
        "ACCOUNTS_WRONG_YEAR",
    ]
    rate, zero, year = findings
    assert "80.81%" in rate.message and "44.69%" in rate.message and "2294.90" in rate.message
    assert rate.location.startswith("第24行“2021年度财政拨款收、支总计4149.35万元")
    assert "基数为零，不能计算增长率" in zero.message and "“组织事务”" in zero.message
    assert zero.location.startswith("第37行““组织事务”（款）2021年度决算0.29万元")
    assert "2020年度决算" in year.message and "应为2021年度" in year.message
    assert year.location.startswith("第38行“2、“教育支出”(类)2020年度决算0万元")
    assert all(f.severity == "error" for f in findings)
