"""What jixiao computes for a form, kept apart from what the form declares.

Every number carries an explanation a reviewer can read: the rule, the inputs, the formula.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from jixiao.values.model import Quantity, Value


@dataclass(frozen=True, slots=True)
class ClauseCheck:
    """One target clause set against its actual clause."""

    target: Quantity
    actual: Quantity
    direction: str  # 正向 / 反向 / 等于
    share: Decimal  # the share of the weight this clause earns
    met: bool


class ComputedIndicator(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    weight: Decimal | None = None  # the declared 分值 read as a number (None if unreadable)
    score: Decimal | None = None  # what the policy gives; None when it cannot be computed
    kind: str = ""  # "定量" (quantitative), "定性" (qualitative), "" when not computable
    direction: str = ""  # 正向 / 反向 / 等于 for quantitative indicators
    met: bool | None = None  # the target was met (quantitative) / outcome 达成 (qualitative)
    ratio: Decimal | None = None  # A / T for quantitative indicators
    outcome: str | None = None  # 达成 / 部分达成 / 未达成 for qualitative indicators
    outcome_guessed: bool = False  # the outcome came from a keyword, not the policy's word list
    band: tuple[Decimal, Decimal] | None = None  # allowed score range for a qualitative outcome
    # the target and actual as read: the target from the name when the cell only says
    # 完成预期指标; the actual from the target cell when the form wrote “实际…” there
    target: Value | None = None
    actual: Value | None = None
    target_from_name: bool = False
    actual_in_target_cell: bool = False
    # every target clause compared with its actual clause — also for an indicator scored
    # qualitatively, whose actual 优（…） spells out figures that can be checked
    clauses: list[ClauseCheck] = Field(default_factory=list)
    completion: bool = False  # scored as a completion percentage against 100%
    explanation: str = ""  # 规则、输入、公式, in Chinese

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "score": _num(self.score),
            "weight": _num(self.weight),
            "kind": self.kind,
            "direction": self.direction,
            "met": self.met,
            "outcome": self.outcome,
            "band": [_num(self.band[0]), _num(self.band[1])] if self.band else None,
            "explanation": self.explanation,
        }


class Computed(BaseModel):
    policy: str  # the policy's name
    execution_rate: Decimal | None = None  # r = B / A, e.g. 0.901 (not a percentage)
    # the 年度资金总额 row's 全年预算数 and 全年执行数 in 万元, whatever unit the form was filled in
    # (scoring/amounts.py decides); the declared text stays as it was
    funds_unit: str = "万元"  # the unit the form's amounts are written in: 万元 or 元
    annual_budget: Decimal | None = None
    executed: Decimal | None = None
    funds_score: Decimal | None = None
    funds_weight: Decimal = Decimal(10)
    indicators: list[ComputedIndicator] = Field(default_factory=list)  # same order as the form's
    indicator_weight: Decimal | None = None  # Σ indicator 分值
    total_weight: Decimal | None = None  # Σ indicator 分值 + W_exec
    total_score: Decimal | None = None  # funds score + Σ indicator scores, capped at max_total
    total_uncapped: Decimal | None = None  # the sum before the cap, when the cap was applied
    level1_weights: dict[str, Decimal] = Field(default_factory=dict)  # Σ 分值 per level-1 group
    grade: str | None = None
    explanations: dict[str, str] = Field(
        default_factory=dict
    )  # amounts, execution_rate, funds_score, total_*, grade

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "policy": self.policy,
            "execution_rate": _num(self.execution_rate),
            "funds_unit": self.funds_unit,
            "annual_budget": _num(self.annual_budget),
            "executed": _num(self.executed),
            "funds_score": _num(self.funds_score),
            "indicators": [i.to_json_dict() for i in self.indicators],
            "total_weight": _num(self.total_weight),
            "total_score": _num(self.total_score),
            "grade": self.grade,
            "explanations": self.explanations,
        }


def _num(value: Decimal | None) -> int | float | None:
    """A Decimal as a JSON number: 100 stays 100, 99.65 becomes 99.65."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)
