"""复核后总分: the total with a reviewer's scores (复核分) in place of jixiao's computed ones.

A reviewer may give their own score for the funds block (path ``"funds"``) and for any level-3
indicator (path ``"indicators[i]"``, i counted from 0 in the form's order). The reviewed total is
the sum over the funds block and every indicator of, in this order:

1. the reviewed score, when the reviewer gave one;
2. else the score jixiao computed under the policy;
3. else, when jixiao could not compute it, the score the form declares, counted no higher than
   the item's 分值 (as the computed total does).

An item with none of the three makes the total not computable. The sum is rounded as the policy
rounds computed scores, capped at the policy's ``weights.max_total``, and graded by
``policy.grade()``. Every total comes with a Chinese explanation naming where each part came from.

The inputs are the stored JSON documents (a version's declared form and its ``computed``), so the
web application and any other caller read one version the same way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from jixiao.scoring.policy import Policy
from jixiao.values import parse_number

FUNDS = "funds"
FUNDS_NAME = "资金执行"
REVIEWED, COMPUTED, DECLARED = "复核", "计算", "填报"
_INDICATOR = re.compile(r"indicators\[(\d+)\]")


def indicator_path(index: int) -> str:
    """The path of the indicator at ``index`` (from 0)."""
    return f"indicators[{index}]"


def path_index(path: str) -> int | None:
    """``"indicators[3]"`` → 3; None for ``"funds"`` or anything else."""
    match = _INDICATOR.fullmatch(path)
    return int(match.group(1)) if match else None


@dataclass(frozen=True, slots=True)
class ReviewedItem:
    """One scored item of a form with its declared, computed and reviewed score side by side."""

    path: str  # "funds" or "indicators[i]"
    name: str  # 资金执行, or the indicator's level-3 name
    weight: Decimal | None  # 分值
    declared: Decimal | None  # the form's 得分, read as a number
    declared_text: str  # the form's 得分 as written
    computed: Decimal | None  # jixiao's score under the policy
    reviewed: Decimal | None = None  # the reviewer's score
    counted: Decimal | None = None  # what the reviewed total counts for this item
    source: str = ""  # 复核, 计算 or 填报: where ``counted`` came from ("" when none)

    @property
    def label(self) -> str:
        index = path_index(self.path)
        if index is None:
            return self.name
        return f"第{index + 1}个指标“{self.name}”" if self.name else f"第{index + 1}个指标"


@dataclass(frozen=True, slots=True)
class ReviewedTotal:
    items: list[ReviewedItem] = field(default_factory=list)
    total: Decimal | None = None  # capped at the policy's max_total
    uncapped: Decimal | None = None  # the sum before the cap, when the cap was applied
    grade: str = ""  # 优 / 良 / 中 / 差; "" when the total is not computable
    explanation: str = ""
    reviewed_count: int = 0  # how many items carry a reviewer's score


def _dec(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        return None
    return number if number.is_finite() else None


def _fmt(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return format(value.normalize(), "f")


def items(
    data: Mapping[str, Any], computed: Mapping[str, Any], policy: Policy
) -> list[ReviewedItem]:
    """The funds block and every indicator of a version, without reviewed scores.

    ``data`` is the declared form's JSON document, ``computed`` the version's computed JSON.
    """
    funds = data.get("funds") or {}
    funds_text = str(funds.get("score") or "")
    out = [
        ReviewedItem(
            path=FUNDS,
            name=FUNDS_NAME,
            weight=_dec(computed.get("funds_weight")) or policy.weights.execution,
            declared=parse_number(funds_text) if funds_text else None,
            declared_text=funds_text,
            computed=_dec(computed.get("funds_score")),
        )
    ]
    readings = computed.get("indicators") or []
    for i, indicator in enumerate(data.get("indicators") or []):
        reading = readings[i] if i < len(readings) else {}
        weight_text = str(indicator.get("weight") or "")
        score_text = str(indicator.get("score") or "")
        weight = _dec(reading.get("weight"))
        if weight is None and weight_text:
            weight = parse_number(weight_text)
        out.append(
            ReviewedItem(
                path=indicator_path(i),
                name=str(indicator.get("name") or ""),
                weight=weight,
                declared=parse_number(score_text) if score_text else None,
                declared_text=score_text,
                computed=_dec(reading.get("score")),
            )
        )
    return out


def _counted(item: ReviewedItem) -> tuple[Decimal | None, str]:
    if item.reviewed is not None:
        return item.reviewed, REVIEWED
    if item.computed is not None:
        return item.computed, COMPUTED
    if item.declared is not None:
        declared = item.declared
        if item.weight is not None and declared > item.weight:
            declared = item.weight  # a borrowed score counts no more than its 分值
        return declared, DECLARED
    if not item.declared_text and path_index(item.path) is not None:
        return Decimal(0), DECLARED  # an indicator left blank counts 0, as in the computed total
    return None, ""


def reviewed_total(
    data: Mapping[str, Any],
    computed: Mapping[str, Any],
    reviewed: Mapping[str, Decimal],
    policy: Policy,
) -> ReviewedTotal:
    """The total with the reviewer's scores (``{path: score}``) in place of the computed ones."""
    listed = []
    for item in items(data, computed, policy):
        item = replace(item, reviewed=reviewed.get(item.path))
        value, source = _counted(item)
        listed.append(replace(item, counted=value, source=source))
    count = sum(1 for i in listed if i.reviewed is not None)
    missing = [i for i in listed if i.counted is None]
    if missing:
        return ReviewedTotal(
            listed,
            explanation=(
                f"{'、'.join(i.label for i in missing)}的得分既没有复核分，也无法计算或读取，"
                "复核后总分无法计算。"
            ),
            reviewed_count=count,
        )
    quantum = Decimal(1).scaleb(-policy.rounding.decimals)
    total = sum((i.counted for i in listed if i.counted is not None), Decimal(0))
    total = total.quantize(quantum, ROUND_HALF_UP)
    parts = " + ".join(f"{i.label} {_fmt(i.counted)}（{i.source}）" for i in listed)
    explanation = f"复核后总分 = {parts} = {_fmt(total)}"
    uncapped = None
    maximum = policy.weights.max_total
    if maximum is not None and total > maximum:
        uncapped = total
        total = maximum
        explanation += f"，超过满分 {_fmt(maximum)}，按评分规则封顶为 {_fmt(maximum)}"
    grade = policy.grade(total).name
    bands = "，".join(f"{g.name} ≥ {_fmt(g.min)}" for g in policy.grades)
    explanation += f"，等级 {grade}（{bands}）"
    if not count:
        explanation += "；尚无复核分，各项按计算得分（无法计算的按填报得分）计入"
    return ReviewedTotal(listed, total, uncapped, grade, explanation + "。", count)
