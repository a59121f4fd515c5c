"""Target-against-actual rules (domain.md §5 “Target against actual”, §11.2–§11.6): full marks
for a missed target, scores outside the qualitative bands, over-achievement, cost actuals and
units that contradict the funds block, dates in the wrong year, deviation texts that admit a
problem."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from jixiao.model.finding import Finding, Severity
from jixiao.review.common import (
    admits_problem,
    clause_text,
    computed_at,
    executed_amount,
    fmt,
    funds_amounts,
    indicator_rows,
    money,
    number,
    pct,
    says_something,
)
from jixiao.review.registry import Context, rule, short
from jixiao.scoring.amounts import YUAN_SUSPECT, funds_scale
from jixiao.values import parse_number, parse_value
from jixiao.values.model import Comparator, Quantity

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
FAMILY = "targets"


def _full(weight: Decimal | None, score: Decimal | None) -> bool:
    return weight is not None and score is not None and weight > 0 and score >= weight


def _missed_clauses(ctx: Context, index: int) -> list[tuple[Quantity, Quantity]]:
    """Target clauses the actual did not meet, clause by clause, as the engine compared them."""
    return [(k.target, k.actual) for k in computed_at(ctx.computed, index).clauses if not k.met]


@rule(
    code="FULL_SCORE_TARGET_NOT_MET",
    scored=True,
    severity=ERROR,
    family=FAMILY,
    title="未达目标却得满分",
    checks="三级指标得了满分，但逐项比较年度指标值与实际完成值（含写在指标名称里的目标、一格中的多个分项），有分项没有达到目标。",
    example="003 政法委群防群治补助经费：目标“≥600”，实际“521”，得 10 分（满分）；002 综合大厅设备购置：成本控制“12.3016万元以内”，实际“12.309万元”，得 20 分（满分）；003 办事处事权补助资金：“制作宣传品…≥50000件”，实际 5000 件，评为优。",
)
def full_score_target_not_met(ctx: Context) -> Iterator[Finding]:
    for i, ind in indicator_rows(ctx.form):
        weight, score = number(ind.weight), number(ind.score)
        if not _full(weight, score):
            continue
        missed = _missed_clauses(ctx, i)
        if not missed:
            continue
        lines = "；".join(f"目标“{clause_text(t)}”，实际“{clause_text(a)}”" for t, a in missed)
        c = computed_at(ctx.computed, i)
        should = ""
        if c.kind == "定量" and c.score is not None and c.score < score:  # type: ignore[operator]
            should = f"，按完成比例应得 {fmt(c.score)} 分"
        yield ctx.finding(
            "FULL_SCORE_TARGET_NOT_MET",
            f"{lines}，没有达到目标，却得了满分 {ind.score.text} 分{should}。",
            f"indicators.{i}.score",
        )


@rule(
    code="SCORE_ABOVE_PROPORTION",
    scored=True,
    severity=WARNING,
    family=FAMILY,
    title="未达目标的得分高于按比例计算的得分",
    checks="定量指标未达到目标、也没给满分时，填报得分是否高于按完成比例计算的得分（实际 ÷ 目标 × 分值）。",
    example="（样例中未见；未达目标而得满分的情况由“未达目标却得满分”报告）",
)
def score_above_proportion(ctx: Context) -> Iterator[Finding]:
    for i, ind in indicator_rows(ctx.form):
        weight, score = number(ind.weight), number(ind.score)
        c = computed_at(ctx.computed, i)
        if weight is None or score is None or _full(weight, score):
            continue
        if c.kind != "定量" or c.met is not False or c.score is None:
            continue
        if score - c.score <= ctx.policy.rounding.tolerance:
            continue
        yield ctx.finding(
            "SCORE_ABOVE_PROPORTION",
            f"未达到目标，按完成比例应得 {fmt(c.score)} 分，表中填 {ind.score.text} 分。{c.explanation}",
            f"indicators.{i}.score",
        )


def _states_no_result(ind_actual: str) -> bool:
    """An actual that only repeats the scale (“优良中差”) says no result."""
    return bool(ind_actual) and parse_value(ind_actual).scale


@rule(
    code="ACTUAL_IS_SCALE",
    severity=ERROR,
    family=FAMILY,
    title="实际完成值没有写结果",
    checks="定性指标的实际完成值只照抄了评价档次（如“优良中差”“定性”），没有写评定结果（优、良、中、差中的哪一档），得分无从核对。",
    example="003 2023年生活垃圾日常管理经费：质量指标“符合验收标准”实际完成值写“优良中差”，得 10 分（满分）。",
)
def actual_is_scale(ctx: Context) -> Iterator[Finding]:
    for i, ind in indicator_rows(ctx.form):
        if _states_no_result(ind.actual.text):
            yield ctx.finding(
                "ACTUAL_IS_SCALE",
                f"实际完成值只写了评价档次“{ind.actual.text}”，没有写评定结果"
                + (
                    f"，却得了 {ind.score.text} 分（分值 {ind.weight.text}）。"
                    if ind.score.text
                    else "。"
                ),
                f"indicators.{i}.actual",
            )


@rule(
    code="QUAL_SCORE_OUT_OF_BAND",
    scored=True,
    severity=ERROR,
    family=FAMILY,
    title="定性得分超出档次区间",
    checks="定性指标的得分是否落在其结果对应的档次区间内（达成 80%–100%、部分达成 60%–80%、未达成 0–60%；北京规则中优、良、中、差各有区间）。",
    example="002 服装费：成本指标实际“基本完成”（部分达成，60%–80%），得 19 分（分值 20，即 95%）。",
)
def qual_score_out_of_band(ctx: Context) -> Iterator[Finding]:
    tol = ctx.policy.rounding.tolerance
    for i, ind in indicator_rows(ctx.form):
        c = computed_at(ctx.computed, i)
        score = number(ind.score)
        if c.kind != "定性" or c.band is None or score is None or c.weight is None:
            continue
        if _states_no_result(ind.actual.text):
            continue  # reported by ACTUAL_IS_SCALE
        low, high = c.band
        if low - tol <= score <= high + tol:
            continue
        yield ctx.finding(
            "QUAL_SCORE_OUT_OF_BAND",
            f"实际完成值“{short(ind.actual.text, 30)}”对应“{c.outcome}”，得分应在 {fmt(low)}–{fmt(high)} 分之间"
            f"（分值 {fmt(c.weight)}），表中填 {ind.score.text} 分。",
            f"indicators.{i}.score",
        )


@rule(
    code="TARGET_MISSED_NO_REASON",
    severity=ERROR,
    family=FAMILY,
    title="未完成目标未说明原因",
    checks="不打分的表（转移支付区域绩效自评表）中，逐项比较全年预期目标值与全年实际完成值，有分项没有达到目标，偏差原因（未完成原因分析）却没有填写。打分的表由“扣分未说明原因”“未达目标却得满分”报告。",
    example="转移支付区域绩效自评表：“新建农村公路≥120公里”，实际完成 96 公里，未完成原因栏空白。",
)
def target_missed_no_reason(ctx: Context) -> Iterator[Finding]:
    if ctx.policy.scored:
        return
    if says_something(getattr(ctx.form, "unfinished", "")):
        return  # 未完成原因分析 written as a block of its own
    for i, ind in indicator_rows(ctx.form):
        if says_something(ind.deviation):
            continue
        missed = _missed_clauses(ctx, i)
        if not missed:
            continue
        lines = "；".join(f"目标“{clause_text(t)}”，实际“{clause_text(a)}”" for t, a in missed)
        yield ctx.finding(
            "TARGET_MISSED_NO_REASON",
            f"{lines}，没有达到目标，但没有说明未完成的原因和改进措施。",
            f"indicators.{i}.deviation",
        )


@rule(
    code="OVER_ACHIEVEMENT_NO_REASON",
    severity=WARNING,
    family=FAMILY,
    title="大幅超额完成未说明原因",
    checks="正向定量指标实际完成值达到目标的 130%（评分规则可调）及以上，偏差原因栏却空着：目标可能定得过低，须说明原因。",
    example="003 2023年社区公益事业补助资金：开展公益性群众文化活动目标“≥35次”，实际 157 次（449%），偏差原因栏空白。",
)
def over_achievement_no_reason(ctx: Context) -> Iterator[Finding]:
    threshold = ctx.policy.quantitative.over_achievement
    for i, ind in indicator_rows(ctx.form):
        if says_something(ind.deviation):
            continue
        over = [
            (k.target, k.actual)
            for k in computed_at(ctx.computed, i).clauses
            if k.direction == "正向"
            and k.target.number > 0
            and k.actual.number / k.target.number >= threshold
        ]
        if not over:
            continue
        lines = "；".join(
            f"目标“{clause_text(t)}”，实际“{clause_text(a)}”（{pct(a.number / t.number)}）"
            for t, a in over
        )
        yield ctx.finding(
            "OVER_ACHIEVEMENT_NO_REASON",
            f"{lines}，超过目标的 {pct(threshold)}，但偏差原因栏没有说明；目标是否定得过低？",
            f"indicators.{i}.deviation",
        )


@rule(
    code="EQUAL_TARGET_EXCEEDED",
    severity=INFO,
    family=FAMILY,
    title="“等于”目标被超过",
    checks="目标写作“＝N”的指标实际完成值大于 N：按默认规则给满分，但请确认目标是否应为“≥”。",
    example="（样例中未见）",
)
def equal_target_exceeded(ctx: Context) -> Iterator[Finding]:
    for i, _ in indicator_rows(ctx.form):
        over = [
            (k.target, k.actual)
            for k in computed_at(ctx.computed, i).clauses
            if k.target.comparator is Comparator.EQ and k.actual.number > k.target.number
        ]
        if over:
            lines = "；".join(f"目标“{clause_text(t)}”，实际“{clause_text(a)}”" for t, a in over)
            yield ctx.finding(
                "EQUAL_TARGET_EXCEEDED",
                f"{lines}：实际超过了“等于”的目标，按满分计；请确认目标是否应写作“≥”。",
                f"indicators.{i}.actual",
            )


# --- money and units ----------------------------------------------------------------------------

# names of cost indicators that measure a unit cost or a part, not the project's whole cost
_PART_COST_WORDS = ("人均", "平均", "单价", "单位成本", "单处", "单个", "每", "标准", "/")
# a cost actual further than this from the executed amount contradicts the funds block
COST_GAP = Decimal("0.05")


def _is_cost(ind_level1: str, ind_level2: str, name: str) -> bool:
    return "成本" in ind_level2 or "成本" in ind_level1 or name.startswith("成本")


@rule(
    code="COST_ACTUAL_CONTRADICTS_FUNDS",
    severity=ERROR,
    family=FAMILY,
    title="成本实际值与资金表不符",
    checks="成本指标只写了一个金额作为实际成本（或在年度指标值栏写“实际××万”），它与资金表的全年执行数相差 5% 以上（人均、平均、单价等分项成本除外）。",
    example="002 电子政务内网机房建设：成本指标写“实际20万”，全年执行数 12.489 万元；002 政管局党费返还留成党建经费：写“实际0.2862万”，执行数 0.38 万元（照抄了另一张表）。",
)
def cost_actual_contradicts_funds(ctx: Context) -> Iterator[Finding]:
    executed = executed_amount(ctx.form)
    if executed is None or executed <= 0:
        return
    for i, ind in indicator_rows(ctx.form):
        if not _is_cost(ind.level1, ind.level2, ind.name.text):
            continue
        if any(w in ind.name.text for w in _PART_COST_WORDS):
            continue
        c = computed_at(ctx.computed, i)
        if c.actual is None:
            continue
        amounts = [q for q in c.actual.clauses if q.is_money]
        if len(amounts) != 1:
            continue
        spent = amounts[0].number
        gap = abs(spent - executed) / executed
        if gap <= COST_GAP:
            continue
        field = "target" if c.actual_in_target_cell else "actual"
        yield ctx.finding(
            "COST_ACTUAL_CONTRADICTS_FUNDS",
            f"成本指标写实际成本 {money(spent)}（“{c.actual.text}”），资金表全年执行数为 {money(executed)}，"
            f"相差 {pct(gap)}，两者应一致。",
            f"indicators.{i}.{field}",
        )


# The threshold and the decision live in scoring/amounts.py, where totals take the amounts in
# 万元: the finding and the conversion agree by construction. The check warns; it cannot know, so
# it is a warning, not an error.


@rule(
    code="UNIT_FUNDS_IN_YUAN",
    severity=WARNING,
    family=FAMILY,
    title="资金疑似按元填写",
    checks="资金表单位是万元；金额达到 10000 万元（1 亿元）以上的，对街道、区级部门的项目而言极不可能，多半是把“元”填在了“万元”栏里。",
    example="000 市民服务中心工作经费：全年预算数 307800、执行数 306852.55（即 30.78 亿元），应为 30.78 万元。",
)
def unit_funds_in_yuan(ctx: Context) -> Iterator[Finding]:
    scale = funds_scale(ctx.form)
    if not scale.in_yuan or scale.evidence is None or scale.path is None:
        return
    # one finding per form is enough: the whole block has the same unit
    row, column = scale.path.split(".")
    text = getattr(getattr(ctx.form.funds, row), column).text
    # N 万元 is N / 10000 亿元; N 元 is N / 10000 万元: the same digits either way
    scaled = fmt(scale.evidence / YUAN_SUSPECT)
    yield ctx.finding(
        "UNIT_FUNDS_IN_YUAN",
        f"资金表单位为万元，这里填 {text}，即 {scaled} 亿元，远超这类项目的规模；"
        f"若实际按元填写，应为 {scaled} 万元。",
        f"funds.{scale.path}",
    )


_YUAN = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*元")


@rule(
    code="UNIT_YUAN_FOR_WANYUAN",
    severity=ERROR,
    family=FAMILY,
    title="金额单位错写为元",
    checks="指标或目标中写作“××元”的金额，其数字恰好等于资金表中以万元计的金额：单位应为万元，差了一万倍。",
    example="002 丰台区2020年“互联网+政务服务”一网通办项目：成本指标“预算控制在1121.6239元以内”，项目资金为 1121.6239 万元。",
)
def unit_yuan_for_wanyuan(ctx: Context) -> Iterator[Finding]:
    amounts = {v for _, _, c in funds_amounts(ctx.form) if (v := number(c)) is not None and v > 0}
    if not amounts:
        return
    for i, ind in indicator_rows(ctx.form):
        for field in ("name", "target", "actual"):
            text = getattr(ind, field).text
            for match in _YUAN.finditer(text):
                value = parse_number(match.group(1))
                if value is None or value not in amounts:
                    continue
                yield ctx.finding(
                    "UNIT_YUAN_FOR_WANYUAN",
                    f"写作“{match.group(0)}”，而资金表中的金额是 {money(value)}；单位应为万元，而不是元。",
                    f"indicators.{i}.{field}",
                )


# --- dates --------------------------------------------------------------------------------------


@rule(
    code="DATE_WRONG_YEAR",
    severity=WARNING,
    family=FAMILY,
    title="日期年份不对",
    checks="实际完成值中的日期年份既不是本表年度、也不是目标中的年份；或年度指标值中的日期早于本表年度。",
    example="003 通州区文明示范小区创建工作项目（2023年度）：目标“2023年11月底完成…”，实际写“2022年11月底完成…”。",
)
def date_wrong_year(ctx: Context) -> Iterator[Finding]:
    year = ctx.form.year
    if year is None:
        return
    for i, ind in indicator_rows(ctx.form):
        target, actual = parse_value(ind.target.text), parse_value(ind.actual.text)
        allowed = {year} | {d.year for d in target.dates}
        for d in target.dates:
            if d.year < year:
                yield ctx.finding(
                    "DATE_WRONG_YEAR",
                    f"年度指标值中的日期“{d.text or d.year}”在 {d.year} 年，早于本表年度 {year} 年。",
                    f"indicators.{i}.target",
                )
        for d in actual.dates:
            if d.year in allowed:
                continue
            target_years = "、".join(f"{y} 年" for y in sorted({t.year for t in target.dates}))
            expected = f"目标是 {target_years}" if target_years else f"本表是 {year} 年度"
            yield ctx.finding(
                "DATE_WRONG_YEAR",
                f"实际完成值中的日期“{d.text or d.year}”在 {d.year} 年，而{expected}；年份是否写错？",
                f"indicators.{i}.actual",
            )


# --- deviation texts and qualitative words ----------------------------------------------------


@rule(
    code="DEVIATION_ADMITS_PROBLEM",
    scored=True,
    severity=WARNING,
    family=FAMILY,
    title="承认存在问题却得满分",
    checks="三级指标得了满分，但偏差原因分析栏写到了问题、不足、滞后等：要么得分偏高，要么说明写错了行。",
    example="003 通州区文明示范小区创建工作项目：质量指标得 5 分（满分），偏差原因写“回迁小区遗留问题较多，楼道堆堵问题反复”。",
)
def deviation_admits_problem(ctx: Context) -> Iterator[Finding]:
    for i, ind in indicator_rows(ctx.form):
        if not _full(number(ind.weight), number(ind.score)):
            continue
        words = admits_problem(ind.deviation.text)
        if words:
            yield ctx.finding(
                "DEVIATION_ADMITS_PROBLEM",
                f"得了满分 {ind.score.text} 分，偏差原因却写“{short(ind.deviation.text, 40)}”"
                f"（提到“{'”“'.join(words[:3])}”），请核实得分。",
                f"indicators.{i}.deviation",
            )


@rule(
    code="QUAL_WORD_GUESSED",
    severity=INFO,
    family=FAMILY,
    title="定性结果按关键词推断",
    checks="实际完成值的说法不在评分规则的词表里（如“基本满意”“有效提升”），系统按关键词推断了达成档次，请确认。",
    example="002 服装费：满意度实际“基本满意”，按“基本”推断为“部分达成”。",
)
def qual_word_guessed(ctx: Context) -> Iterator[Finding]:
    for i, ind in indicator_rows(ctx.form):
        c = computed_at(ctx.computed, i)
        if _states_no_result(ind.actual.text):
            continue  # reported by ACTUAL_IS_SCALE
        if c.kind == "定性" and c.outcome_guessed and c.outcome:
            yield ctx.finding(
                "QUAL_WORD_GUESSED",
                f"实际完成值“{short(ind.actual.text, 30)}”不在评分规则的词表中，按关键词推断为“{c.outcome}”，请确认。",
                f"indicators.{i}.actual",
            )
