"""Cells with several clauses, and pairing a target's clauses with an actual's."""

from __future__ import annotations

from decimal import Decimal

from jixiao.values import Comparator, Kind, compare, pairs, parse_value, target_in_name


def test_several_clauses_are_split_each_with_its_label() -> None:
    value = parse_value("划分网格＝17个；巡查时间≥8小时；监控时间＝24小时")
    assert value.kind is Kind.NUMBER
    assert [(q.label, q.comparator, q.number, q.unit) for q in value.clauses] == [
        ("划分网格", Comparator.EQ, Decimal(17), "个"),
        ("巡查时间", Comparator.GE, Decimal(8), "小时"),
        ("监控时间", Comparator.EQ, Decimal(24), "小时"),
    ]


def test_clauses_split_on_commas_and_newlines_too() -> None:
    value = parse_value("聘用144人管理费，培训73次\n满意度≥90%")
    assert [q.label for q in value.clauses] == ["聘用", "培训", "满意度"]


def test_a_label_cut_by_an_enumeration_comma_stays_whole() -> None:
    value = parse_value("信访矛盾化解率≥100%，信访矛盾受理率、办结率≥100%")
    assert [q.label for q in value.clauses] == ["信访矛盾化解率", "信访矛盾受理率、办结率"]


def test_each_clause_keeps_its_own_text() -> None:
    value = parse_value("划分网格＝17个；巡查时间≥8小时")
    assert [q.text for q in value.clauses] == ["划分网格＝17个", "巡查时间≥8小时"]


def test_clauses_are_paired_by_label() -> None:
    target = parse_value("划分网格＝17个；巡查时间≥8小时；监控时间＝24小时")
    actual = parse_value("优（监控时间24小时；划分网格17个；巡查时间8小时）")
    got = [(t.label, t.number, a.number) for t, a in pairs(target, actual)]
    assert got == [
        ("划分网格", Decimal(17), Decimal(17)),
        ("巡查时间", Decimal(8), Decimal(8)),
        ("监控时间", Decimal(24), Decimal(24)),
    ]


def test_a_miss_in_one_clause_is_paired_with_its_own_target() -> None:
    target = target_in_name("全年宣传活动次数≥60次，制作宣传品、宣传海报、手册等≥50000件")
    actual = parse_value("优（制作宣传品海报手册等5000件；全年宣传活动次数60次）")
    found = {t.label: (t.number, a.number) for t, a in pairs(target, actual)}
    assert found["制作宣传品、宣传海报、手册等"] == (Decimal(50000), Decimal(5000))


def test_clauses_without_labels_are_paired_by_position() -> None:
    got = pairs(parse_value("≥3项；≥5次"), parse_value("4项；6次"))
    assert [(t.number, a.number) for t, a in got] == [(3, 4), (5, 6)]


def test_compare_gives_the_first_comparable_pair() -> None:
    target, actual = compare(parse_value("≥35次"), parse_value("157"))
    assert (target.number, actual.number, actual.unit) == (Decimal(35), Decimal(157), "次")


def test_money_compares_in_wan_yuan() -> None:
    target, actual = compare(parse_value("4378657.2元"), parse_value("433.3848万元"))
    assert (target.number, actual.number) == (Decimal("437.86572"), Decimal("433.3848"))


def test_a_bare_actual_is_not_comparable_with_a_percentage() -> None:
    assert compare(parse_value("90%"), parse_value("5")) is None
    assert compare(parse_value("100%"), parse_value("10")) is None


def test_a_bare_actual_is_not_comparable_with_money() -> None:
    assert compare(parse_value("≤430万元"), parse_value("391.92")) is None


def test_different_count_units_are_not_comparable() -> None:
    assert compare(parse_value("≥6次"), parse_value("6场")) is None


def test_years_and_months_compare_in_months() -> None:
    target, actual = compare(parse_value("≤1年"), parse_value("10个月"))
    assert (target.number, target.unit, actual.number) == (Decimal(12), "个月", Decimal(10))


def test_nothing_to_compare_without_clauses() -> None:
    assert compare(parse_value("优良中差"), parse_value("优")) is None
    assert pairs(parse_value("达到预期指标"), parse_value("100%")) == []
