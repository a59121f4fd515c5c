"""Rules on forms rebuilt from text whose table was lost (see `jixiao.extract.flat`): the
reviewer is told the rows were rebuilt from labels and order, and where text could not be placed
and the value was left empty."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.extract.flat import is_rebuilt
from jixiao.model.finding import Finding, Severity
from jixiao.review.common import fmt, number
from jixiao.review.registry import Context, rule

FAMILY = "completeness"  # what the form carries, as far as its text could be placed


@rule(
    code="FLAT_TEXT_REBUILT",
    severity=Severity.INFO,
    family=FAMILY,
    title="表格由文字重建",
    checks="文件中没有表格线（无框线的 PDF、从网页复制的文字、一格一行或以空格分隔的文字）时，"
    "系统按标签和各部分的顺序把文字重新排成表格；各值的位置请对照原件核对。",
    example="从网页复制粘贴成 .txt 的自评表，每个单元格一行，按“项目名称”“年度资金总额”“三级指标”等标签重建。",
)
def flat_text_rebuilt(ctx: Context) -> Iterator[Finding]:
    if is_rebuilt(ctx.form):
        yield ctx.finding(
            "FLAT_TEXT_REBUILT",
            "文件中没有表格结构，本表按标签和顺序由文字重建，请对照原件核对各值的位置。",
        )


@rule(
    code="FLAT_TEXT_UNPLACED",
    severity=Severity.WARNING,
    family=FAMILY,
    title="文字无法放入表格",
    checks="由文字重建的表中，按标签和顺序无法确定位置的内容留空而不猜测：资金总额一行的全年预算数或执行数、"
    "有总额时当年财政拨款一行的金额、年度总体目标，以及分值合计少于总分（有指标行的文字无法按列分开，未放入）。"
    "请对照原件补填。",
    example="以空格分隔的文字中“其中：当年财政拨款 307800 307800 306852.55 —”少了一个数，"
    "无法确定哪一列空着，该行留空。",
)
def flat_text_unplaced(ctx: Context) -> Iterator[Finding]:
    form = ctx.form
    if not is_rebuilt(form):
        return
    total = form.funds.total
    for field, label in (("annual_budget", "全年预算数（A）"), ("executed", "全年执行数（B）")):
        if not getattr(total, field).text.strip():
            yield ctx.finding(
                "FLAT_TEXT_UNPLACED",
                f"年度资金总额的{label}无法从文字中确定位置，已留空，请对照原件填写。",
                f"funds.total.{field}",
            )
    appropriation = form.funds.appropriation
    amounts = (appropriation.initial_budget, appropriation.annual_budget, appropriation.executed)
    if total.annual_budget.text.strip() and not any(a.text.strip() for a in amounts):
        yield ctx.finding(
            "FLAT_TEXT_UNPLACED",
            "“其中：当年财政拨款”一行没有读出金额：文字中的数比列少、无法确定各在哪一列时留空，"
            "请对照原件填写。",
            "funds.appropriation.annual_budget",
        )
    if not (form.goals.expected.text.strip() or form.goals.achieved.text.strip()):
        yield ctx.finding(
            "FLAT_TEXT_UNPLACED",
            "年度总体目标的预期目标和实际完成情况无法从文字中分开，已留空，请对照原件填写。",
            "goals.expected",
        )
    declared_total = number(form.total_weight)
    if declared_total is None:
        return
    weights = [number(i.weight) for i in form.indicators]
    funds_weight = number(form.funds.weight) or Decimal(0)
    placed = sum((w for w in weights if w is not None), Decimal(0)) + funds_weight
    if placed < declared_total:
        yield ctx.finding(
            "FLAT_TEXT_UNPLACED",
            f"读出的指标分值与资金分值合计 {fmt(placed)}，少于总分 {fmt(declared_total)}："
            "有指标行的文字无法按列分开，未放入表中，请对照原件补填。",
            "indicators",
        )
