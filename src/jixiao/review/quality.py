"""Rules on the quality of the indicators themselves (domain.md §5 “Quality of the indicators”;
财预〔2021〕101号: indicators should be quantified, not restate the goal, not use the money as the
output). All warnings: a person should look."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from difflib import SequenceMatcher

from jixiao.model.finding import Finding, Severity
from jixiao.model.form import Form, Indicator
from jixiao.review.common import (
    fmt,
    funds_amounts,
    indicator_rows,
    money,
    number,
    says_something,
)
from jixiao.review.registry import Context, CrossContext, cross_rule, rule, short
from jixiao.values import parse_value

WARNING = Severity.WARNING
FAMILY = "quality"

_DIGIT = re.compile(r"\d")
# “指标1：” numbers the row; it says nothing about the target
_ROW_NUMBER = re.compile(r"^\s*指标\s*\d+\s*[:：]?")
_PUNCT = re.compile(r"[\s，,。.；;：:、“”\"'（）()《》\-—…！!？?]")


def _plain(text: str) -> str:
    return _PUNCT.sub("", text)


@rule(
    code="TARGET_NOT_QUANTIFIED",
    severity=WARNING,
    family=FAMILY,
    title="目标没有量化",
    checks="年度指标值只写“完成预期指标”“有效提升”之类，指标名称和年度指标值里都没有任何数字，也不是“优良中差”之类的定性档次，无法据以考核（101号：能量化的尽量量化）。",
    example="002 电子政务内网机房建设：社会效益指标“实现保密视频会议功能。”，年度指标值“完成预期指标”。",
)
def target_not_quantified(ctx: Context) -> Iterator[Finding]:
    for i, ind in indicator_rows(ctx.form):
        if not ind.weight.text and ctx.policy.scored:
            continue  # a form without scores (转移支付) has no 分值 on any row
        name = _ROW_NUMBER.sub("", ind.name.text)
        if _DIGIT.search(name) or _DIGIT.search(ind.target.text):
            continue
        if parse_value(ind.target.text).scale:
            continue  # a qualitative indicator graded 优良中差 / 定性: allowed as such
        what = (
            f"年度指标值只写“{short(ind.target.text, 20)}”"
            if ind.target.text
            else "年度指标值没有填写"
        )
        yield ctx.finding(
            "TARGET_NOT_QUANTIFIED",
            f"{what}，指标名称和目标中都没有可考核的数值。",
            f"indicators.{i}.target",
        )


# an output indicator whose text is this similar to the year's goal restates it
GOAL_SIMILARITY = 0.7
_MIN_LENGTH = 12


def _restates(text: str, goal: str) -> bool:
    text, goal = _plain(text), _plain(goal)
    if len(text) < _MIN_LENGTH or len(goal) < _MIN_LENGTH:
        return False
    if goal in text:
        return True
    matcher = SequenceMatcher(None, text, goal, autojunk=False)
    # the cheap upper bounds first: most outputs are nothing like the goal
    return (
        matcher.real_quick_ratio() >= GOAL_SIMILARITY
        and matcher.quick_ratio() >= GOAL_SIMILARITY
        and matcher.ratio() >= GOAL_SIMILARITY
    )


@rule(
    code="OUTPUT_RESTATES_GOAL",
    severity=WARNING,
    family=FAMILY,
    title="产出指标照抄总体目标",
    checks="产出指标的名称或年度指标值与“年度总体目标”的文字相同或几乎相同（相似度 70% 以上），没有拆成可考核的产出。",
    example="002 综合大厅设备购置：数量指标“购置室内外防滑地垫、公开墙、射灯、心脏除颤仪等一批”，总体目标“…购置室内外防滑地垫、公开墙、射灯、心脏除颤仪等。”",
)
def output_restates_goal(ctx: Context) -> Iterator[Finding]:
    goal = ctx.form.goals.expected.text
    if not goal:
        return
    for i, ind in indicator_rows(ctx.form):
        if ind.level1 != "产出指标":
            continue
        for field in ("name", "target"):
            text = getattr(ind, field).text
            if _restates(text, goal):
                yield ctx.finding(
                    "OUTPUT_RESTATES_GOAL",
                    f"产出指标“{short(text, 30)}”照搬了年度总体目标“{short(goal, 30)}”，"
                    "应拆成可考核的数量、质量、时效、成本指标。",
                    f"indicators.{i}.{field}",
                )
                break


_WAN = Decimal(10000)


@rule(
    code="OUTPUT_IS_SPENDING",
    severity=WARNING,
    family=FAMILY,
    title="以资金数代替产出",
    checks="数量、质量、时效指标的年度指标值或实际完成值就是项目的预算或执行金额（万元，或按元写的同一金额）：花了多少钱不是产出（101号：不得以资金投入作为产出指标）。",
    example="003 通州区文明示范小区创建工作项目：数量指标目标“10万元”、实际“9.886万元”，即预算和执行数；003 2023年接诉即办奖励金：时效指标“2250000”。",
)
def output_is_spending(ctx: Context) -> Iterator[Finding]:
    amounts = {v for _, _, c in funds_amounts(ctx.form) if (v := number(c)) is not None and v > 0}
    if not amounts:
        return
    for i, ind in indicator_rows(ctx.form):
        if ind.level1 != "产出指标" or "成本" in ind.level2:
            continue
        for field in ("target", "actual"):
            value = parse_value(getattr(ind, field).text)
            if len(value.clauses) != 1:
                continue
            q = value.clauses[0]
            hit = q.number if q.is_money else None
            if q.unit == "" and q.number / _WAN in amounts:
                hit = q.number / _WAN
            if hit is not None and hit in amounts:
                yield ctx.finding(
                    "OUTPUT_IS_SPENDING",
                    f"{ind.level2 or '产出指标'}写的是“{value.text}”，即项目资金 {money(hit)}；"
                    "花了多少钱不是产出，应写实际做成了什么、做了多少。",
                    f"indicators.{i}.{field}",
                )
                break


_GROUP_LEVEL2 = {
    "产出指标": ("数量指标", "质量指标", "时效指标", "成本指标"),
    "效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    "满意度指标": ("服务对象满意度指标",),
}


def _in_group(ind: Indicator, group: str, split_by: str = "level1") -> bool:
    if split_by == "group":  # 湖北 年度绩效目标1 / 2, 共性指标 / 个性指标
        return getattr(ind, "group", "") == group
    return ind.level1 == group or ind.level2 in _GROUP_LEVEL2.get(group, ())


@rule(
    code="LEVEL1_GROUP_MISSING",
    scored=True,
    severity=WARNING,
    family=FAMILY,
    title="缺少一类一级指标",
    checks="产出、效益、满意度三类一级指标是否各有至少一个三级指标（满意度一类缺失时，其分值通常挪给了别的指标，须说明）。",
    example="003 公益电影放映补贴：没有满意度指标。",
)
def level1_group_missing(ctx: Context) -> Iterator[Finding]:
    rows = [ind for _, ind in indicator_rows(ctx.form) if ind.weight.text]
    if not rows:
        return
    for group, weight in ctx.policy.weights.level1.items():
        if any(_in_group(ind, group, ctx.policy.weights.split_by) for ind in rows):
            continue
        yield ctx.finding(
            "LEVEL1_GROUP_MISSING",
            f"没有“{group}”一类的指标（默认分值 {fmt(weight)} 分）；请补设指标，或说明其分值的去向。",
            "indicators",
        )


@rule(
    code="ALL_FULL_WITH_PROBLEMS",
    scored=True,
    severity=WARNING,
    family=FAMILY,
    title="全部满分但写了偏差",
    checks="所有三级指标都是满分，偏差原因分析栏却写了偏差或问题（“无”之类不算）：自评可能偏松。",
    example="003 政法委群防群治补助经费：各指标全部满分，数量指标偏差原因写“以实际参与人数为准进行慰问”（目标≥600，实际521）。",
)
def all_full_with_problems(ctx: Context) -> Iterator[Finding]:
    rows = [(i, ind) for i, ind in indicator_rows(ctx.form) if ind.weight.text]
    if not rows:
        return
    for _, ind in rows:
        weight, score = number(ind.weight), number(ind.score)
        if weight is None or score is None or score < weight:
            return
    noted = [(i, ind) for i, ind in rows if says_something(ind.deviation)]
    if not noted:
        return
    i, ind = noted[0]
    more = f"等 {len(noted)} 行" if len(noted) > 1 else ""
    yield ctx.finding(
        "ALL_FULL_WITH_PROBLEMS",
        f"所有指标都是满分，但第{i + 1}行{more}的偏差原因写了“{short(ind.deviation.text, 40)}”，"
        "说明存在偏差；请核实得分。",
        f"indicators.{i}.deviation",
    )


# --- across forms -------------------------------------------------------------------------------

# two tables with at least this many non-cost rows, all identical, are copies
MIN_COPIED_ROWS = 4


def _row_key(ind: Indicator) -> tuple[str, ...]:
    return tuple(
        _plain(x)
        for x in (
            ind.level1,
            ind.level2,
            ind.name.text,
            ind.target.text,
            ind.actual.text,
            ind.weight.text,
            ind.score.text,
            ind.deviation.text,
        )
    )


def _non_cost_rows(form: Form) -> list[tuple[str, ...]]:
    return [
        _row_key(ind)
        for _, ind in indicator_rows(form)
        if "成本" not in ind.level2 and "成本" not in ind.level1
    ]


def _title(form: Form, index: int) -> str:
    return f"“{form.project_name.text}”（第{index + 1}张表）"


@cross_rule(
    code="TABLES_IDENTICAL",
    severity=WARNING,
    family=FAMILY,
    title="绩效指标表与另一张表雷同",
    checks="两张不同项目的自评表，除成本指标外的绩效指标（名称、目标、实际、分值、得分、偏差原因）逐行完全相同：疑似照抄，指标没有反映本项目。",
    example="002 政管办日常办公经费 与 政务服务管理办日常办公经费：7 行指标中除成本指标外的 6 行一字不差（连扣分和偏差原因都相同）。",
)
def tables_identical(ctx: CrossContext) -> Iterator[tuple[int, Finding]]:
    # forms are grouped by their rows (a hash), so a batch of thousands stays linear
    groups: dict[tuple[tuple[str, ...], ...], list[int]] = {}
    for i, form in enumerate(ctx.forms):
        rows = tuple(_non_cost_rows(form))
        if len(rows) >= MIN_COPIED_ROWS:
            groups.setdefault(rows, []).append(i)
    for rows, members in groups.items():
        if len({_plain(ctx.forms[i].project_name.text) for i in members}) < 2:
            continue
        for me in members:
            others = [
                i
                for i in members
                if _plain(ctx.forms[i].project_name.text) != _plain(ctx.forms[me].project_name.text)
            ]
            named = "、".join(_title(ctx.forms[i], i) for i in others[:3])
            more = f"等 {len(others)} 张表" if len(others) > 3 else ""
            yield ctx.finding(
                me,
                "TABLES_IDENTICAL",
                f"绩效指标表与{named}{more}雷同：除成本指标外的 {len(rows)} 行指标"
                "（名称、目标、实际、分值、得分、偏差原因）完全相同，疑似照抄。",
                "indicators",
            )
