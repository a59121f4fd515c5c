"""The department evaluation as plain text: what `jixiao report` prints in a terminal."""

from __future__ import annotations

from typing import TextIO

from jixiao.department.evaluation import DepartmentEvaluation, money, percent
from jixiao.model.finding import Severity


def print_summary(ev: DepartmentEvaluation, out: TextIO) -> None:
    def line(text: str = "") -> None:
        print(text, file=out)

    line(f"{ev.title}（评分规则：{ev.policy.title}）")
    line(f"项目自评表 {ev.count} 份")
    line(
        f"  全年预算数合计 {money(ev.total_budget.value)}，执行数合计 {money(ev.total_executed.value)}"
    )
    line(f"  加权执行率 {percent(ev.weighted_rate.value)}：{ev.weighted_rate.explanation}")
    line(f"  执行率简单平均 {percent(ev.mean_rate.value)}")
    for label, stats in (("填报总分", ev.declared_scores), ("计算总分", ev.computed_scores)):
        line(
            f"  {label}：平均 {money(stats.mean.value)}，最低 {money(stats.minimum.value)}，"
            f"最高 {money(stats.maximum.value)}，中位数 {money(stats.median.value)}"
        )
    line("  等级（按计算总分）：" + "、".join(f"{k} {v}" for k, v in ev.grades.items()))
    line("  审核发现：" + "、".join(f"{s.label} {ev.findings[s]}" for s in Severity))
    for rule in ev.rules[:5]:
        line(
            f"    {rule.severity.label} {rule.title}：{rule.count} 项，{len(rule.projects)} 个项目"
        )
    line("部门数据")
    for label, number in (
        ("预算执行率", ev.execution_rate),
        ("结转结余率", ev.balance_rate),
        ("结转结余变动率", ev.balance_change_rate),
        ("预决算差异率", ev.difference_rate),
    ):
        value = percent(number.value) if number.value is not None else "—"
        line(f"  {label} {value}：{number.explanation}")
    line("整体得分")
    for c in ev.components:
        line(f"  {c.name}（{money(c.weight)} 分）{money(c.score.value)}：{c.score.explanation}")
    if ev.score.value is None:
        line(f"  {ev.score.explanation}")
    else:
        line(f"  合计 {money(ev.score.value)} 分，等级“{ev.grade}”")
    for note in ev.notes:
        line(f"注：{note}")
