"""Computing a panel's score sheet: every number with the words that explain it (domain.md §11.9).

Per level-3 indicator: 合计 (sum over the experts), the indicator score (平均分, or the trimmed
mean when the framework says so), 失分 = 分值 − 得分, 失分率 = 失分 / 分值, 得分率 = 得分 / 分值.
Per expert: their total. Then the grand total and its average over the experts, the level-2 and
level-1 group scores (sums of their indicators' scores), the final score and its grade.

An indicator score is rounded half-up to the framework's decimals before it is added into its
groups, as a printed sheet does: the group figures a report states are sums of the figures the
sheet shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from jixiao.model.finding import Finding, Severity
from jixiao.panel.framework import Framework, Node
from jixiao.panel.model import Panel

ZERO = Decimal(0)


def rounded(value: Decimal, places: int) -> Decimal:
    """Half-up to ``places`` decimals (2 → 0.01)."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def plain(value: Decimal) -> str:
    """A Decimal as text without exponent or trailing zeros: 7.50 → "7.5", 24 → "24"."""
    return format(value.normalize(), "f")


def fixed(value: Decimal, places: int = 2) -> str:
    """A computed score as a sheet prints it: 9.8 → "9.80"."""
    return str(rounded(value, places))


def percent(rate: Decimal, places: int = 2) -> str:
    """A fraction as a percentage: 0.18333… → "18.33%"."""
    return f"{rounded(rate * 100, places)}%"


@dataclass(slots=True)
class Row:
    """A computed level-3 row."""

    level1: str
    level2: str
    name: str
    weight: Decimal
    scores: list[Decimal | None]
    sum: Decimal
    count: int  # experts who scored it
    score: Decimal | None  # 平均分 (or trimmed mean), rounded; None when nobody scored it
    lost: Decimal | None
    loss_rate: Decimal | None
    score_rate: Decimal | None
    dropped: tuple[int, int] | None = None  # experts whose max and min the trimmed mean dropped
    explanation: str = ""


@dataclass(slots=True)
class Group:
    """A computed level-1 or level-2 group."""

    level: int
    name: str
    parent: str  # the level-1 name for a level-2 group, "" for a level-1 group
    weight: Decimal
    score: Decimal
    lost: Decimal
    loss_rate: Decimal
    score_rate: Decimal
    explanation: str = ""


@dataclass(slots=True)
class Expert:
    name: str
    total: Decimal
    explanation: str = ""


@dataclass(slots=True)
class Result:
    """The computed sheet of one panel and what is wrong with the figures it declares."""

    panel: Panel
    rows: list[Row]
    groups: list[Group]
    experts: list[Expert]
    grand_total: Decimal  # Σ of every expert's total (the 总分 row's 合计)
    average_total: Decimal  # grand total / experts, rounded (the 总分 row's 平均分)
    total: Decimal  # the final score: Σ level-1 group scores
    grade: str
    explanations: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    @property
    def framework(self) -> Framework:
        return self.panel.framework

    def node_score(self, name: str) -> Row | Group | None:
        """The computed group or level-3 row of this name; a group wins when a name is both."""
        for group in self.groups:
            if group.name == name:
                return group
        for row in self.rows:
            if row.name == name:
                return row
        return None

    def to_json_dict(self) -> dict[str, Any]:
        """The panel as `jixiao panel --json` prints it: Decimals as strings, rates as fractions."""
        places = self.framework.settings.decimals

        def num(value: Decimal | None) -> str | None:
            return None if value is None else plain(value)

        def fix(value: Decimal | None) -> str | None:
            return None if value is None else fixed(value, places)

        def rate(value: Decimal | None) -> str | None:
            return None if value is None else str(rounded(value, places + 2))

        sheet = self.panel.sheet
        return {
            "title": self.panel.title,
            "source": self.panel.source,
            "framework": self.framework.name,
            "aggregation": self.framework.settings.aggregation,
            "indicators": [
                {
                    "level1": r.level1,
                    "level2": r.level2,
                    "name": r.name,
                    "weight": num(r.weight),
                    "scores": [num(s) for s in r.scores],
                    "sum": num(r.sum),
                    "average": fix(r.score),
                    "lost": num(r.lost),
                    "loss_rate": rate(r.loss_rate),
                    "score_rate": rate(r.score_rate),
                    "declared": _declared_row(sheet, r.name),
                    "explanation": r.explanation,
                }
                for r in self.rows
            ],
            "experts": [
                {
                    "name": e.name,
                    "total": num(e.total),
                    "declared_total": _declared_total(sheet, i),
                    "explanation": e.explanation,
                }
                for i, e in enumerate(self.experts)
            ],
            "groups": [
                {
                    "level": g.level,
                    "name": g.name,
                    "parent": g.parent,
                    "weight": num(g.weight),
                    "score": fix(g.score),
                    "lost": num(g.lost),
                    "loss_rate": rate(g.loss_rate),
                    "score_rate": rate(g.score_rate),
                    "explanation": g.explanation,
                }
                for g in self.groups
            ],
            "grand_total": num(self.grand_total),
            "average_total": fix(self.average_total),
            "total": fix(self.total),
            "grade": self.grade,
            "explanations": self.explanations,
            "findings": [f.model_dump(mode="json") for f in self.findings],
        }


def _declared_row(sheet: Any, name: str) -> dict[str, str] | None:
    if sheet is None or name not in sheet.rows:
        return None
    row = sheet.rows[name]
    return {"weight": row.weight.text, "sum": row.sum.text, "average": row.average.text}


def _declared_total(sheet: Any, index: int) -> str | None:
    if sheet is None or index >= len(sheet.expert_totals):
        return None
    return sheet.expert_totals[index].text


def compute(panel: Panel) -> Result:
    """The computed sheet of a panel, and the findings about its scores (not yet its sheet)."""
    framework = panel.framework
    settings = framework.settings
    places = settings.decimals
    n = len(panel.experts)
    findings: list[Finding] = []
    rows: list[Row] = []
    for l1, l2, l3 in framework.indicators():
        scores = [panel.score(l3.name, i) for i in range(n)]
        rows.append(_row(l1, l2, l3, scores, panel, findings))
    by_name = {r.name: r for r in rows}
    if not panel.is_scored():
        findings.append(
            Finding(
                code="PANEL_SCORE_MISSING",
                severity=Severity.ERROR,
                message="尚未录入任何评分，下列得分和等级都还不能作数",
                location="评分表",
            )
        )

    groups: list[Group] = []
    for l1 in framework.level1:
        parts = []
        for l2 in l1.children:
            members = [by_name[l3.name] for l3 in l2.children]
            score = sum((r.score or ZERO for r in members), ZERO)
            terms = " + ".join(fixed(r.score or ZERO, places) for r in members)
            groups.append(
                _group(2, l2, l1.name, score, f"{l2.name}得分 = 其下各三级指标得分之和 = {terms}")
            )
            parts.append(groups[-1])
        score = sum((g.score for g in parts), ZERO)
        terms = " + ".join(fixed(g.score, places) for g in parts)
        index = len(groups) - len(parts)
        groups.insert(
            index, _group(1, l1, "", score, f"{l1.name}得分 = 其下各二级指标得分之和 = {terms}")
        )

    experts = []
    for i, name in enumerate(panel.experts):
        column = [r.scores[i] for r in rows]
        total = sum((s for s in column if s is not None), ZERO)
        experts.append(
            Expert(
                name,
                total,
                f"专家{name}的总分 = 其对{len(rows)}个三级指标所打分数之和 = {plain(total)}",
            )
        )
    grand_total = sum((e.total for e in experts), ZERO)
    average_total = rounded(grand_total / n, places) if n else ZERO
    level1 = [g for g in groups if g.level == 1]
    total = sum((g.score for g in level1), ZERO)
    grade = settings.grade(total)
    how = (
        "各三级指标得分为专家平均分"
        if settings.aggregation == "mean"
        else f"各三级指标得分为去掉一个最高分和一个最低分后的平均分（专家不少于{settings.trim_min_experts}人时）"
    )
    explanations = {
        "grand_total": f"合计总分 = 各专家总分之和 = {' + '.join(plain(e.total) for e in experts) or '0'} = {plain(grand_total)}",
        "average_total": f"平均总分 = 合计总分 ÷ 专家人数 = {plain(grand_total)} ÷ {n} = {fixed(average_total, places)}（保留{places}位小数，四舍五入）",
        "total": f"综合得分 = 各一级指标得分之和 = {' + '.join(fixed(g.score, places) for g in level1)} = {fixed(total, places)}；{how}，保留{places}位小数后相加",
        "grade": f"综合得分 {fixed(total, places)} → {grade}（等级：{settings.describe_grades()}，含下限）",
    }
    if settings.aggregation == "mean" and n and total != average_total:
        explanations["total"] += (
            f"；与平均总分 {plain(average_total)} 的差来自各指标平均分的四舍五入"
        )
    return Result(
        panel,
        rows,
        groups,
        experts,
        grand_total,
        average_total,
        total,
        grade,
        explanations,
        findings,
    )


def _row(
    l1: Node,
    l2: Node,
    l3: Node,
    scores: list[Decimal | None],
    panel: Panel,
    findings: list[Finding],
) -> Row:
    settings = panel.framework.settings
    places = settings.decimals
    present = [(i, s) for i, s in enumerate(scores) if s is not None]
    total = sum((s for _, s in present), ZERO)
    where = f"{l1.name}·{l2.name}·{l3.name}"
    for i, s in present:
        if not ZERO <= s <= l3.weight:
            findings.append(
                Finding(
                    code="PANEL_SCORE_OUT_OF_RANGE",
                    severity=Severity.ERROR,
                    message=f"专家{panel.experts[i]}对“{l3.name}”打了 {plain(s)} 分，应在 0 到分值 {plain(l3.weight)} 之间",
                    location=where,
                )
            )
    missing = [panel.experts[i] for i, s in enumerate(scores) if s is None]
    if missing and panel.is_scored():
        findings.append(
            Finding(
                code="PANEL_SCORE_MISSING",
                severity=Severity.ERROR,
                message=f"“{l3.name}”缺少专家{'、'.join(missing)}的评分；得分按已有的 {len(present)} 位专家计算",
                location=where,
            )
        )
    if not present:
        return Row(
            l1.name,
            l2.name,
            l3.name,
            l3.weight,
            scores,
            ZERO,
            0,
            None,
            None,
            None,
            None,
            explanation=f"“{l3.name}”没有专家评分，无法计算得分",
        )
    terms = " + ".join(plain(s) for _, s in present)
    dropped = None
    if settings.aggregation == "trimmed_mean" and len(present) >= settings.trim_min_experts:
        high = max(present, key=lambda p: p[1])
        low = min((p for p in present if p[0] != high[0]), key=lambda p: p[1])
        kept = [s for i, s in present if i not in (high[0], low[0])]
        dropped = (high[0], low[0])
        exact = sum(kept, ZERO) / len(kept)
        how = (
            f"去掉最高分 {plain(high[1])}（{panel.experts[high[0]]}）和最低分 {plain(low[1])}"
            f"（{panel.experts[low[0]]}）后，得分 = {' + '.join(plain(s) for s in kept)} ÷ {len(kept)}"
        )
    else:
        exact = total / len(present)
        how = f"得分（平均分）= 合计 ÷ 专家人数 = {plain(total)} ÷ {len(present)}"
    score = rounded(exact, places)
    lost, loss_rate, score_rate = _losses(l3.weight, score)
    explanation = (
        f"合计 = {terms} = {plain(total)}；{how} = {plain(score)}（保留{places}位小数，四舍五入）；"
        f"失分 = 分值 − 得分 = {plain(l3.weight)} − {plain(score)} = {plain(lost)}；"
        f"失分率 = 失分 ÷ 分值 = {percent(loss_rate, places)}；得分率 = {percent(score_rate, places)}"
    )
    return Row(
        l1.name,
        l2.name,
        l3.name,
        l3.weight,
        scores,
        total,
        len(present),
        score,
        lost,
        loss_rate,
        score_rate,
        dropped,
        explanation,
    )


def _losses(weight: Decimal, score: Decimal) -> tuple[Decimal, Decimal, Decimal]:
    """失分 = 分值 − 得分, 失分率 = 失分 ÷ 分值, 得分率 = 得分 ÷ 分值 (rates 0 for a weight of 0)."""
    lost = weight - score
    if not weight:
        return lost, ZERO, ZERO
    return lost, lost / weight, score / weight


def _group(level: int, node: Node, parent: str, score: Decimal, how: str) -> Group:
    lost, loss_rate, score_rate = _losses(node.weight, score)
    explanation = (
        f"{how} = {fixed(score)}；失分 = {plain(node.weight)} − {fixed(score)} = {plain(lost)}；"
        f"失分率 = 失分 ÷ 分值 = {plain(lost)} ÷ {plain(node.weight)} = {percent(loss_rate)}；"
        f"得分率 = {percent(score_rate)}"
    )
    return Group(
        level, node.name, parent, node.weight, score, lost, loss_rate, score_rate, explanation
    )
