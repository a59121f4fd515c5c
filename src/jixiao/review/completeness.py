"""Rules on what a form must carry at all: its header, its indicators with their weights, the total
row of the funds block, and the figures the form declares. A form filled offline (the Excel
template, a hand-made sheet) can lack any of them; the other rules then have nothing to compare
and would stay silent, so these say it."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model.finding import Finding, Severity
from jixiao.review.common import fmt, indicator_rows, pct
from jixiao.review.registry import Context, rule, short

ERROR = Severity.ERROR
WARNING = Severity.WARNING
FAMILY = "completeness"

HEADER = (
    ("project_name", "项目名称"),
    ("department", "主管部门"),
    ("implementing_unit", "实施单位"),
)


@rule(
    code="HEADER_FIELD_MISSING",
    severity=ERROR,
    family=FAMILY,
    title="表头项目未填",
    checks="项目名称、主管部门、实施单位和年度是否都已填写：缺了其中一项，这张表就无法归属和公开。",
    example="填报模板中项目名称一栏留空；或表头写成“（  年度）”没有年份。",
)
def header_field_missing(ctx: Context) -> Iterator[Finding]:
    for field, label in HEADER:
        if not getattr(ctx.form, field).text.strip():
            yield ctx.finding("HEADER_FIELD_MISSING", f"{label}未填写。", field)
    if ctx.form.year is None:
        yield ctx.finding(
            "HEADER_FIELD_MISSING", "年度未填写（表头应为“（2023年度）”之类）。", "year"
        )


@rule(
    code="NO_INDICATORS",
    severity=ERROR,
    family=FAMILY,
    title="没有绩效指标",
    checks="绩效指标表中是否至少有一行填了目标、实际、分值或得分：没有指标，就谈不上绩效自评。",
    example="填报模板中绩效指标各行全部留空，或删去了指标表头，读出的表没有任何指标。",
)
def no_indicators(ctx: Context) -> Iterator[Finding]:
    if next(indicator_rows(ctx.form), None) is None:
        yield ctx.finding(
            "NO_INDICATORS",
            "绩效指标表中没有填写任何指标（目标、实际、分值、得分都为空）。",
            "indicators",
        )


@rule(
    code="INDICATOR_WEIGHT_MISSING",
    scored=True,
    severity=ERROR,
    family=FAMILY,
    title="指标没有分值",
    checks="填了年度指标值、实际完成值或得分的三级指标，分值是否也已填写：没有分值就无法评分，总分也对不上。",
    example="填报模板中某行写了指标名称、目标和实际，分值一栏留空。",
)
def indicator_weight_missing(ctx: Context) -> Iterator[Finding]:
    for i, ind in indicator_rows(ctx.form):
        if not ind.weight.text.strip():
            name = f"“{short(ind.name.text, 20)}”" if ind.name.text.strip() else ""
            yield ctx.finding(
                "INDICATOR_WEIGHT_MISSING",
                f"第{i + 1}行指标{name}没有填写分值，无法评分。",
                f"indicators.{i}.weight",
            )


@rule(
    code="FUNDS_TOTAL_ROW_MISSING",
    severity=WARNING,
    family=FAMILY,
    title="年度资金总额行未填",
    checks="资金表“年度资金总额”一行的预算数和执行数是否已填写；未填时 jixiao 按评分规则改用各资金来源行的合计计算执行率，但表本身是不完整的。",
    example="填报模板中删去了“年度资金总额”一行，只填了当年财政拨款。",
)
def funds_total_row_missing(ctx: Context) -> Iterator[Finding]:
    total = ctx.form.funds.total
    base = getattr(total, ctx.policy.execution.base)
    if base.text.strip() and total.executed.text.strip():
        return
    if ctx.computed.execution_rate is None:
        return  # nothing to compute from at all: the arithmetic rules say so
    yield ctx.finding(
        "FUNDS_TOTAL_ROW_MISSING",
        "“年度资金总额”一行的预算数或执行数未填写；执行率已按各资金来源行的合计计算"
        f"（{pct(ctx.computed.execution_rate)}），请补填总额行。",
        f"funds.total.{ctx.policy.execution.base}"
        if not base.text.strip()
        else "funds.total.executed",
    )


@rule(
    code="DECLARED_RESULT_MISSING",
    severity=WARNING,
    family=FAMILY,
    title="执行率、得分或总分未填",
    checks="表中是否填写了执行率、资金执行得分和总分：这些是自评的结论，公开的表必须有；jixiao 能算出时给出应填的值。"
    "（用 Excel 填报模板时，这几格由公式算出，只有在 Excel、WPS 或 LibreOffice 中打开并保存后才有值。）",
    example="用程序填写的填报模板没有在办公软件中保存，公式单元格没有计算结果。",
)
def declared_result_missing(ctx: Context) -> Iterator[Finding]:
    form, computed = ctx.form, ctx.computed
    wanted = (
        (form.funds.execution_rate.text, computed.execution_rate, "执行率", "funds.execution_rate"),
        (form.funds.score.text, computed.funds_score, "资金执行得分", "funds.score"),
        (form.total_score.text, computed.total_score, "总分", "total_score"),
    )
    for declared, value, label, path in wanted:
        if declared.strip() or value is None:
            continue
        if path == "funds.score" and not ctx.policy.weights.execution:
            continue  # 决策/管理/绩效: the funds block carries no score of its own
        shown = pct(value) if path == "funds.execution_rate" else fmt(value)
        yield ctx.finding(
            "DECLARED_RESULT_MISSING", f"表中没有填写{label}；按表中数据应为 {shown}。", path
        )
