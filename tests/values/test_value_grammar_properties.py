"""Property tests of the value grammar."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from jixiao.values import Comparator, parse_number, parse_value

PREFIXES: dict[str, Comparator] = {
    "≥": Comparator.GE,
    ">=": Comparator.GE,
    "≧": Comparator.GE,
    "不低于": Comparator.GE,
    "不少于": Comparator.GE,
    "至少": Comparator.GE,
    "力争达到": Comparator.GE,
    "达到": Comparator.GE,
    "≤": Comparator.LE,
    "<=": Comparator.LE,
    "不超过": Comparator.LE,
    "不高于": Comparator.LE,
    ">": Comparator.GT,
    "＞": Comparator.GT,
    "超过": Comparator.GT,
    "高于": Comparator.GT,
    "<": Comparator.LT,
    "＜": Comparator.LT,
    "低于": Comparator.LT,
    "=": Comparator.EQ,
    "＝": Comparator.EQ,
    "": Comparator.NONE,
}
POSTFIXES: dict[str, Comparator] = {
    "以上": Comparator.GE,
    "以内": Comparator.LE,
    "以下": Comparator.LE,
}

# written unit → (canonical unit, power of ten to 万元 or 0)
UNITS: dict[str, tuple[str, int]] = {
    "": ("", 0),
    "%": ("%", 0),
    "％": ("%", 0),
    "百分比": ("%", 0),
    "万元": ("万元", 0),
    "元": ("万元", -4),
    "亿元": ("万元", 4),
    "平方米": ("㎡", 0),
    "㎡": ("㎡", 0),
    "人次": ("人次", 0),
    "人": ("人", 0),
    "次": ("次", 0),
    "个": ("个", 0),
    "小时": ("小时", 0),
    "件": ("件", 0),
    "天": ("天", 0),
}
LABELS = ["", "划分网格", "巡查时间", "满意度", "参与人数", "宣传活动"]

numbers = st.decimals(
    min_value=0, max_value=Decimal("1e9"), places=4, allow_nan=False, allow_infinity=False
)
spaces = st.sampled_from(["", " ", "  "])
FULL_WIDTH_DIGITS = str.maketrans("0123456789.", "０１２３４５６７８９．")


def _plain(number: Decimal) -> str:
    return format(number, "f")


@st.composite
def clauses(draw: st.DrawFn) -> tuple[str, str, Comparator, Decimal, str]:
    """(text, label, comparator, number in the canonical unit, canonical unit)."""
    label = draw(st.sampled_from(LABELS))
    number = draw(numbers)
    unit_word = draw(st.sampled_from(sorted(UNITS)))
    unit, shift = UNITS[unit_word]
    if draw(st.booleans()):
        prefix = draw(st.sampled_from(sorted(PREFIXES)))
        comparator, postfix = PREFIXES[prefix], ""
    else:
        postfix = draw(st.sampled_from(sorted(POSTFIXES)))
        comparator, prefix = POSTFIXES[postfix], ""
    written = _plain(number)
    if draw(st.booleans()):
        written = written.translate(FULL_WIDTH_DIGITS)
    text = (
        label + prefix + draw(spaces) + written + draw(spaces) + unit_word + draw(spaces) + postfix
    )
    canonical = number.scaleb(shift) if shift < 0 else number * 10**shift
    return text, label, comparator, canonical, unit


@given(clauses())
def test_a_generated_clause_gives_back_comparator_number_and_unit(clause) -> None:
    text, label, comparator, number, unit = clause
    quantity = parse_value(text).first
    assert quantity is not None, text
    assert (quantity.label, quantity.comparator, quantity.number, quantity.unit) == (
        label,
        comparator,
        number,
        unit,
    )


@given(numbers)
def test_money_in_yuan_is_wan_yuan_times_ten_thousand(number) -> None:
    in_yuan = parse_value(_plain(number) + "元").first
    in_wan = parse_value(_plain(number) + "万元").first
    assert in_yuan.number * 10000 == in_wan.number == number


@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_a_declared_number_reads_back_any_finite_decimal(number) -> None:
    assert parse_number(str(number)) == number


@given(st.text())
def test_parsing_never_raises_and_keeps_the_text(text) -> None:
    assert parse_value(text).text == text.strip()


@given(st.lists(clauses(), min_size=1, max_size=5))
def test_clauses_joined_with_semicolons_read_as_each_alone(items) -> None:
    texts = [text for text, *_ in items]
    alone = [parse_value(t).first for t in texts]
    joined = parse_value("；".join(texts)).clauses
    assert list(joined) == alone
