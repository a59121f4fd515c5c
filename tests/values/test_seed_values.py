"""Every target and actual of the 50 seed forms is read; the unreadable ones are really prose.

The TEXT cells were checked one by one: each is a sentence about the work (按照要求执行,
减少房顶漏雨对居民生活影响, …), the indicator's name copied into the target (群众满意度), a
time without a year (12月13日完成, 年内完成慰问) or prose with several numbers
(保障10个社区154名社工的工资…). None states a number, grade or date that could be read.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest
from seeds import all_seed_forms

from jixiao.values import Comparator, Kind, compare, pairs, parse_value, target_in_name

EXPECTED_KINDS = {
    Kind.QUALITATIVE: 413,  # incl. 不超过预算 twice in 003 社区公益事业补助资金's cost row
    Kind.NUMBER: 311,
    Kind.TEXT: 102,
    Kind.DATE: 15,
    Kind.EMPTY: 9,
}


def _cells() -> list[tuple[str, str]]:
    return [
        (ind.name.text, getattr(ind, side).text)
        for form in all_seed_forms()
        for ind in form.indicators
        for side in ("target", "actual")
    ]


def test_every_seed_value_is_read_and_counted_by_kind() -> None:
    kinds = Counter(parse_value(text).kind for _, text in _cells())
    assert dict(kinds) == EXPECTED_KINDS
    assert sum(EXPECTED_KINDS.values()) == 850  # 425 indicators, target and actual


def test_every_seed_value_keeps_its_text() -> None:
    for _, text in _cells():
        assert parse_value(text).text == text.strip()


def test_every_unreadable_seed_value_says_why_in_chinese() -> None:
    for _, text in _cells():
        value = parse_value(text)
        if value.kind is Kind.TEXT:
            assert value.note
            assert value.clauses == ()


def test_every_seed_name_can_be_searched_for_a_target() -> None:
    found = [target_in_name(name) for name, _ in _cells()[::2]]
    assert sum(v is not None and v.kind is Kind.NUMBER for v in found) > 50


@pytest.mark.parametrize(
    ("text", "kind", "reading"),
    [
        ("满意度达到95%以上。", Kind.NUMBER, ("满意度", Comparator.GE, "95", "%")),
        ("实际20万", Kind.NUMBER, ("", Comparator.NONE, "20", "万元")),
        ("4378657.2元", Kind.NUMBER, ("", Comparator.NONE, "437.86572", "万元")),
        ("1454055.6", Kind.NUMBER, ("", Comparator.NONE, "1454055.6", "")),
        ("≥100百分比", Kind.NUMBER, ("", Comparator.GE, "100", "%")),
        ("84套(台)", Kind.NUMBER, ("", Comparator.NONE, "84", "套")),
        ("力争达到85%", Kind.NUMBER, ("", Comparator.GE, "85", "%")),
        ("≤1年", Kind.NUMBER, ("", Comparator.LE, "1", "年")),
        ("不超过5.972万元", Kind.NUMBER, ("", Comparator.LE, "5.972", "万元")),
        ("建设1208平方米电动自行车防雨棚", Kind.NUMBER, ("建设", Comparator.NONE, "1208", "㎡")),
    ],
)
def test_seed_strings_are_read_as_expected(text, kind, reading) -> None:
    value = parse_value(text)
    assert value.kind is kind
    q = value.first
    assert (q.label, q.comparator, q.number, q.unit) == (
        reading[0],
        reading[1],
        Decimal(reading[2]),
        reading[3],
    )


@pytest.mark.parametrize(
    ("text", "kind", "grade", "phrase", "scale"),
    [
        ("优良中差", Kind.QUALITATIVE, None, None, True),
        ("定性优良中差", Kind.QUALITATIVE, None, None, True),
        ("良好", Kind.QUALITATIVE, "良", None, False),
        ("完成预期指标", Kind.QUALITATIVE, None, "完成预期指标", False),
        ("基本达到预期目标", Kind.QUALITATIVE, None, "基本达到预期目标", False),
        ("优（未出现安全事故）", Kind.QUALITATIVE, "优", "无安全事故", False),
        ("无投诉", Kind.QUALITATIVE, None, "无投诉", False),
    ],
)
def test_seed_words_are_read_as_expected(text, kind, grade, phrase, scale) -> None:
    value = parse_value(text)
    assert (value.kind, value.grade, value.phrase, value.scale) == (kind, grade, phrase, scale)


def test_the_seed_graded_actual_with_details_pairs_with_the_name() -> None:
    form = all_seed_forms()[19]
    indicator = next(i for i in form.indicators if "安全维稳方面：信访矛盾化解率" in i.name.text)
    target = target_in_name(indicator.name.text)
    actual = parse_value(indicator.actual.text)
    assert actual.grade == "优"
    found = {t.label: (t.number, a.number) for t, a in pairs(target, actual)}
    assert found["制作宣传品、宣传海报、手册等"] == (
        Decimal(50000),
        Decimal(5000),
    )  # the finding in domain.md §5


def test_the_seed_cost_target_in_the_name_is_missed_by_the_actual() -> None:
    target, actual = compare(
        target_in_name("成本控制12.3016万元以内"), parse_value("实际12.309万元")
    )
    assert target.comparator is Comparator.LE
    assert actual.number > target.number


def test_the_seed_satisfaction_actual_cannot_be_compared_with_its_target() -> None:
    assert compare(parse_value("90%"), parse_value("5")) is None


def test_the_seed_date_in_the_wrong_year_is_read() -> None:
    value = parse_value("2022年11月底完成小区文明创建氛围营造和环境清洁")
    assert value.kind is Kind.DATE
    assert (value.dates[0].year, value.dates[0].month, value.dates[0].bound) == (2022, 11, "end")


def test_the_garbled_seed_actual_reads_only_its_clear_part_and_says_so() -> None:
    value = parse_value("完成区级 收6.27倔，同比增长18.4%")
    assert [(q.label, q.number, q.unit) for q in value.clauses] == [
        ("同比增长", Decimal("18.4"), "%")
    ]
    assert "倔" in value.note
