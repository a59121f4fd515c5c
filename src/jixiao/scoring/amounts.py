"""The scale of a form's amounts: the one place that decides whether they are 万元 or 元.

The funds block is headed 万元 (domain.md §2) and jixiao compares and adds amounts in 万元.
Some forms are filled in 元 under that header (000 市民服务中心工作经费: 307800 for 30.78 万元).
元 is decided when the block's label declares it (项目资金（元）, kept as `funds.unit`), or when it is
evident under a 万元 label: an amount of 1 亿元 or more (see `YUAN_SUSPECT`). Totals, rates and
charts then use the amount divided by 10000; the declared text is never changed, and the review
rule UNIT_FUNDS_IN_YUAN, which uses this same decision, keeps its finding for the evident case
(a form that declares 元 has made no mistake).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.model.form import Form
from jixiao.values import parse_number

# An amount of 10000 万元 is 1 亿元. The forms are filled by street offices and district bureaus
# whose projects run from a few hundred 元 to some thousands of 万元 (the largest seed project is
# 2175.9657 万元). An amount of 1 亿元 or more in such a form is far likelier to be 元 written under
# the 万元 header (000: 307800 = 30.78 万元) than a real project of 30 亿元.
YUAN_SUSPECT = Decimal(10000)
YUAN_PER_WANYUAN = Decimal(10000)
WANYUAN = "万元"
YUAN = "元"
# the amount cells of the funds block, in the order they are examined
FUNDS_ROWS = ("total", "appropriation", "carryover", "other")
AMOUNT_COLUMNS = ("initial_budget", "annual_budget", "executed")


@dataclass(frozen=True, slots=True)
class FundsScale:
    """The unit a form's amounts are written in, and what showed it."""

    unit: str = WANYUAN  # 万元 or 元
    path: str | None = None  # the funds cell that showed 元, e.g. "total.initial_budget"
    evidence: Decimal | None = None  # its amount
    declared: bool = False  # the block's label says 元

    @property
    def in_yuan(self) -> bool:
        return self.unit == YUAN

    def to_wanyuan(self, value: Decimal | None) -> Decimal | None:
        """An amount as read from the form, in 万元."""
        if value is None or not self.in_yuan:
            return value
        return value / YUAN_PER_WANYUAN

    def explain(self, what: str, declared: Decimal | None) -> str:
        """How `what` (全年预算数 …) in 万元 was reached from the declared amount."""
        if declared is None:
            return f"{what}未填或无法读取。"
        if not self.in_yuan:
            return f"{what} = 表中所填 {_fmt(declared)} 万元"
        if self.declared:
            return (
                f"表中注明金额单位为元，换算为万元："
                f"{_fmt(declared)} ÷ {_fmt(YUAN_PER_WANYUAN)} = {_fmt(self.to_wanyuan(declared))}"
            )
        return (
            f"表中金额按元填写（{_fmt(self.evidence)} ≥ {_fmt(YUAN_SUSPECT)}），换算为万元："
            f"{_fmt(declared)} ÷ {_fmt(YUAN_PER_WANYUAN)} = {_fmt(self.to_wanyuan(declared))}"
        )


def funds_scale(form: Form) -> FundsScale:
    """万元 unless the block's label declares 元 or an amount shows the form was filled in 元."""
    if form.funds.unit.text == YUAN:
        return FundsScale(YUAN, declared=True)
    for row in FUNDS_ROWS:
        for column in AMOUNT_COLUMNS:
            text = getattr(getattr(form.funds, row), column).text
            value = parse_number(text) if text else None
            if value is not None and value >= YUAN_SUSPECT:
                return FundsScale(YUAN, f"{row}.{column}", value)
    return FundsScale()


def _fmt(value: Decimal | None) -> str:
    return "—" if value is None else format(value.normalize(), "f")
