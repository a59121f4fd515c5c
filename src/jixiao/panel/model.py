"""An expert panel: who scored what, and — kept apart — what a sheet declares (domain.md §6).

`Panel.scores` are the experts' scores, the only input of the computation. `DeclaredSheet`
holds the figures a score sheet writes beside them (合计, 平均分, each expert's 总分 …) exactly
as written and where; jixiao never reads a computed figure from it, it only compares.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.model.finding import Finding
from jixiao.model.form import EMPTY, Declared
from jixiao.panel.framework import Framework


@dataclass(slots=True)
class DeclaredRow:
    """One level-3 row of a score sheet as written."""

    level1: Declared = EMPTY  # 一级指标 as written, e.g. "决策（10分）"
    level2: Declared = EMPTY
    name: Declared = EMPTY
    weight: Declared = EMPTY  # 分值
    scores: list[Declared] = field(default_factory=list)  # one per expert
    sum: Declared = EMPTY  # 合计
    average: Declared = EMPTY  # 平均分


@dataclass(slots=True)
class DeclaredSheet:
    """The figures of a score sheet, as written: rows by level-3 name, and the 总分 row."""

    experts: list[Declared] = field(default_factory=list)
    rows: dict[str, DeclaredRow] = field(default_factory=dict)
    total_weight: Declared = EMPTY  # 总分 row, 分值 column
    expert_totals: list[Declared] = field(default_factory=list)
    grand_total: Declared = EMPTY  # 总分 row, 合计 column
    average_total: Declared = EMPTY  # 总分 row, 平均分 column
    where: str = ""  # the table, in words
    problems: list[Finding] = field(default_factory=list)  # rows that could not be used


@dataclass(slots=True)
class Panel:
    """The experts and their scores on a framework's level-3 indicators."""

    framework: Framework
    experts: list[str]
    # level-3 indicator name → one score per expert (None where the expert gave none)
    scores: dict[str, list[Decimal | None]] = field(default_factory=dict)
    title: str = ""  # the evaluated project, when known
    source: str = ""  # the file the scores came from, when they came from one
    sheet: DeclaredSheet | None = None

    def is_scored(self) -> bool:
        """Whether any expert has given any score yet."""
        return any(s is not None for row in self.scores.values() for s in row)

    def score(self, indicator: str, expert: int) -> Decimal | None:
        row = self.scores.get(indicator, [])
        return row[expert] if expert < len(row) else None
