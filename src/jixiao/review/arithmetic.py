"""Arithmetic and consistency rules (domain.md §5 “Arithmetic and consistency”, §11.1 and §11.7):
the funds block, the weights, the totals, the scores against their weights, and numbers that
cannot be read or compared."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from jixiao.model.finding import Finding, Severity
from jixiao.review.common import (
    AMOUNT_COLUMNS,
    FUNDS_ROWS,
    ZERO,
    computed_at,
    decimals,
    fmt,
    funds_amounts,
    indicator_rows,
    is_bare_percent,
    money,
    number,
    pct,
    rate,
    says_something,
)
from jixiao.review.registry import Context, declared_at, describe_path, rule
from jixiao.values import is_malformed_number, parse_number
from jixiao.values.model import Kind

ERROR, WARNING = Severity.ERROR, Severity.WARNING
FAMILY = "arithmetic"

_ROW_NAMES = {
    "total": "年度资金总额",
    "appropriation": "当年财政拨款",
    "carryover": "上年结转资金",
    "other": "其他资金",
}
_COLUMN_NAMES = {
    "initial_budget": "年初预算数",
    "annual_budget": "全年预算数",
    "executed": "全年执行数",
}


def _rate_inputs(ctx: Context) -> tuple[Decimal, Decimal] | None:
    """(executed, budget) as the engine used them, when the total row has both."""
    base = ctx.policy.execution.base
    budget = number(getattr(ctx.form.funds.total, base))
    executed = number(ctx.form.funds.total.executed)
    if budget is None or executed is None:
        return None
    return executed, budget


def _rate_formula(ctx: Context) -> str:
    inputs = _rate_inputs(ctx)
    if inputs is None:
        return ctx.computed.explanations.get("execution_rate", "")
    return f"{fmt(inputs[0])} ÷ {fmt(inputs[1])}"


# --- funds block ------------------------------------------------------------------------------


@rule(
    code="FUNDS_RATE_MISMATCH",
    severity=ERROR,
    family=FAMILY,
    title="执行率与资金不符",
    checks="年度资金总额行填写的执行率是否等于全年执行数 ÷ 全年预算数（允许评分规则中的误差，北京默认 0.5 个百分点）。",
    example="004 公共服务经费：1960.5869 ÷ 2175.9657 = 90.10%，表中填 100%；003 朗清园社区警务工作室：433 ÷ 438 = 98.86%，表中填 99.9%。",
)
def funds_rate_mismatch(ctx: Context) -> Iterator[Finding]:
    declared = rate(ctx.form.funds.execution_rate)
    computed = ctx.computed.execution_rate
    if declared is None or computed is None:
        return
    if abs(declared - computed) <= ctx.policy.rounding.rate_tolerance:
        return
    score = ctx.computed.funds_score
    tail = f"；按此得分应为 {fmt(score)}" if score is not None else ""
    declared_score = ctx.form.funds.score.text
    if declared_score and score is not None:
        tail += f"，表中填 {declared_score}"
    yield ctx.finding(
        "FUNDS_RATE_MISMATCH",
        f"执行率应为 {pct(computed)}（{_rate_formula(ctx)}），表中填 {ctx.form.funds.execution_rate.text}{tail}。",
        "funds.execution_rate",
    )


def _score_problem(ctx: Context) -> tuple[Decimal, Decimal] | None:
    declared = number(ctx.form.funds.score)
    computed = ctx.computed.funds_score
    if declared is None or computed is None:
        return None
    if abs(declared - computed) <= ctx.policy.rounding.tolerance:
        return None
    return declared, computed


def _is_integer_rounding(declared: Decimal, computed: Decimal) -> bool:
    nearest = computed.quantize(Decimal(1), ROUND_HALF_UP)
    return declared == declared.to_integral_value() and declared == nearest


def _score_formula(ctx: Context) -> str:
    rate_value = ctx.computed.execution_rate
    if rate_value is None:
        return ""
    capped = min(rate_value, Decimal(1)) if ctx.policy.execution.cap else rate_value
    return f"（{fmt(ctx.policy.weights.execution)} × {pct(capped)}）"


@rule(
    code="FUNDS_SCORE_MISMATCH",
    scored=True,
    severity=ERROR,
    family=FAMILY,
    title="执行率得分计算错误",
    checks="预算执行率的得分是否等于 分值 × min(执行率, 100%)，保留两位小数；手工向下取整（如 9.91 写成 9）也算错误。",
    example="003 2023年城乡基层党组织服务群众经费（市级资金）：执行率 99.1%，得分应为 9.91，表中填 9；004 公共服务经费：应为 9.01，表中填 10。",
)
def funds_score_mismatch(ctx: Context) -> Iterator[Finding]:
    problem = _score_problem(ctx)
    if problem is None or _is_integer_rounding(*problem):
        return
    declared, computed = problem
    hint = ""
    if declared == declared.to_integral_value() and declared == computed.to_integral_value(
        rounding="ROUND_FLOOR"
    ):
        hint = "（疑似按整数向下取整）"
    yield ctx.finding(
        "FUNDS_SCORE_MISMATCH",
        f"预算执行率得分应为 {fmt(computed)}{_score_formula(ctx)}，表中填 {ctx.form.funds.score.text}{hint}。",
        "funds.score",
    )


@rule(
    code="FUNDS_SCORE_ROUNDED",
    scored=True,
    severity=WARNING,
    family=FAMILY,
    title="执行率得分取整",
    checks="预算执行率得分按四舍五入取成了整数（与两位小数的结果相差不到 0.5 分）：按规则应保留两位小数，属地方习惯，请确认。",
    example="003 朗清园社区警务工作室…：执行率 98.86%，得分应为 9.89，表中填 10。",
)
def funds_score_rounded(ctx: Context) -> Iterator[Finding]:
    problem = _score_problem(ctx)
    if problem is None or not _is_integer_rounding(*problem):
        return
    declared, computed = problem
    yield ctx.finding(
        "FUNDS_SCORE_ROUNDED",
        f"预算执行率得分按两位小数应为 {fmt(computed)}{_score_formula(ctx)}，表中取整为 {fmt(declared)}。",
        "funds.score",
    )


@rule(
    code="FUNDS_WEIGHT_NOT_STANDARD",
    scored=True,
    severity=ERROR,
    family=FAMILY,
    title="执行率分值不符合评分规则",
    checks="年度资金总额行的分值（四川表为“权重”）是否等于评分规则规定的预算执行率分值（北京、财政部、四川 10 分，湖北 20 分）。",
    example="003 潞源个人违规电动三四轮车回收奖励资金：分值栏填 8.8（与得分相同）；003 潞源街道非经营性自建房安全专项整治排查项目：填 8.3。",
)
def funds_weight_not_standard(ctx: Context) -> Iterator[Finding]:
    declared = number(ctx.form.funds.weight)
    expected = ctx.policy.weights.execution
    if declared is None or declared == expected:
        return
    hint = ""
    if ctx.form.funds.score.text and number(ctx.form.funds.score) == declared:
        hint = "（与得分相同，疑似把得分填进了分值栏）"
    yield ctx.finding(
        "FUNDS_WEIGHT_NOT_STANDARD",
        f"预算执行率的分值应为 {fmt(expected)}，表中填 {ctx.form.funds.weight.text}{hint}。",
        "funds.weight",
    )


@rule(
    code="FUNDS_SOURCES_MISMATCH",
    severity=ERROR,
    family=FAMILY,
    title="资金来源合计不符",
    checks="当年财政拨款、上年结转资金、其他资金三行相加，是否逐列（年初预算数、全年预算数、全年执行数）等于年度资金总额行。",
    example="002 政管局党费返还留成党建经费：全年执行数 0.1081 + 0.2819 = 0.39，年度资金总额行填 0.38。",
)
def funds_sources_mismatch(ctx: Context) -> Iterator[Finding]:
    funds = ctx.form.funds
    for column in AMOUNT_COLUMNS:
        total_cell = getattr(funds.total, column)
        total = number(total_cell)
        if total is None:
            continue
        cells = [getattr(getattr(funds, row), column) for row in FUNDS_ROWS[1:]]
        filled = [c for c in cells if c.text and says_something(c)]
        if not filled:
            continue
        values = [number(c) for c in filled]
        if any(v is None for v in values):
            continue
        parts = [v for v in values if v is not None]
        written = min(decimals(c.text) for c in [total_cell, *filled])
        allowed = Decimal(1).scaleb(-written) / 2
        if abs(sum(parts, ZERO) - total) <= allowed:
            continue
        sum_text = " + ".join(c.text for c in filled)
        yield ctx.finding(
            "FUNDS_SOURCES_MISMATCH",
            f"{_COLUMN_NAMES[column]}：各资金来源相加 {sum_text} = {fmt(sum(parts, ZERO))}，"
            f"年度资金总额行填 {total_cell.text}，两者不符。",
            f"funds.total.{column}",
        )


def _zero_or_empty(text: str) -> bool:
    if not says_something(text):
        return True
    read = parse_number(text)
    return read is not None and read == 0


@rule(
    code="FUNDS_AMOUNT_EMPTY",
    severity=ERROR,
    family=FAMILY,
    title="资金金额漏填",
    checks="资金表同一行中，年初预算数、全年预算数、全年执行数有的填了、有的空着（整行为空或全为 0 的来源行不算；年度资金总额行完整且相符时，来源行的漏填见“资金来源行漏填”）。",
    example="003 通州区文明示范小区创建工作项目：年度资金总额行全年预算数 10、执行数 9.886，年初预算数空着。",
)
def funds_amount_empty(ctx: Context) -> Iterator[Finding]:
    yield from _amounts_empty(ctx, subrows=False)


def _total_row_sound(ctx: Context) -> bool:
    """The total row has all three amounts, readable, and the source rows that are filled
    agree with it: a gap in a source row below it loses nothing the review needs."""
    total = ctx.form.funds.total
    cells = [getattr(total, c) for c in AMOUNT_COLUMNS]
    if not all(says_something(c) and number(c) is not None for c in cells):
        return False
    return not any(funds_sources_mismatch(ctx))


def _amounts_empty(ctx: Context, *, subrows: bool) -> Iterator[Finding]:
    """Empty cells in a half-filled row: with `subrows`, only those in a source row under a
    sound total row (a warning); without, all the others (an error)."""
    sound = _total_row_sound(ctx)
    for row in FUNDS_ROWS:
        if subrows != (sound and row != "total"):
            continue
        cells = {c: getattr(getattr(ctx.form.funds, row), c) for c in AMOUNT_COLUMNS}
        if all(_zero_or_empty(cell.text) for cell in cells.values()):
            continue
        for column, cell in cells.items():
            if not says_something(cell):
                filled = "、".join(
                    f"{_COLUMN_NAMES[c]} {v.text}" for c, v in cells.items() if says_something(v)
                )
                yield ctx.finding(
                    "FUNDS_SUBROW_INCOMPLETE" if subrows else "FUNDS_AMOUNT_EMPTY",
                    f"{_ROW_NAMES[row]}行的{_COLUMN_NAMES[column]}没有填写，而同一行填了{filled}"
                    + ("；年度资金总额行完整且与各来源行相符，请补填。" if subrows else "。"),
                    f"funds.{row}.{column}",
                )


@rule(
    code="FUNDS_SUBROW_INCOMPLETE",
    severity=WARNING,
    family=FAMILY,
    title="资金来源行漏填",
    checks="年度资金总额行三项齐全、与各来源行相符时，某个资金来源行（当年财政拨款、上年结转资金、其他资金）有的金额填了、有的空着；执行率按总额行计算，不受影响。",
    example="003 医疗卫生能力提升及疾病预防控制经费项目：当年财政拨款行只填了年初预算数 190.21908，全年预算数、全年执行数空着；年度资金总额行三项齐全。",
)
def funds_subrow_incomplete(ctx: Context) -> Iterator[Finding]:
    yield from _amounts_empty(ctx, subrows=True)


@rule(
    code="FUNDS_EXECUTED_OVER_BUDGET",
    severity=WARNING,
    family=FAMILY,
    title="执行数大于预算数",
    checks="全年执行数是否超过全年预算数（执行率超过 100%）：得分按 100% 封顶，请核实是否超预算支出或填错。",
    example="（样例中没有）",
)
def funds_executed_over_budget(ctx: Context) -> Iterator[Finding]:
    inputs = _rate_inputs(ctx)
    if inputs is None or inputs[1] <= 0 or inputs[0] <= inputs[1]:
        return
    executed, budget = inputs
    yield ctx.finding(
        "FUNDS_EXECUTED_OVER_BUDGET",
        f"全年执行数 {money(executed)} 大于全年预算数 {money(budget)}（执行率 {pct(executed / budget)}），"
        "得分按 100% 封顶；请核实是否超预算支出。",
        "funds.total.executed",
    )


@rule(
    code="FUNDS_NOT_COMPUTABLE",
    severity=ERROR,
    family=FAMILY,
    title="执行率无法计算",
    checks="全年预算数为 0、未填或无法读取，执行率和执行率得分无法计算。",
    example="（样例中没有；002 决算说明中“比年初预算增加 0.29 万元，增加 49%”而预算为 0 属同类问题）",
)
def funds_not_computable(ctx: Context) -> Iterator[Finding]:
    if ctx.computed.execution_rate is not None:
        return
    funds = ctx.form.funds
    if not any(says_something(c) for _, _, c in funds_amounts(ctx.form)) and not funds.score.text:
        return  # no funds block at all: nothing to compute from
    why = ctx.computed.explanations.get("execution_rate", "全年预算数或全年执行数未填或无法读取。")
    yield ctx.finding(
        "FUNDS_NOT_COMPUTABLE",
        f"执行率无法计算：{why.removeprefix('无法计算：')}",
        f"funds.total.{ctx.policy.execution.base}",
    )


# --- numbers ----------------------------------------------------------------------------------


def _numeric_cells(ctx: Context) -> Iterator[str]:
    """Paths of every cell that must hold a number."""
    for row in FUNDS_ROWS:
        for column in (*AMOUNT_COLUMNS, "execution_rate"):
            yield f"funds.{row}.{column}"
    yield from ("funds.weight", "funds.execution_rate", "funds.score")
    for i, _ in indicator_rows(ctx.form):
        yield f"indicators.{i}.weight"
        yield f"indicators.{i}.score"
    yield from ("total_weight", "total_score")


@rule(
    code="NUMBER_MALFORMED",
    severity=ERROR,
    family=FAMILY,
    title="数字格式错误",
    checks="金额、执行率、分值、得分等应填数字的单元格，是否写成了无法读取的数字（多个小数点、数字后跟多余符号等）。",
    example="003 2023年第一批疫情防控资金：年初预算数“145.40556.6”；002 服装费：执行率“100%……”。",
)
def number_malformed(ctx: Context) -> Iterator[Finding]:
    for path in _numeric_cells(ctx):
        cell = declared_at(ctx.form, path)
        if cell is None or not cell.text or not is_malformed_number(cell.text):
            continue
        yield ctx.finding(
            "NUMBER_MALFORMED",
            f"{describe_path(ctx.form, path)}写作“{cell.text}”，不是一个有效的数字，请更正。",
            path,
        )


# --- weights and totals -----------------------------------------------------------------------


def _indicator_weights(ctx: Context) -> Decimal | None:
    """Σ indicator 分值 as the engine summed it (empty cells count 0; None if one is unreadable)."""
    return ctx.computed.indicator_weight


@rule(
    code="TOTAL_WEIGHT_NOT_STANDARD",
    scored=True,
    severity=ERROR,
    family=FAMILY,
    title="总分值不符合评分规则",
    checks="“总分”行的分值是否等于评分规则规定的总分（各内置规则均为 100，含预算执行率的分值）。",
    example="003 2023年第一批疫情防控资金：总分行分值填 1000；000 市民服务中心工作经费：填 90（未计入预算执行率 10 分）。",
)
def total_weight_not_standard(ctx: Context) -> Iterator[Finding]:
    declared = number(ctx.form.total_weight)
    expected = ctx.policy.weights.total
    if declared is None or declared == expected:
        return
    weights = _indicator_weights(ctx)
    hint = ""
    if weights is not None and declared == weights:
        hint = f"（只计了各指标分值 {fmt(declared)}，未计入预算执行率的 {fmt(ctx.policy.weights.execution)} 分）"
    yield ctx.finding(
        "TOTAL_WEIGHT_NOT_STANDARD",
        f"总分的分值应为 {fmt(expected)}，表中填 {ctx.form.total_weight.text}{hint}。",
        "total_weight",
    )


@rule(
    code="WEIGHTS_NOT_ADDING_UP",
    scored=True,
    severity=ERROR,
    family=FAMILY,
    title="各项分值之和不等于总分",
    checks="各三级指标的分值之和加上评分规则的预算执行率分值（北京、财政部、四川 10，湖北 20，决策/管理/绩效体系 0），是否等于总分（100）。",
    example="002 丰台区“十四五”规划课题经费：各指标分值之和 100，加执行率 10 分为 110；003 通州区文明示范小区创建工作项目：各指标分值之和 65，加 10 为 75。",
)
def weights_not_adding_up(ctx: Context) -> Iterator[Finding]:
    weights = _indicator_weights(ctx)
    if not weights:
        return
    exec_weight = ctx.policy.weights.execution
    total = weights + exec_weight
    if total == ctx.policy.weights.total:
        return
    should = ctx.policy.weights.total - exec_weight
    plus = f"，加预算执行率 {fmt(exec_weight)} 分共 {fmt(total)}" if exec_weight else ""
    yield ctx.finding(
        "WEIGHTS_NOT_ADDING_UP",
        f"各指标分值之和为 {fmt(weights)}{plus}，"
        f"应为 {fmt(ctx.policy.weights.total)}（各指标分值之和应为 {fmt(should)}）。",
        "total_weight",
    )


@rule(
    code="LEVEL1_SPLIT_NOT_DEFAULT",
    scored=True,
    severity=WARNING,
    family=FAMILY,
    title="一级指标分值非默认分配",
    checks="各类指标的分值是否为评分规则的默认分配：北京、财政部、四川按一级指标 产出 / 效益 / 满意度 50 / 30 / 10，湖北按年度绩效目标1 / 2 各 40，决策/管理/绩效体系按共性指标 30 / 个性指标 70；特殊情况可调整，所以只提醒核实。",
    example="003 统计所经费：产出 70、效益 20、满意度 0。",
)
def level1_split_not_default(ctx: Context) -> Iterator[Finding]:
    sums = ctx.computed.level1_weights  # Σ 分值 per level-1 group, as the engine summed them
    if not sums:
        return
    default = ctx.policy.weights.level1
    if not default:
        return  # the policy sets no default split (四川)
    actual = {name: sums.get(name, ZERO) for name in default}
    others = {k: v for k, v in sums.items() if k not in default}
    if actual == dict(default) and not others:
        return
    split = "、".join(f"{k} {fmt(v)}" for k, v in {**actual, **others}.items())
    want = " / ".join(fmt(v) for v in default.values())
    yield ctx.finding(
        "LEVEL1_SPLIT_NOT_DEFAULT",
        f"一级指标分值为 {split}，默认分配为 {'、'.join(default)} {want}；特殊情况可以调整，请确认。",
        "indicators",
    )


@rule(
    code="STATED_SUBTOTAL_MISMATCH",
    scored=True,
    severity=ERROR,
    family=FAMILY,
    title="标注的小计与明细不符",
    checks="指标名称中标注的分值（如“产出指标（50分）”）是否等于其下各三级指标分值之和。",
    example="000 市民服务中心工作经费标注 绩效指标 90、产出指标 50、效益指标 30、满意度指标 10，与明细相符（无问题）。",
)
def stated_subtotal_mismatch(ctx: Context) -> Iterator[Finding]:
    for key, cell in ctx.form.stated_weights.items():
        stated = number(cell)
        if stated is None:
            continue
        rows = [
            ind
            for _, ind in indicator_rows(ctx.form)
            if key == "绩效指标" or key in (ind.level1, ind.level2)
        ]
        if not rows:
            continue
        values = [number(ind.weight) for ind in rows if ind.weight.text]
        if any(v is None for v in values):
            continue
        total = sum((v for v in values if v is not None), ZERO)
        if total != stated:
            yield ctx.finding(
                "STATED_SUBTOTAL_MISMATCH",
                f"“{key}”标注 {cell.text} 分，其下各指标分值之和为 {fmt(total)}。",
                f"stated_weights.{key}",
            )


def _declared_scores(ctx: Context) -> tuple[Decimal, Decimal, str] | None:
    """(funds score, Σ indicator scores, where the funds score came from)."""
    funds = number(ctx.form.funds.score)
    source = "预算执行率得分"
    if funds is None:
        if ctx.computed.funds_score is None:
            return None
        funds, source = ctx.computed.funds_score, "预算执行率得分（按计算值）"
    total = ZERO
    for _, ind in indicator_rows(ctx.form):
        if not ind.score.text:
            continue
        value = number(ind.score)
        if value is None:
            return None
        total += value
    return funds, total, source


@rule(
    code="TOTAL_SCORE_MISMATCH",
    scored=True,
    severity=ERROR,
    family=FAMILY,
    title="总分与各项得分之和不符",
    checks="“总分”行的得分是否等于预算执行率得分加各三级指标得分之和（允许评分规则中的误差，默认 0.05 分）；不符时“应为”的分数即计算列的计算总分。",
    example="002 政管局党费返还留成党建经费：表中总分 95，7.6 + 85 = 92.6；000 市民服务中心工作经费：表中 90，漏了预算执行率得分 9.97。",
)
def total_score_mismatch(ctx: Context) -> Iterator[Finding]:
    declared = number(ctx.form.total_score)
    parts = _declared_scores(ctx)
    if declared is None or parts is None:
        return
    funds, indicators, source = parts
    total = funds + indicators
    if abs(declared - total) <= ctx.policy.rounding.tolerance:
        return
    hint = ""
    if declared == indicators:
        hint = "（漏了预算执行率得分）"
    elif declared > ctx.policy.weights.total:
        hint = f"（超过了满分 {fmt(ctx.policy.weights.total)}）"
    written = (
        f"表中各项得分相加为 {source} {fmt(funds)} + 各指标得分 {fmt(indicators)} = {fmt(total)}，"
        f"表中填 {ctx.form.total_score.text}{hint}"
    )
    computed = ctx.computed.total_score
    if computed is None:
        message = f"{written}，两者不符。"
    else:  # the figure the computed column shows, the one computation behind both
        message = f"总分应为 {fmt(computed)}（计算总分，怎么算的见计算列）；{written}。"
    yield ctx.finding("TOTAL_SCORE_MISMATCH", message, "total_score")


@rule(
    code="TOTAL_SCORE_CAPPED",
    scored=True,
    severity=WARNING,
    family=FAMILY,
    title="计算总分超过满分",
    checks="按评分规则算出的总分是否超过满分（weights.max_total，默认 100）：超过时计算总分按满分封顶，多半是各指标分值之和超过了规定。",
    example="002 丰台区“十四五”规划课题经费：各指标分值之和 100，加预算执行率共 110；算得 10 + 95 = 105，按满分封顶为 100。",
)
def total_score_capped(ctx: Context) -> Iterator[Finding]:
    uncapped, total = ctx.computed.total_uncapped, ctx.computed.total_score
    if uncapped is None or total is None:
        return
    yield ctx.finding(
        "TOTAL_SCORE_CAPPED",
        f"按评分规则算得总分 {fmt(uncapped)}，超过满分 {fmt(total)}，计算总分按 {fmt(total)} 计；"
        "请核对各指标分值之和。",
        "total_score",
    )


# --- scores against weights -------------------------------------------------------------------


@rule(
    code="SCORE_ABOVE_WEIGHT",
    scored=True,
    severity=ERROR,
    family=FAMILY,
    title="得分超过分值",
    checks="每个三级指标（以及预算执行率）的得分是否超过了它的分值。",
    example="（样例中未见单项超分；004 公共服务经费总分 1000 超过满分由“总分与各项得分之和不符”报告）",
)
def score_above_weight(ctx: Context) -> Iterator[Finding]:
    funds_weight, funds_score = number(ctx.form.funds.weight), number(ctx.form.funds.score)
    if funds_weight is not None and funds_score is not None and funds_score > funds_weight:
        yield ctx.finding(
            "SCORE_ABOVE_WEIGHT",
            f"预算执行率得分 {fmt(funds_score)} 超过了分值 {fmt(funds_weight)}。",
            "funds.score",
        )
    for i, ind in indicator_rows(ctx.form):
        weight, score = number(ind.weight), number(ind.score)
        if weight is not None and score is not None and score > weight:
            yield ctx.finding(
                "SCORE_ABOVE_WEIGHT",
                f"得分 {fmt(score)} 超过了分值 {fmt(weight)}。",
                f"indicators.{i}.score",
            )


def _has_deviation_column(ctx: Context) -> bool:
    """Whether the form has a 偏差原因 column at all: a form read from a file whose indicator
    rows have no deviation cell (决策/管理/绩效 forms) cannot be asked to fill one."""
    rows = ctx.form.indicators
    if any(ind.deviation.loc is not None or ind.deviation.text for ind in rows):
        return True
    return not any(ind.name.loc is not None for ind in rows)


@rule(
    code="SCORE_BELOW_WEIGHT_NO_REASON",
    scored=True,
    severity=ERROR,
    family=FAMILY,
    title="扣分未说明原因",
    checks="三级指标得分低于分值（扣了分）时，“偏差原因分析及改进措施”是否填写（财预〔2020〕10号：未完成目标须分析原因、提出改进措施）。",
    example="002 政管办日常办公经费：服务对象满意度指标得 9 分（分值 10），偏差原因栏空白。",
)
def score_below_weight_no_reason(ctx: Context) -> Iterator[Finding]:
    if not _has_deviation_column(ctx):
        return
    for i, ind in indicator_rows(ctx.form):
        weight, score = number(ind.weight), number(ind.score)
        if weight is None or score is None or score >= weight:
            continue
        if says_something(ind.deviation):
            continue
        yield ctx.finding(
            "SCORE_BELOW_WEIGHT_NO_REASON",
            f"得分 {fmt(score)} 低于分值 {fmt(weight)}，扣了 {fmt(weight - score)} 分，但偏差原因分析及改进措施栏没有填写。",
            f"indicators.{i}.deviation",
        )


# --- values that cannot be compared -----------------------------------------------------------


def _incomparable(ctx: Context) -> Iterator[tuple[int, str, str]]:
    """(row, kind, message) for numeric actuals that cannot be set against their numeric target.
    kind is "rate" when the actual is a completion percentage against a count, else "other"."""
    for i, ind in indicator_rows(ctx.form):
        c = computed_at(ctx.computed, i)
        target, actual = c.target, c.actual
        if target is None or actual is None or c.clauses:
            continue
        if not (target.clauses and actual.clauses) or actual.kind is not Kind.NUMBER:
            continue
        t_units = {q.unit for q in target.clauses}
        where = "（年度指标值取自指标名称）" if c.target_from_name else ""
        if is_bare_percent(actual) and "%" not in t_units:
            yield (
                i,
                "rate",
                f"年度指标值“{target.text}”{where}是数量，实际完成值却填了完成比例“{actual.text}”，"
                "无法核对实际完成的数量。",
            )
            continue
        yield (
            i,
            "other",
            f"年度指标值“{target.text}”{where}与实际完成值“{actual.text}”的单位或口径不同，无法比较"
            + (f"，却得了 {ind.score.text} 分（分值 {ind.weight.text}）" if ind.score.text else "")
            + "。",
        )


@rule(
    code="VALUE_INCOMPARABLE",
    severity=ERROR,
    family=FAMILY,
    title="实际值与目标值无法比较",
    checks="年度指标值和实际完成值都是数字，但单位或口径不同（如目标是百分比、实际是一个数），无法判断是否完成。",
    example="003 2023年城乡基层党组织服务群众经费（区级、市级资金）：满意度目标“90%”，实际“5”，得 5 分；002 政管办区政府网站内容检查及信息公开专栏维护费：社会效益指标目标“100%”，实际“10”。",
)
def value_incomparable(ctx: Context) -> Iterator[Finding]:
    for i, kind, message in _incomparable(ctx):
        if kind == "other":
            yield ctx.finding("VALUE_INCOMPARABLE", message, f"indicators.{i}.actual")


@rule(
    code="VALUE_RATE_FOR_COUNT",
    severity=WARNING,
    family=FAMILY,
    title="以完成比例代替实际数量",
    checks="年度指标值是一个数量（如“5个科室”），实际完成值只写了完成比例（如“100%”），请补填实际完成的数量。",
    example="002 政务服务管理办机构运转经费：数量指标目标“5个科室”，实际“100%”。",
)
def value_rate_for_count(ctx: Context) -> Iterator[Finding]:
    for i, kind, message in _incomparable(ctx):
        if kind == "rate":
            yield ctx.finding("VALUE_RATE_FOR_COUNT", message, f"indicators.{i}.actual")
