"""Typed values read from a target (年度指标值) or an actual (实际完成值) cell (domain.md §3).

A `Value` always keeps the original text. What could be read is in typed parts: numeric
clauses (comparator, number, unit), a qualitative word or grade, dates. What could not be read
is said in `note`, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Comparator(StrEnum):
    GE = "≥"  # ≥ >= 不低于 以上 至少 力争达到 达到
    GT = ">"  # > 超过 高于 大于
    LE = "≤"  # ≤ <= 不超过 以内 以下 控制在…以内 不高于
    LT = "<"  # < 低于 小于
    EQ = "="  # = ＝ 等于
    NONE = ""  # a bare number: "144人", "95%"

    @property
    def direction(self) -> str:
        """正向 (higher is better), 反向 (lower is better) or 等于; a bare number reads as 正向."""
        if self in (Comparator.LE, Comparator.LT):
            return "反向"
        if self is Comparator.EQ:
            return "等于"
        return "正向"


class Kind(StrEnum):
    EMPTY = "empty"  # nothing written
    NUMBER = "number"  # one or more numeric clauses
    QUALITATIVE = (
        "qualitative"  # a grade (优/良/中/差), a scale (优良中差, 定性) or an outcome phrase
    )
    DATE = "date"  # a date or period and nothing numeric
    TEXT = "text"  # words that could not be read as any of the above


@dataclass(frozen=True, slots=True)
class Quantity:
    """One numeric clause: "巡查时间≥8小时" → label 巡查时间, ≥, 8, 小时."""

    comparator: Comparator
    number: Decimal
    unit: str  # canonical: "万元" for money (元/亿元 converted), "%" for 百分比/％, "㎡", "人次" …; "" if none
    label: str = ""  # words before the comparator or number, e.g. "划分网格"
    text: str = ""  # the clause as written

    @property
    def is_money(self) -> bool:
        return self.unit == "万元"


@dataclass(frozen=True, slots=True)
class DateValue:
    """A date or the end of a period: "2023年12月前" → 2023-12, bound "before"."""

    year: int
    month: int | None = None
    day: int | None = None
    # "before" (前/之前/以前/底前), "end" (底/末), "start" (初), "within" (年内), "" (on/at);
    # a range "2021.1月-2021.12月" gives two dates, bound "from" and "to"
    bound: str = ""
    text: str = ""


@dataclass(frozen=True, slots=True)
class Value:
    text: str  # the original text, whitespace normalised
    kind: Kind
    clauses: tuple[Quantity, ...] = ()
    # qualitative reading: the grade a result states (优/良/中/差), or the outcome phrase
    # normalised (e.g. "达到预期指标", "基本完成", "有效提升", "无投诉")
    grade: str | None = None
    phrase: str | None = None
    scale: bool = False  # a target that names a scale ("优良中差", "定性", "定性优良中差")
    dates: tuple[DateValue, ...] = ()
    periods: tuple[str, ...] = ()  # durations as written, e.g. "10个月"
    note: str = ""  # why (part of) the text could not be read, in Chinese; "" when fully read

    @property
    def readable(self) -> bool:
        return self.kind not in (Kind.TEXT, Kind.EMPTY)

    @property
    def first(self) -> Quantity | None:
        return self.clauses[0] if self.clauses else None
