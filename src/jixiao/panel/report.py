"""The figures an evaluation report states about its score sheet, and whether they are right.

Seed 002 writes, per group, “（1）资金管理分析：……考评平均分为9.80分，失分率为19.11%。”, per
level-1 group “项目决策指标分值满分10分，综合得分8.12分。”, and at the end “……综合得分83.72分，
项目综合绩效评定结论为“良好”。” Each figure is read with the group its sentence names and set
against the computed sheet; a difference is a finding that quotes both values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from jixiao.model.finding import Finding, Severity
from jixiao.panel.compare import agrees
from jixiao.panel.compute import Group, Result, Row, fixed, percent, plain
from jixiao.panel.sheet import clean

NUMBER = r"(\d+(?:\.\d+)?)"
_SUBJECT = re.compile(
    r"^\s*[（(]?\s*[0-9一二三四五六七八九十]+\s*[）)、.．]\s*([^：:，。]{2,20}?)[：:]"
)
_AVERAGE = re.compile(rf"平均(?:得)?分(?:为|是)?\s*{NUMBER}\s*分")
_LOSS_RATE = re.compile(rf"失分率(?:为|是)?\s*{NUMBER}\s*[%％]")
_LEVEL1 = re.compile(
    rf"([^，。；：:\s]{{2,12}}?)指标(?:分值)?满分\s*{NUMBER}\s*分[，,]\s*综合得分\s*{NUMBER}\s*分"
)
_TOTAL = re.compile(rf"综合得分(?:为|是)?\s*{NUMBER}\s*分")
_GRADE = re.compile(
    r"(?:评定结论|评价结论|评价等级|绩效等级|评定等级|等级)(?:为|是)\s*[“\"「『]?(优秀|良好|中等|中|合格|差|不合格)"
)


@dataclass(frozen=True, slots=True)
class Statement:
    """One figure a report states: what (kind) about which group (subject), as written."""

    kind: str  # "average", "loss_rate", "weight", "group_score", "total", "grade"
    subject: str  # the group as the sentence names it ("" for the total and the grade)
    written: str  # the figure as written, e.g. "19.11"
    location: str  # where, in words (第634行, 第12段)
    sentence: str

    @property
    def value(self) -> Decimal:
        return Decimal(self.written)


def statements_in(paragraphs: list[tuple[str, str]]) -> list[Statement]:
    """The figures stated in these paragraphs, each given with its location in words."""
    out: list[Statement] = []
    for text, location in paragraphs:
        for line in text.splitlines() or [text]:
            out.extend(_statements(line.strip(), location))
    return out


def _statements(text: str, location: str) -> list[Statement]:
    out: list[Statement] = []
    rest = text
    for match in _LEVEL1.finditer(text):
        subject = match.group(1)
        out.append(Statement("weight", subject, match.group(2), location, match.group(0)))
        out.append(Statement("group_score", subject, match.group(3), location, match.group(0)))
        rest = rest.replace(match.group(0), "")
    head = _SUBJECT.match(text)
    if head:
        subject = head.group(1)
        for match in _AVERAGE.finditer(text):
            out.append(Statement("average", subject, match.group(1), location, text))
        for match in _LOSS_RATE.finditer(text):
            out.append(Statement("loss_rate", subject, match.group(1), location, text))
        return out
    for match in _TOTAL.finditer(rest):
        out.append(Statement("total", "", match.group(1), location, text))
    for match in _GRADE.finditer(rest):
        out.append(Statement("grade", "", match.group(1), location, text))
    return out


def resolve(subject: str, result: Result, level1: bool = False) -> Row | Group | None:
    """The computed group or indicator a sentence names: 资金管理分析 → 资金管理, 项目决策 → 决策.

    A level-1 sentence (“项目效益指标分值满分30分”) names a level-1 group even when a level-2
    group has the same name (002's 项目效益 under 效益).
    """
    name = clean(subject).removesuffix("分析").removesuffix("情况")
    candidates = [name, name.removeprefix("项目"), name.removesuffix("指标")]
    if level1:
        for candidate in candidates:
            for group in result.groups:
                if group.level == 1 and group.name == candidate:
                    return group
    for candidate in candidates:
        found = result.node_score(candidate)
        if found is not None:
            return found
    names = [g.name for g in result.groups] + [r.name for r in result.rows]
    inside = sorted((n for n in names if n in name), key=len, reverse=True)
    return result.node_score(inside[0]) if inside else None


def check_statements(statements: list[Statement], result: Result) -> list[Finding]:
    """A finding for every stated figure that the computed sheet does not give."""
    places = result.framework.settings.decimals
    findings: list[Finding] = []
    for s in statements:
        if s.kind == "total":
            if not agrees(s.value, result.total, places):
                findings.append(
                    _finding(
                        "PANEL_TOTAL_MISMATCH",
                        f"报告写综合得分 {s.written} 分，按评分表计算为 {fixed(result.total, places)} 分",
                        s,
                    )
                )
            continue
        if s.kind == "grade":
            if s.written != result.grade:
                findings.append(
                    _finding(
                        "PANEL_GRADE_MISMATCH",
                        f"报告写评价等级为“{s.written}”，按综合得分 {fixed(result.total, places)} 分应为“{result.grade}”",
                        s,
                    )
                )
            continue
        node = resolve(s.subject, result, level1=s.kind in ("weight", "group_score"))
        if node is None:
            findings.append(
                Finding(
                    code="PANEL_SUBJECT_UNKNOWN",
                    severity=Severity.WARNING,
                    message=f"报告中“{s.subject}”的数字无法对应到指标体系中的指标，未核对",
                    location=s.location,
                )
            )
            continue
        score = node.score
        if s.kind == "weight":
            if s.value != node.weight:
                findings.append(
                    _finding(
                        "PANEL_GROUP_WEIGHT_MISMATCH",
                        f"报告写“{node.name}”满分 {s.written} 分，指标体系中为 {plain(node.weight)} 分",
                        s,
                    )
                )
        elif score is None:
            continue
        elif s.kind in ("average", "group_score") and not agrees(s.value, score, places):
            label = "考评平均分" if s.kind == "average" else "综合得分"
            findings.append(
                _finding(
                    "PANEL_GROUP_AVERAGE_MISMATCH",
                    f"报告写“{node.name}”{label}为 {s.written} 分，按评分表计算为 {fixed(score, places)} 分",
                    s,
                )
            )
        elif s.kind == "loss_rate" and node.loss_rate is not None:
            computed = node.loss_rate * 100
            if not agrees(s.value, computed, places):
                findings.append(
                    _finding(
                        "PANEL_LOSS_RATE_MISMATCH",
                        f"报告写“{node.name}”失分率为 {s.written}%，"
                        f"按 1 − {fixed(score, places)} ÷ {plain(node.weight)} 计算应为 "
                        f"{percent(node.loss_rate, places)}",
                        s,
                    )
                )
    return findings


def _finding(code: str, message: str, s: Statement) -> Finding:
    return Finding(code=code, severity=Severity.ERROR, message=message, location=s.location)
