"""The arithmetic behind each claim, in Decimal: two decimals, rounded half up (domain.md §11.10).

Every function returns a `Verdict`: what jixiao computes, whether the stated figure agrees
(None when it cannot be checked) and why, in Chinese, with the figures used.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
HALF_CENT = Decimal("0.005")


@dataclass(frozen=True)
class Verdict:
    computed: Decimal | None
    ok: bool | None
    explanation: str
    code: str | None = None  # a finding code other than the claim type's own (e.g. zero base)


def q2(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def fmt(value: Decimal) -> str:
    """A figure as the narratives write it: two decimals for money, as stated otherwise."""
    return f"{q2(value):f}"


def same_percent(stated: Decimal, computed: Decimal) -> bool:
    """A stated percentage agrees when the computed one, rounded to the stated decimals, equals it.

    `增加49%` for 49.0010% agrees; so does `0.04 %` for 0.0429%. At most two decimals count.
    """
    exponent = stated.as_tuple().exponent
    places = min(-exponent, 2) if isinstance(exponent, int) and exponent < 0 else 0
    quantum = Decimal(1).scaleb(-places)
    return computed.quantize(quantum, rounding=ROUND_HALF_UP) == stated.quantize(quantum)


def change_rate(
    this: Decimal,
    amount: Decimal,
    direction: int,
    stated: Decimal,
    rate_direction: int,
    base_word: str,
    base: Decimal | None = None,
) -> Verdict:
    """增长/下降 P% after 增加/减少 X万元: the base is this year's figure minus (plus) X."""
    sign = "−" if direction > 0 else "+"
    if base is None:
        base = this - direction * amount
        base_text = f"{base_word}数 = {fmt(this)}{sign}{fmt(amount)} = {fmt(base)}万元"
    else:
        base_text = f"{base_word}数 {fmt(base)}万元"
    if base == 0:
        return Verdict(
            None,
            False,
            f"{base_text}，基数为零，不能计算增长率",
            code="ACCOUNTS_ZERO_BASE",
        )
    if base < 0:
        return Verdict(None, False, f"{base_text}，基数为负，增减额与本年数不符")
    computed = q2(amount / base * HUNDRED)
    text = f"{base_text}；{fmt(amount)} ÷ {fmt(base)} = {computed}%"
    if rate_direction != direction:
        return Verdict(computed, False, f"{text}；增减方向与增减额不一致")
    ok = same_percent(stated, computed)
    if not ok and this != 0 and same_percent(stated, amount / this * HUNDRED):
        text += f"；文中的{stated}%是 {fmt(amount)} ÷ 本年数{fmt(this)}，分母应为{base_word}数"
    return Verdict(computed, ok, text)


def change_amount(this: Decimal, base: Decimal, stated: Decimal, base_word: str) -> Verdict:
    """增加/减少 X万元 (or 无变化) when the base itself is stated."""
    computed = q2(this - base)
    text = f"{fmt(this)} − {base_word}数{fmt(base)} = {fmt(computed)}万元"
    return Verdict(computed, computed == q2(stated), text)


def share(part: Decimal, whole: Decimal, stated: Decimal, whole_name: str) -> Verdict:
    if whole == 0:
        return Verdict(None, None, f"{whole_name}为0万元，占比无从计算")
    computed = q2(part / whole * HUNDRED)
    text = f"{fmt(part)} ÷ {whole_name}{fmt(whole)} = {computed}%"
    return Verdict(computed, same_percent(stated, computed), text)


def completion(final: Decimal, budget: Decimal, stated: Decimal) -> Verdict:
    if budget == 0:
        return Verdict(
            None, False, "年初预算为0万元，基数为零，不能计算完成率", "ACCOUNTS_ZERO_BASE"
        )
    computed = q2(final / budget * HUNDRED)
    text = f"{fmt(final)} ÷ 年初预算{fmt(budget)} = {computed}%"
    return Verdict(computed, same_percent(stated, computed), text)


def parts_sum(whole: Decimal, parts: list[Decimal]) -> Verdict:
    """Parts after 其中 add up to the total, within the rounding of each figure to 0.01万元.

    Each part and the total are rounded to the cent, so their difference can reach
    (number of parts + 1) × 0.005 without anyone being wrong (尾差). One listed part only
    says it is not more than the total.
    """
    total = sum(parts, Decimal(0))
    terms = " + ".join(fmt(p) for p in parts)
    if len(parts) == 1:
        ok = parts[0] <= whole
        return Verdict(total, ok, f"只列出一项 {terms}，不应超过总数{fmt(whole)}万元")
    difference = abs(total - whole)
    tolerance = HALF_CENT * (len(parts) + 1)
    text = f"{terms} = {fmt(total)}万元"
    if difference == 0:
        return Verdict(total, True, text)
    if difference <= tolerance:
        return Verdict(
            total,
            True,
            f"{text}，与总数相差{fmt(difference)}万元，在四舍五入尾差之内（至多{tolerance.normalize():f}万元）",
        )
    return Verdict(total, False, f"{text}，与总数{fmt(whole)}万元相差{fmt(difference)}万元")
