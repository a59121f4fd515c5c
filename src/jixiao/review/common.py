"""Helpers shared by the review rules: reading declared numbers, formatting them for a clerk,
telling an empty deviation cell from a real one, and reading an indicator's target and actual."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from jixiao.model.form import Declared, Form, Indicator
from jixiao.scoring.amounts import AMOUNT_COLUMNS, FUNDS_ROWS
from jixiao.scoring.computed import Computed, ComputedIndicator
from jixiao.scoring.engine import fmt, pct
from jixiao.values import parse_number, parse_rate
from jixiao.values.model import Kind, Quantity, Value

__all__ = ["fmt", "pct"]

ZERO = Decimal(0)
HUNDRED = Decimal(100)

# what people write in a cell that says nothing
NOTHING = {
    "",
    "无",
    "无。",
    "—",
    "——",
    "-",
    "--",
    "/",
    "／",
    "\\",
    "不涉及",
    "无偏差",
    "没有",
    "空",
}

# words in a deviation text that admit a problem
PROBLEM_WORDS = (
    "问题",
    "不足",
    "不够",
    "未能",
    "未完成",
    "未达",
    "没有",
    "滞后",
    "延迟",
    "较多",
    "欠缺",
    "有待",
    "差距",
    "偏差",
    "遗留",
    "反复",
    "不及时",
    "不到位",
    "困难",
    "无法",
    "影响",
    "剩余",
    "离职",
)


def says_something(value: Declared | str) -> bool:
    text = value.text if isinstance(value, Declared) else value
    return " ".join(text.split()) not in NOTHING


def number(value: Declared) -> Decimal | None:
    return parse_number(value.text) if value.text else None


def rate(value: Declared) -> Decimal | None:
    """A declared rate as a fraction; a bare “100” in a rate cell is read as 100%."""
    if not value.text:
        return None
    read = parse_rate(value.text)
    if read is not None and read > Decimal("1.5") and "%" not in value.text:
        read = read / HUNDRED
    return read


def money(value: Decimal) -> str:
    return f"{fmt(value)} 万元"


def admits_problem(text: str) -> list[str]:
    """The problem words a deviation text uses (empty when it admits none)."""
    if not says_something(text):
        return []
    return [w for w in PROBLEM_WORDS if w in text]


def indicator_rows(form: Form) -> Iterator[tuple[int, Indicator]]:
    """Indicator rows that carry something: a weight, a score, a target or an actual."""
    for i, ind in enumerate(form.indicators):
        if ind.weight.text or ind.score.text or ind.target.text or ind.actual.text:
            yield i, ind


def computed_at(computed: Computed, index: int) -> ComputedIndicator:
    if index < len(computed.indicators):
        return computed.indicators[index]
    return ComputedIndicator()


def funds_amounts(form: Form) -> Iterator[tuple[str, str, Declared]]:
    """(row, column, declared amount) for every amount cell of the funds block."""
    for row in FUNDS_ROWS:
        for column in AMOUNT_COLUMNS:
            yield row, column, getattr(getattr(form.funds, row), column)


def executed_amount(form: Form) -> Decimal | None:
    total = number(form.funds.total.executed)
    if total is not None:
        return total
    parts = [number(getattr(form.funds, r).executed) for r in FUNDS_ROWS[1:]]
    read = [p for p in parts if p is not None]
    return sum(read, ZERO) if read else None


def decimals(text: str) -> int:
    match = re.search(r"\.(\d+)", text)
    return len(match.group(1)) if match else 0


def clause_text(q: Quantity) -> str:
    return q.text or f"{q.label}{q.comparator.value}{fmt(q.number)}{q.unit}"


def is_bare_percent(value: Value, amount: Decimal | None = None) -> bool:
    """A value that is one percentage and nothing else (“100%”), optionally a given one."""
    if value.kind is not Kind.NUMBER or len(value.clauses) != 1:
        return False
    q = value.clauses[0]
    return q.unit == "%" and (amount is None or q.number == amount)
