"""How jixiao shows numbers to people: the one home for display formatting in the web pages.

`{% load display %}` then `{{ record.annual_budget|amount }}` → "1,234,567.89". The unit (万元 or
元) is written once, in the column's heading, as on the paper form. Amounts are Decimals from
the database or the text a form declares; nothing goes through float, so no cent is lost.
The core's own formatters (`scoring.engine.fmt`, `department.evaluation.money`) write numbers as
findings and reports quote them, without separators; this module is for the screen.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django import template

register = template.Library()

MISSING = "—"
# a plain number as a form declares it: sign, digits (maybe already grouped), decimals
_NUMBER = re.compile(r"[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?")


@register.filter
def amount(value: Any, places: int | str = 2) -> str:
    """An amount with thousands separators.

    A Decimal or an int is rounded half-up: to two decimals, or with ``places`` > 2 to at most
    that many, trailing zeros dropped down to two (0.2862 万元 is 2862 元, not 2900). Text (a
    declared cell) keeps its digits as written and only gains separators; text that is not a
    plain number is returned unchanged. None is "—".
    """
    if value is None:
        return MISSING
    if isinstance(value, str):
        return _grouped_text(value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):  # never computed with: its shortest text is what was meant
        value = Decimal(repr(value))
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    if not number.is_finite():
        return MISSING
    most = max(int(places), 0)
    least = min(2, most)
    rounded = number.quantize(Decimal(1).scaleb(-most), ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # no "-0.00"
    text = f"{rounded:,.{most}f}"
    if most > least:
        whole, _, decimals = text.partition(".")
        decimals = decimals.rstrip("0").ljust(least, "0")
        text = f"{whole}.{decimals}" if decimals else whole
    return text


def _grouped_text(text: str) -> str:
    stripped = text.strip()
    if not _NUMBER.fullmatch(stripped):
        return text
    sign = stripped[0] if stripped[0] in "+-" else ""
    whole, dot, decimals = stripped.lstrip("+-").replace(",", "").partition(".")
    groups = []
    while len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:], *groups]
    return sign + ",".join([whole, *groups]) + dot + decimals


@register.filter
def score(value: Any) -> str:
    """A score as forms write it: at most two decimals, trailing zeros dropped (98, 94.5, 9.01);
    None is "—". The same figure on every page: the form page, the list and the dashboard."""
    if value is None or value == "":
        return MISSING
    try:
        number = Decimal(str(value)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "") else text
