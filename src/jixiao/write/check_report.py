"""`jixiao check` in a terminal: per form, declared beside computed, then the findings."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from jixiao.model.finding import Severity
from jixiao.scoring.engine import fmt, pct
from jixiao.scoring.policy import Policy
from jixiao.services.check import CheckedForm, CheckResult
from jixiao.values import parse_number, parse_rate

COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, colour: str, on: bool) -> str:
    return f"\033[{colour}m{text}\033[0m" if on else text


def print_check(result: CheckResult, out: TextIO) -> None:
    colour = out.isatty() if hasattr(out, "isatty") else False
    for checked in result.forms:
        _print_form(checked, result.policy_of(checked), out, colour)
    totals = dict.fromkeys(Severity, 0)
    for checked in result.forms:
        for severity, n in checked.counts().items():
            totals[severity] += n
    clean = sum(1 for c in result.forms if not c.counts()[Severity.ERROR])
    used = [result.policies[n] for n in sorted(result.policies)] or [result.policy]
    rules = "、".join(p.title for p in used)
    if result.by_layout and [p.name for p in used] != [result.policy.name]:
        rules = f"按表样选择：{rules}"
    print(
        f"共 {len(result.forms)} 张自评表（评分规则：{rules}）：{clean} 张没有错误；"
        f"发现 错误 {totals[Severity.ERROR]} 条、警告 {totals[Severity.WARNING]} 条、"
        f"提示 {totals[Severity.INFO]} 条",
        file=out,
    )
    for error in result.errors:
        print(f"  未读出：{error.message}", file=out)


def _print_form(checked: CheckedForm, policy: Policy, out: TextIO, colour: bool) -> None:
    form, computed = checked.form, checked.computed
    name = Path(form.source.file).name
    print(
        f"■ {form.project_name.text or '（无项目名称）'}（{form.year or '—'}年度）  {name} #{form.source.index}",
        file=out,
    )
    layout = getattr(form, "layout", "")
    if (layout and layout != "beijing") or policy.name != "beijing":
        print(f"    表样：{layout or '未识别'}  评分规则：{policy.title}", file=out)
    rows = [
        ("执行率", form.funds.execution_rate.text, pct(computed.execution_rate)),
        ("执行得分", form.funds.score.text, fmt(computed.funds_score)),
        ("总分值", form.total_weight.text, fmt(computed.total_weight)),
        ("总分", form.total_score.text, fmt(computed.total_score)),
        ("等级", "", computed.grade or "—"),
    ]
    print(f"    {'':8}{'填报':>12}{'计算':>12}", file=out)
    for label, declared, value in rows:
        mark = (
            _paint(" ≠", COLOURS[Severity.ERROR], colour)
            if _differs(label, declared, value, policy)
            else ""
        )
        print(f"    {_pad(label, 8)}{declared or '—':>12}{value:>12}{mark}", file=out)
    counts = checked.counts()
    print(
        f"    发现：错误 {counts[Severity.ERROR]}，警告 {counts[Severity.WARNING]}，提示 {counts[Severity.INFO]}",
        file=out,
    )
    for finding in sorted(checked.findings, key=lambda f: -f.severity.rank):
        tag = _paint(f"[{finding.severity.label}]", COLOURS[finding.severity], colour)
        print(f"    {tag} {finding.message}", file=out)
        print(f"           位置：{finding.location}  规则：{finding.code}", file=out)
    print(file=out)


def _differs(label: str, declared: str, computed: str, policy: Policy) -> bool:
    """Whether a declared figure and the computed one differ beyond the policy's tolerance."""
    if label == "执行率":
        a, b = parse_rate(declared), parse_rate(computed)
        tolerance = policy.rounding.rate_tolerance
    elif label == "等级":
        return False
    else:
        a, b = parse_number(declared), parse_number(computed)
        tolerance = policy.rounding.tolerance
    return a is not None and b is not None and abs(a - b) > tolerance


def _pad(text: str, width: int) -> str:
    wide = sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
    return text + " " * max(0, width - wide)
