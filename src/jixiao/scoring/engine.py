"""The scoring engine: what a form should say under a policy (domain.md §4, §11).

`score_form` computes the execution rate and funds score, every indicator's score, the totals
and the grade from the form's own inputs, and explains each number: the rule, the inputs, the
formula. It never changes the form; differences between declared and computed are findings,
raised by the review rules.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from jixiao.model.form import Form, Indicator
from jixiao.scoring.amounts import funds_scale
from jixiao.scoring.computed import ClauseCheck, Computed, ComputedIndicator
from jixiao.scoring.policy import Band, Policy
from jixiao.values import compare, pairs, parse_value, target_in_name
from jixiao.values import parse_number as _parse_number
from jixiao.values.model import Comparator, Kind, Quantity, Value
from jixiao.values.parse import BAD_RATES

ONE = Decimal(1)
ZERO = Decimal(0)
HUNDRED = Decimal(100)
# words in a bare target's name that make it a 反向 (lower is better) indicator: costs, time
# limits, and the rates that are bad (损坏率 …), which the values grammar already lists
REVERSE_WORDS = ("成本", "超支", "用时", "时限", *BAD_RATES)
# keywords for outcomes the policy's word list does not name (a guess, reported as such)
GUESS_NOT_MET = ("未", "没有", "不足", "较差", "差")
GUESS_PARTLY = ("基本", "部分", "一般", "良")
GUESS_MET = (
    "完成",
    "达到",
    "达成",
    "提升",
    "提高",
    "改善",
    "满足",
    "达标",
    "无投诉",
    "满意",
    "优",
    "合格",
    "到位",
    "正常",
)


def score_form(form: Form, policy: Policy) -> Computed:
    computed = Computed(policy=policy.name, funds_weight=policy.weights.execution)
    _amounts(form, computed)
    _score_funds(form, policy, computed)
    computed.indicators = [score_indicator(ind, policy) for ind in form.indicators]
    if not policy.scored:
        _unscored(policy, computed)
        return computed
    _score_totals(form, policy, computed)
    return computed


def _unscored(policy: Policy, computed: Computed) -> None:
    """A policy for forms without scores (转移支付): the execution rate and the targets are
    compared, nothing is scored."""
    why = f"{policy.title}：这类表不打分，不计算得分、总分和等级。"
    computed.funds_score = None
    computed.explanations.pop("funds_score", None)
    for key in ("total_weight", "total_score", "grade"):
        computed.explanations[key] = why
    for c in computed.indicators:
        c.score = None
        if not c.explanation or c.explanation.startswith(("未填分值", "分值“")):
            c.explanation = "这类表不打分，只比较目标与实际完成值。"


# no budget, weight or score on a form comes near this; a number beyond it is a typo or an
# attack, read as unreadable rather than carried into arithmetic that cannot round it
LARGEST = Decimal("1e15")


def parse_number(text: str) -> Decimal | None:
    """A declared number the engine can compute with, or None."""
    value = _parse_number(text)
    return value if value is not None and abs(value) < LARGEST else None


def fmt(value: Decimal | None) -> str:
    """A number as people write it: no trailing zeros, no exponent."""
    if value is None:
        return "—"
    text = format(value.normalize(), "f")
    return text


def pct(rate: Decimal | None) -> str:
    return "—" if rate is None else f"{(rate * HUNDRED).quantize(Decimal('0.01'), ROUND_HALF_UP)}%"


def rounded(value: Decimal, policy: Policy) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-policy.rounding.decimals), ROUND_HALF_UP)


# --- funds ----------------------------------------------------------------------------------


def _amounts(form: Form, computed: Computed) -> None:
    """The 年度资金总额 row's amounts in 万元, whatever unit the form was filled in."""
    scale = funds_scale(form)
    computed.funds_unit = scale.unit
    total = form.funds.total
    for key, what in (("annual_budget", "全年预算数"), ("executed", "全年执行数")):
        declared = parse_number(getattr(total, key).text)
        setattr(computed, key, scale.to_wanyuan(declared))
        computed.explanations[key] = scale.explain(what, declared)


def _score_funds(form: Form, policy: Policy, computed: Computed) -> None:
    funds = form.funds
    base_name = "全年预算数" if policy.execution.base == "annual_budget" else "年初预算数"
    budget = parse_number(getattr(funds.total, policy.execution.base).text)
    executed = parse_number(funds.total.executed.text)
    source = "年度资金总额"
    if (budget is None or executed is None) and policy.execution.fallback_to_sources:
        rows = (funds.appropriation, funds.carryover, funds.other)
        sum_budget = _sum(getattr(r, policy.execution.base).text for r in rows)
        sum_executed = _sum(r.executed.text for r in rows)
        if sum_budget is not None and sum_executed is not None:
            budget, executed = sum_budget, sum_executed
            source = "资金来源各行合计（年度资金总额行未填或无法读取）"
    weight = policy.weights.execution
    if budget is None or executed is None:
        computed.explanations["execution_rate"] = (
            f"无法计算：{base_name}或全年执行数未填或无法读取。"
        )
        return
    if budget == 0:
        computed.explanations["execution_rate"] = f"无法计算：{base_name}为 0。"
        return
    rate = executed / budget
    computed.execution_rate = rate.quantize(Decimal("0.0001"), ROUND_HALF_UP)
    computed.explanations["execution_rate"] = (
        f"执行率 = 全年执行数 ÷ {base_name}（{source}）= {fmt(executed)} ÷ {fmt(budget)} = {pct(rate)}"
    )
    if weight == 0:  # 决策/管理/绩效: the rate is an indicator of its own, not a funds score
        computed.funds_score = ZERO
        computed.explanations["funds_score"] = (
            f"{policy.title}：预算执行率不单独计分（分值 0），执行率作为三级指标计分"
        )
        return
    capped = min(rate, ONE) if policy.execution.cap else rate
    computed.funds_score = rounded(weight * capped, policy)
    cap_text = f"min({pct(rate)}, 100%)" if policy.execution.cap else pct(rate)
    computed.explanations["funds_score"] = (
        f"得分 = 分值 × {cap_text} = {fmt(weight)} × {cap_text} = {fmt(computed.funds_score)}"
        f"（{policy.title}：分值 {fmt(weight)}，保留 {policy.rounding.decimals} 位小数，四舍五入）"
    )


def _sum(texts: object) -> Decimal | None:
    total = ZERO
    seen = False
    for text in texts:  # type: ignore[attr-defined]
        if not text:
            continue
        value = parse_number(text)
        if value is None:
            return None
        total += value
        seen = True
    return total if seen else None


# --- indicators -----------------------------------------------------------------------------


def score_indicator(ind: Indicator, policy: Policy) -> ComputedIndicator:
    """One indicator's score under the policy, and how it was reached; never above its 分值."""
    out = _score_indicator(ind, policy)
    if out.score is not None and out.weight is not None and out.score > out.weight:
        out.explanation += (
            f"；计算得分 {fmt(out.score)} 超过分值 {fmt(out.weight)}，按分值 {fmt(out.weight)} 计"
        )
        out.score = out.weight
    return out


def _score_indicator(ind: Indicator, policy: Policy) -> ComputedIndicator:
    """One indicator's score under the policy, and how it was reached.

    Readings, in order: a qualitative target scale (优良中差, 定性) with a graded actual is
    qualitative; numbers in the target compared with numbers in the actual are quantitative —
    the target taken from the name when the cell only says 完成预期指标 (工作人员满意度≥90%),
    the actual taken from the target cell when the form wrote “实际…” there; an actual that is
    only a percentage (100%) against a worded target is a completion degree measured against
    100%; a worded actual is qualitative. Clause checks are kept whenever target and actual
    both hold comparable figures, so the review can see a missed clause inside 优（…）.
    """
    out = ComputedIndicator(weight=parse_number(ind.weight.text))
    target, actual, hidden = _read(ind, out)
    completion = _completion(parse_value(ind.actual.text))
    if not target.clauses and _completion_only(ind, hidden, _completion(actual)):
        hidden = None  # “100%” says the work was done, not that the 损坏率 was 100%
    reference = target if target.clauses else hidden
    if reference is not None and reference.clauses and actual.clauses:
        out.clauses = _check_clauses(ind, reference, actual, policy)
    if out.weight is None:
        out.explanation = (
            f"分值“{ind.weight.text}”无法读取，不能计算得分。"
            if ind.weight.text
            else "未填分值，不能计算得分。"
        )
        return out
    graded = actual.grade is not None or actual.kind is Kind.QUALITATIVE
    if target.scale and graded and not actual.scale:
        _qualitative(ind, actual, out, policy)
    elif out.clauses:
        if reference is hidden:
            out.target, out.target_from_name = hidden, True
        _quantitative(ind, out, policy)
    elif completion is not None:
        out.completion = True
        implicit = Quantity(Comparator.GE, HUNDRED, "%", text="100%")
        share, met, line = _clause_share(
            implicit, Quantity(Comparator.NONE, completion, "%"), "正向", policy
        )
        _settle(
            ind, out, [line], [share], met, policy, "实际完成值为完成比例，按完成 100% 为目标计算；"
        )
    elif actual.scale:
        out.explanation = f"无法计算：实际完成值只写了评价档次“{actual.text}”，没有写出结果。"
    elif graded:
        _qualitative(ind, actual, out, policy)
    else:
        out.explanation = (
            f"无法计算：年度指标值“{ind.target.text}”与实际完成值“{actual.text}”无法比较"
            + (f"（{actual.note}）" if actual.note else "")
            + "。"
        )
    return out


def _read(ind: Indicator, out: ComputedIndicator) -> tuple[Value, Value, Value | None]:
    """The target, the actual and a target hidden in the name, with the habits of real forms
    undone: “实际12.309万元” written in the target cell is the actual."""
    target_text = ind.target.text.strip()
    hidden = target_in_name(ind.name.text) if ind.name.text else None
    if hidden is not None and not hidden.clauses:
        hidden = None
    if target_text.startswith("实际"):
        target, actual = parse_value(""), parse_value(target_text)
        out.actual_in_target_cell = True
    else:
        target, actual = parse_value(ind.target.text), parse_value(_actual_text(ind))
    out.target, out.actual = target, actual
    return target, actual, hidden


def _actual_text(ind: Indicator) -> str:
    """The actual as written; a bare number under a split target (云南, 四川: 指标值 / 度量单位
    columns) takes the 度量单位, which the template writes once for both: “93” under “%”."""
    text = ind.actual.text
    parts = getattr(ind, "target_parts", None) or {}
    unit = parts.get("unit")
    if unit is None or not unit.text.strip() or _parse_number(text) is None:
        return text
    return text.strip() + unit.text.strip()


def _completion(actual: Value) -> Decimal | None:
    """The percentage of an actual that is nothing but a percentage ("100%", "95%")."""
    if actual.kind is not Kind.NUMBER or len(actual.clauses) != 1 or actual.note:
        return None
    clause = actual.clauses[0]
    if clause.unit != "%" or clause.label or clause.comparator is not Comparator.NONE:
        return None
    return clause.number


def _completion_only(ind: Indicator, hidden: Value | None, completion: Decimal | None) -> bool:
    """“100%” against a 反向 target in the name (损坏率1%) says the work was done, not that
    the damage rate was 100%."""
    if hidden is None or completion != HUNDRED:
        return False
    return _direction(ind, hidden.clauses[0]) == "反向"


def _check_clauses(
    ind: Indicator, target: Value, actual: Value, policy: Policy
) -> list[ClauseCheck]:
    matched = pairs(target, actual)
    if not matched:
        pair = compare(target, actual)
        matched = [pair] if pair else []
    checks = []
    for t, a in matched:
        direction = _direction(ind, t)
        share, met, _ = _clause_share(t, a, direction, policy)
        checks.append(ClauseCheck(t, a, direction, share, met))
    return checks


def _direction(ind: Indicator, target: Quantity) -> str:
    if target.comparator is not Comparator.NONE:
        return target.comparator.direction
    name = ind.name.text + ind.level2
    return "反向" if any(word in name for word in REVERSE_WORDS) else "正向"


def _quantitative(ind: Indicator, out: ComputedIndicator, policy: Policy) -> None:
    lines = [_clause_share(k.target, k.actual, k.direction, policy)[2] for k in out.clauses]
    intro = f"年度指标值取自指标名称“{ind.name.text}”；" if out.target_from_name else ""
    if out.actual_in_target_cell:
        intro += "实际值写在年度指标值栏；"
    ratios = [k.actual.number / k.target.number for k in out.clauses if k.target.number]
    out.ratio = min(ratios) if ratios else None
    out.direction = out.clauses[0].direction
    _settle(
        ind,
        out,
        lines,
        [k.share for k in out.clauses],
        all(k.met for k in out.clauses),
        policy,
        intro,
    )


def _settle(
    ind: Indicator,
    out: ComputedIndicator,
    lines: list[str],
    shares: list[Decimal],
    met: bool,
    policy: Policy,
    intro: str,
) -> None:
    """A quantitative score from the clauses' shares, with its explanation."""
    weight = out.weight
    assert weight is not None
    out.kind, out.met = "定量", met
    out.direction = out.direction or "正向"
    share = sum(shares, ZERO) / len(shares)
    out.score = rounded(weight * share, policy)
    if len(lines) == 1:
        out.explanation = (
            f"{intro}{lines[0]}；得分 = {fmt(weight)} × {pct(share)} = {fmt(out.score)}"
        )
    else:
        out.explanation = (
            f"{intro}逐项比较："
            + "；".join(lines)
            + f"；得分 = {fmt(weight)} × 各项平均 {pct(share)} = {fmt(out.score)}"
        )


def _clause_share(
    t: Quantity, a: Quantity, direction: str, policy: Policy
) -> tuple[Decimal, bool, str]:
    """The share of W one clause earns, whether it met its target, and how."""
    tt, at = f"{t.label}{t.comparator.value}{fmt(t.number)}{t.unit}", f"{fmt(a.number)}{a.unit}"
    T, A = t.number, max(a.number, ZERO)
    if direction == "反向":
        if A <= T:
            return ONE, True, f"反向指标 {tt}，实际 {at} 未超过目标，满分"
        if T == 0:
            return ZERO, False, f"反向指标 {tt}，实际 {at} 超过 0，得 0 分"
        if policy.quantitative.reverse == "linear":
            share = max(ZERO, ONE - (A - T) / T)
            return (
                share,
                False,
                f"反向指标 {tt}，实际 {at} 超出目标：1 − (实际 − 目标) ÷ 目标 = {pct(share)}",
            )
        share = T / A
        return share, False, f"反向指标 {tt}，实际 {at} 超出目标：目标 ÷ 实际 = {pct(share)}"
    if direction == "等于" and A > T:
        met = policy.quantitative.equal_over_full
        share = ONE if met else (T / A if A else ZERO)
        return (
            share,
            met,
            f"等于指标 {tt}，实际 {at} 超过目标，" + ("按满分计" if met else f"按 {pct(share)} 计"),
        )
    if A >= T or (direction == "等于" and A == T):
        return ONE, True, f"{direction}指标 {tt}，实际 {at} 达到目标，满分"
    share = min(ONE, max(ZERO, A / T)) if T else ONE
    return share, False, f"{direction}指标 {tt}，实际 {at} 未达到目标：实际 ÷ 目标 = {pct(share)}"


def outcome_of(value: Value, policy: Policy) -> tuple[str | None, bool, str]:
    """The outcome (达成/部分达成/未达成) a qualitative value states, whether it was guessed,
    and the word it was read from."""
    words = policy.qualitative.words
    for word in (value.grade, value.phrase, value.text):
        if word and word in words:
            return words[word], False, word
    text = value.text
    for keywords, outcome in (
        (GUESS_NOT_MET, "未达成"),
        (GUESS_PARTLY, "部分达成"),
        (GUESS_MET, "达成"),
    ):
        for keyword in keywords:
            if keyword in text:
                return outcome, True, keyword
    return None, False, ""


def _qualitative(ind: Indicator, actual: Value, out: ComputedIndicator, policy: Policy) -> None:
    weight = out.weight
    assert weight is not None
    outcome, guessed, word = outcome_of(actual, policy)
    out.kind = "定性"
    if outcome is None:
        out.explanation = f"无法计算：实际完成值“{actual.text}”不是可识别的定性结果。"
        return
    out.outcome, out.outcome_guessed = outcome, guessed
    out.met = outcome == "达成"
    band: Band = policy.qualitative.bands[outcome]
    source = f"结果“{outcome}”"
    if actual.grade and actual.grade in policy.qualitative.grade_bands:
        band = policy.qualitative.grade_bands[actual.grade]
        source = f"等级“{actual.grade}”"
    low, high = rounded(weight * band.low, policy), rounded(weight * band.high, policy)
    out.band = (low, high)
    declared = parse_number(ind.score.text)
    read = (
        f"实际完成值“{actual.text}”"
        + (f"按关键词“{word}”推断为" if guessed else "对应")
        + f"“{outcome}”"
    )
    band_text = (
        f"{source}的得分区间为分值的 {pct(band.low)}–{pct(band.high)}，即 {fmt(low)}–{fmt(high)} 分"
    )
    if (
        policy.qualitative.computed == "declared"
        and declared is not None
        and low <= declared <= high
    ):
        out.score = rounded(declared, policy)
        out.explanation = f"定性指标：{read}；{band_text}；填报得分 {fmt(declared)} 在区间内，采用"
    elif policy.qualitative.computed == "declared" and declared is not None:
        out.score = low if declared < low else high
        out.explanation = f"定性指标：{read}；{band_text}；填报得分 {fmt(declared)} 在区间外，按最近的区间端点 {fmt(out.score)} 计"
    else:
        out.score = high
        out.explanation = f"定性指标：{read}；{band_text}；按区间上限 {fmt(high)} 计"


# --- totals ---------------------------------------------------------------------------------


def _split_key(ind: Indicator, policy: Policy) -> str:
    """The part of the split (weights.level1) an indicator's 分值 counts towards."""
    if policy.weights.split_by == "group":
        return getattr(ind, "group", "") or "（未注明分组）"
    return ind.level1 or "（未注明一级指标）"


def _score_totals(form: Form, policy: Policy, computed: Computed) -> None:
    weights = [
        ZERO if c.weight is None and not ind.weight.text else c.weight
        for ind, c in zip(form.indicators, computed.indicators, strict=True)
    ]
    if any(w is None for w in weights):
        computed.explanations["total_weight"] = "有指标的分值无法读取，总分值无法计算。"
    else:
        indicator_weight = sum((w for w in weights if w is not None), ZERO)
        computed.indicator_weight = indicator_weight
        computed.total_weight = indicator_weight + policy.weights.execution
        by_level1: dict[str, Decimal] = {}
        for ind, w in zip(form.indicators, weights, strict=True):
            key = _split_key(ind, policy)
            by_level1[key] = by_level1.get(key, ZERO) + (w or ZERO)
        computed.level1_weights = by_level1
        computed.explanations["total_weight"] = (
            f"总分值 = 预算执行率 {fmt(policy.weights.execution)} + 各指标分值之和 {fmt(indicator_weight)}"
            f" = {fmt(computed.total_weight)}"
            + (
                "（" + "，".join(f"{k} {fmt(v)}" for k, v in by_level1.items()) + "）"
                if by_level1
                else ""
            )
        )
    if computed.funds_score is None:
        computed.explanations["total_score"] = "预算执行率得分无法计算，总分无法计算。"
        return
    parts = [computed.funds_score]
    borrowed: list[str] = []
    over: list[str] = []
    for i, (ind, c) in enumerate(zip(form.indicators, computed.indicators, strict=True)):
        if c.score is not None:
            parts.append(c.score)
            continue
        declared = parse_number(ind.score.text) if ind.score.text else ZERO
        if declared is None:
            computed.explanations["total_score"] = (
                f"第{i + 1}个指标的得分既无法计算也无法读取，总分无法计算。"
            )
            return
        if c.weight is not None and declared > c.weight:
            declared = c.weight  # a borrowed score counts no more than its 分值
            over.append(str(i + 1))
        parts.append(declared)
        borrowed.append(str(i + 1))
    total = rounded(sum(parts, ZERO), policy)
    explanation = (
        f"总分 = 预算执行率得分 {fmt(computed.funds_score)} + 各指标得分之和 "
        f"{fmt(total - computed.funds_score)} = {fmt(total)}"
        + (f"（第{'、'.join(borrowed)}个指标无法计算，按填报得分计入" if borrowed else "")
        + (f"，其中第{'、'.join(over)}个指标的填报得分超过分值，按分值计入" if over else "")
        + ("）" if borrowed else "")
    )
    maximum = policy.weights.max_total
    if maximum is not None and total > maximum:
        computed.total_uncapped = total
        total = maximum
        explanation += (
            f"；超过满分 {fmt(maximum)}（多半是分值之和超过了 {fmt(policy.weights.total)}），"
            f"按评分规则封顶为 {fmt(maximum)}"
        )
    computed.total_score = total
    computed.explanations["total_score"] = explanation
    grade = policy.grade(computed.total_score)
    computed.grade = grade.name
    bands = "，".join(f"{g.name} ≥ {fmt(g.min)}" for g in policy.grades)
    computed.explanations["grade"] = f"总分 {fmt(computed.total_score)} → {grade.name}（{bands}）"
