"""The 绩效运行监控表's review: its warning light and findings (domain.md §13, 财预〔2019〕136号).

`review_monitoring(m, policy)` computes the execution rate to date from the table's own money
(1–N月执行数 ÷ 全年预算数, the declared rate kept apart and compared), holds it to the policy's
warning line for the period, compares it with how far the count indicators have come, reads each
indicator's 完成目标可能性, and lights the project 红 / 黄 / 绿 by the rule written in
docs/policies.md ("运行监控的红黄绿灯"). Every finding has a stable code in the catalogue
(family "monitoring") and a location in words a clerk can follow.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from jixiao.extract.monitoring import monitoring_vocabulary
from jixiao.model.finding import Finding, Severity
from jixiao.model.form import Declared
from jixiao.model.monitoring import DEVIATION_CAUSES, LIKELIHOODS, MonitoringForm
from jixiao.review.common import fmt, number, pct, rate, says_something
from jixiao.review.registry import RULES, declared_at, document_rule, short
from jixiao.scoring.engine import REVERSE_WORDS
from jixiao.scoring.policy import Policy
from jixiao.values import compare, parse_value
from jixiao.values.model import Comparator

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
FAMILY = "monitoring"
DOCUMENT = "monitoring"
CERTAIN, POSSIBLE, IMPOSSIBLE = LIKELIHOODS  # 确定能, 有可能, 完全不可能
LIGHTS = ("red", "yellow", "green")
LIGHT_NAMES = {"red": "红灯", "yellow": "黄灯", "green": "绿灯"}
HUNDRED = Decimal(100)
ONE = Decimal(1)

_PERIOD = re.compile(r"(\d{1,2})\s*[-—–~～至到]\s*(\d{1,2})\s*月")
_UNTIL = re.compile(r"截[至止]\s*(\d{1,2})\s*月")


def months_covered(period: str, default: int) -> int:
    """The last month a table covers: "1-7月" → 7, "截至6月底" → 6; ``default`` when unreadable."""
    text = unicodedata.normalize("NFKC", period)
    match = _PERIOD.search(text)
    if match and 1 <= int(match.group(2)) <= 12:
        return int(match.group(2))
    match = _UNTIL.search(text)
    if match and 1 <= int(match.group(1)) <= 12:
        return int(match.group(1))
    return default


def likelihood_of(value: Declared) -> str | None:
    """确定能 / 有可能 / 完全不可能 as the table answers it; None when it says none of them."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", value.text))
    for answer in (IMPOSSIBLE, POSSIBLE, CERTAIN):  # 完全不可能 before 有可能's "可能"
        if text == answer or text.startswith(answer):
            return answer
    if text in ("不可能", "不能"):
        return IMPOSSIBLE
    if text in ("可能", "基本能", "较难"):
        return POSSIBLE
    if text in ("能", "确定", "可以"):
        return CERTAIN
    return None


def causes_of(value: Declared) -> list[str]:
    """The 偏差原因 categories (经费 / 制度 / 人员 / 硬件 / 其他, `DEVIATION_CAUSES`) a cause names,
    by the words of labels.toml's ``[monitoring.causes]``; a cause that names none is 其他; []
    when the cell says nothing."""
    if not says_something(value):
        return []
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", value.text))
    named = {cause for word, cause in monitoring_vocabulary().causes.items() if word in text}
    return [c for c in DEVIATION_CAUSES if c in named] or ["其他"]


# --- where a finding is ---------------------------------------------------------------------

_FUNDS = {
    "annual_budget": "全年预算数",
    "executed": "执行数",
    "execution_rate": "执行率",
    "forecast": "全年预计执行数",
    "reason": "偏差原因分析",
}
_INDICATOR = {
    "name": "三级指标",
    "target": "年度指标值",
    "actual": "实际完成值",
    "forecast": "全年预计完成值",
    "likelihood": "完成目标可能性",
    "cause": "偏差原因",
    "measures": "纠偏措施",
    "needs_rectification": "是否需要整改",
}
_HEADER = {
    "project_name": "表头·项目名称",
    "department": "表头·主管部门",
    "implementing_unit": "表头·实施单位",
    "period": "表头·监控期间",
    "annual_goal": "年度总体目标",
    "progress": "目标完成情况",
    "rectification": "整改要求",
    "indicators": "绩效指标表",
}


def indicator_title(m: MonitoringForm, index: int) -> str:
    """“绩效指标第2行（数量指标·65岁及以上老年人健康…）”."""
    ind = m.indicators[index]
    what = "·".join(p for p in (ind.level2 or ind.level1, short(ind.name.text)) if p)
    return f"绩效指标第{index + 1}行" + (f"（{what}）" if what else "")


def describe_path(m: MonitoringForm, path: str) -> str:
    """A dotted path into the 监控表 in words: "资金·1-7月执行数", "绩效指标第1行（…）·完成目标可能性"."""
    period = m.period.text
    parts = path.split(".") if path else []
    if not parts:
        return "整张监控表"
    if parts[0] == "funds" and len(parts) == 2:
        words = _FUNDS.get(parts[1], parts[1])
        if parts[1] in ("executed", "execution_rate") and period:
            words = f"{period}{words}"
        return f"资金·{words}"
    if parts[0] == "indicators" and len(parts) >= 2 and parts[1].isdigit():
        index = int(parts[1])
        if index >= len(m.indicators):
            return f"绩效指标第{index + 1}行"
        words = _INDICATOR.get(parts[2], parts[2]) if len(parts) > 2 else ""
        if len(parts) > 2 and parts[2] == "actual" and period:
            words = f"{period}{words}"
        return indicator_title(m, index) + (f"·{words}" if words else "")
    return _HEADER.get(path, path)


def location(m: MonitoringForm, path: str) -> str:
    words = describe_path(m, path)
    declared = declared_at(m, path)  # type: ignore[arg-type]  # any declared document
    if declared is not None and declared.loc is not None:
        return f"{words}，{declared.loc.describe()}"
    return words


# --- what the rules share -------------------------------------------------------------------


@dataclass
class MonitoringResult:
    """What jixiao works out for one 监控表: its light and why, the computed rates, the findings."""

    light: str  # "red" | "yellow" | "green"
    findings: list[Finding]
    execution_rate: Decimal | None  # 执行数 ÷ 全年预算数, computed (the declared one is apart)
    month: int  # the last month the table covers
    threshold: Decimal | None  # the warning line for that month (None before the first one)
    threshold_month: int | None  # the month-end the line belongs to
    completion: Decimal | None  # mean completion of the count indicators, capped at 1 each
    reasons: list[str] = field(default_factory=list)  # why the light, in Chinese

    @property
    def light_name(self) -> str:
        return LIGHT_NAMES[self.light]

    def to_json_dict(self) -> dict[str, Any]:
        """What a stored 监控表's "computed" keeps: numbers as text, like the form's."""
        return {
            "light": self.light,
            "execution_rate": None if self.execution_rate is None else str(self.execution_rate),
            "month": self.month,
            "threshold": None if self.threshold is None else str(self.threshold),
            "threshold_month": self.threshold_month,
            "completion": None if self.completion is None else str(self.completion),
            "reasons": list(self.reasons),
        }


@dataclass
class Facts:
    """The numbers every rule reads, computed once."""

    m: MonitoringForm
    policy: Policy
    rate: Decimal | None
    month: int
    threshold: tuple[int, Decimal] | None
    completions: list[tuple[int, Decimal]]  # (indicator index, actual ÷ target, capped at 1)

    @property
    def completion(self) -> Decimal | None:
        if not self.completions:
            return None
        mean = sum((c for _, c in self.completions), Decimal(0)) / len(self.completions)
        return mean.quantize(Decimal("0.0001"))

    def finding(self, code: str, message: str, path: str = "") -> Finding:
        found = RULES[code]
        return Finding(
            code=code,
            severity=found.severity,
            message=message,
            location=location(self.m, path),
            path=path,
        )


def execution_rate(m: MonitoringForm) -> Decimal | None:
    """执行数 ÷ 全年预算数 of the table, both as declared in the one unit its header names (no
    conversion is needed for a ratio); None when either is missing or the budget is 0."""
    budget, executed = number(m.funds.annual_budget), number(m.funds.executed)
    if budget is None or executed is None or budget <= 0:
        return None
    return executed / budget


def completion_of(target: str, actual: str, name: str = "") -> Decimal | None:
    """How far a count indicator has come: actual ÷ target (at most 1) for a 正向 target that is
    a number of things (人, 次, 个 …, not a rate in %); None for any other indicator."""
    found = compare(parse_value(target), parse_value(actual))
    if found is None:
        return None
    t, a = found
    if t.comparator not in (Comparator.GE, Comparator.GT, Comparator.NONE, Comparator.EQ):
        return None
    if t.unit == "%" or t.number <= 0 or any(w in name for w in REVERSE_WORDS):
        return None
    return min(a.number / t.number, ONE)


def _facts(m: MonitoringForm, policy: Policy) -> Facts:
    month = months_covered(m.period.text, policy.monitoring.months)
    completions = []
    for i, ind in enumerate(m.indicators):
        share = completion_of(ind.target.text, ind.actual.text, ind.name.text)
        if share is not None:
            completions.append((i, share))
    return Facts(
        m=m,
        policy=policy,
        rate=execution_rate(m),
        month=month,
        threshold=policy.monitoring.threshold(month),
        completions=completions,
    )


def _points(value: Decimal) -> str:
    """A difference of two rates in percentage points: 0.192 → "19.20"."""
    return fmt((value * HUNDRED).quantize(Decimal("0.01")))


_CHECKS: list[tuple[str, Callable[[Facts], Iterator[Finding]]]] = []


def monitoring_rule(
    *, code: str, severity: Severity, title: str, checks: str, example: str
) -> Callable[[Callable[[Facts], Iterator[Finding]]], Callable[[Facts], Iterator[Finding]]]:
    """A rule of the 监控表: in the catalogue (family "monitoring") and run by review_monitoring."""

    def decorate(
        func: Callable[[Facts], Iterator[Finding]],
    ) -> Callable[[Facts], Iterator[Finding]]:
        document_rule(
            code=code,
            severity=severity,
            family=FAMILY,
            title=title,
            checks=checks,
            example=example,
            document=DOCUMENT,
        )(func)
        _CHECKS.append((code, func))
        return func

    return decorate


# --- the rules ------------------------------------------------------------------------------


@monitoring_rule(
    code="MONITOR_EXECUTION_LOW",
    severity=WARNING,
    title="预算执行进度低于预警线",
    checks="按监控期间末月取评分规则中的执行率预警线（默认 4 月底 25%、6 月底 40%、8 月底 60%、10 月底 80%，取该月及以前最近一条），"
    "执行数 ÷ 全年预算数低于预警线时提示；低于预警线超过 5 个百分点（可调）为红灯，否则为黄灯。",
    example="安贞街道 公共服务经费 2020年1—7月：执行 652.7897 万元，全年预算 2175.9657 万元，执行率 30.00%，低于 6 月底应达到的 40%。",
)
def execution_low(facts: Facts) -> Iterator[Finding]:
    if facts.rate is None or facts.threshold is None:
        return
    month_end, line = facts.threshold
    if facts.rate >= line:
        return
    red = facts.rate < line - facts.policy.monitoring.red_margin
    m = facts.m
    yield facts.finding(
        "MONITOR_EXECUTION_LOW",
        f"截至{facts.month}月底预算执行率 {pct(facts.rate)}（执行数 {m.funds.executed.text} ÷ 全年预算数 "
        f"{m.funds.annual_budget.text}），低于{month_end}月底应达到的 {pct(line)}，差 "
        f"{_points(line - facts.rate)} 个百分点"
        + (
            f"，超过 {_points(facts.policy.monitoring.red_margin)} 个百分点，亮红灯。"
            if red
            else "，亮黄灯。"
        ),
        "funds.executed",
    )


@monitoring_rule(
    code="MONITOR_GAP",
    severity=WARNING,
    title="指标完成进度与支出进度不匹配",
    checks="计数类指标（目标为“≥”或不带比较符的数量，单位不是 %）的平均完成进度（实际完成值 ÷ 年度指标值，单项最多按 100% 计）"
    "与预算执行率相差超过 10 个百分点（可调）：钱花得比事做得快，或事做得比钱花得快，须说明。",
    example="社区卫生服务中心基本公共卫生服务项目 2023年1—7月：建档 21500/32000 人、老年人健康管理 2650/4800 人，平均完成 61.20%，执行率 42.00%，相差 19.20 个百分点。",
)
def gap(facts: Facts) -> Iterator[Finding]:
    completion = facts.completion
    if facts.rate is None or completion is None:
        return
    apart = completion - min(facts.rate, ONE)
    if abs(apart) <= facts.policy.monitoring.gap:
        return
    parts = "；".join(
        f"{short(facts.m.indicators[i].name.text, 20)} {pct(c)}" for i, c in facts.completions
    )
    faster = "指标完成进度快于支出进度" if apart > 0 else "支出进度快于指标完成进度"
    yield facts.finding(
        "MONITOR_GAP",
        f"计数类指标平均完成 {pct(completion)}（{parts}），预算执行率 {pct(facts.rate)}，相差 "
        f"{_points(abs(apart))} 个百分点，超过 {_points(facts.policy.monitoring.gap)} 个百分点：{faster}，请说明原因。",
        "indicators",
    )


@monitoring_rule(
    code="MONITOR_UNLIKELY",
    severity=ERROR,
    title="指标预计完全不可能完成",
    checks="绩效指标的完成目标可能性填“完全不可能”：年度目标预计无法实现，项目亮红灯，须及时纠偏或按程序调整。",
    example="安贞街道 公共服务经费 2020年1—7月：数量指标“保障10个社区154名社工……”，全年预计保障 148 名，完成目标可能性“完全不可能”（人员保障）。",
)
def unlikely(facts: Facts) -> Iterator[Finding]:
    for i, ind in enumerate(facts.m.indicators):
        if likelihood_of(ind.likelihood) != IMPOSSIBLE:
            continue
        cause = f"，偏差原因“{ind.cause.text}”" if ind.cause.text else ""
        yield facts.finding(
            "MONITOR_UNLIKELY",
            f"年度指标值“{short(ind.target.text, 30)}”，全年预计完成“{short(ind.forecast.text, 30)}”，"
            f"完成目标可能性为“完全不可能”{cause}。",
            f"indicators.{i}.likelihood",
        )


@monitoring_rule(
    code="MONITOR_AT_RISK",
    severity=WARNING,
    title="指标存在完不成的风险",
    checks="绩效指标的完成目标可能性填“有可能”：年度目标有完不成的风险，项目亮黄灯，应关注纠偏措施的落实。",
    example="社区卫生服务中心基本公共卫生服务项目 2023年1—7月：65岁及以上老年人健康管理人数目标“≥4800人”，已完成 2650 人，全年预计 4600 人，“有可能”（人员保障）。",
)
def at_risk(facts: Facts) -> Iterator[Finding]:
    for i, ind in enumerate(facts.m.indicators):
        if likelihood_of(ind.likelihood) != POSSIBLE:
            continue
        cause = f"，偏差原因“{ind.cause.text}”" if ind.cause.text else ""
        yield facts.finding(
            "MONITOR_AT_RISK",
            f"年度指标值“{short(ind.target.text, 30)}”，已完成“{short(ind.actual.text, 30)}”，"
            f"全年预计“{short(ind.forecast.text, 30)}”，完成目标可能性为“有可能”{cause}。",
            f"indicators.{i}.likelihood",
        )


@monitoring_rule(
    code="MONITOR_NO_MEASURES",
    severity=ERROR,
    title="目标有风险却没有纠偏措施",
    checks="完成目标可能性为“有可能”或“完全不可能”的指标，纠偏措施栏是空的（或只写“无”）。",
    example="（两份样例监控表都写了纠偏措施；删去措施后即触发）",
)
def no_measures(facts: Facts) -> Iterator[Finding]:
    for i, ind in enumerate(facts.m.indicators):
        answer = likelihood_of(ind.likelihood)
        if answer not in (POSSIBLE, IMPOSSIBLE) or says_something(ind.measures):
            continue
        yield facts.finding(
            "MONITOR_NO_MEASURES",
            f"完成目标可能性为“{answer}”，却没有填写纠偏措施"
            + (f"（纠偏措施栏写“{ind.measures.text}”）。" if ind.measures.text else "。"),
            f"indicators.{i}.measures",
        )


@monitoring_rule(
    code="MONITOR_NO_CAUSE",
    severity=WARNING,
    title="目标有风险却没有分析偏差原因",
    checks="完成目标可能性为“有可能”或“完全不可能”的指标，偏差原因（经费保障、制度保障、人员保障、硬件条件保障、其他）没有填写或没有勾选。",
    example="（样例监控表的风险指标都写了原因：人员保障；删去后即触发）",
)
def no_cause(facts: Facts) -> Iterator[Finding]:
    for i, ind in enumerate(facts.m.indicators):
        answer = likelihood_of(ind.likelihood)
        if answer not in (POSSIBLE, IMPOSSIBLE) or causes_of(ind.cause):
            continue
        yield facts.finding(
            "MONITOR_NO_CAUSE",
            f"完成目标可能性为“{answer}”，却没有说明偏差原因（经费、制度、人员、硬件条件保障或其他）。",
            f"indicators.{i}.cause",
        )


@monitoring_rule(
    code="MONITOR_LIKELIHOOD_MISSING",
    severity=WARNING,
    title="未回答完成目标可能性",
    checks="绩效指标的完成目标可能性没有填写，或不是“确定能、有可能、完全不可能”之一，无法判断目标能否完成。",
    example="（样例中未见）",
)
def likelihood_missing(facts: Facts) -> Iterator[Finding]:
    for i, ind in enumerate(facts.m.indicators):
        if likelihood_of(ind.likelihood) is not None:
            continue
        said = (
            f"填的是“{short(ind.likelihood.text, 20)}”，" if ind.likelihood.text else "没有填写，"
        )
        yield facts.finding(
            "MONITOR_LIKELIHOOD_MISSING",
            f"完成目标可能性{said}应为“确定能”“有可能”“完全不可能”之一。",
            f"indicators.{i}.likelihood",
        )


@monitoring_rule(
    code="MONITOR_RATE_MISMATCH",
    severity=WARNING,
    title="填报的执行率与执行数不符",
    checks="表中填写的执行率与 执行数 ÷ 全年预算数 相差超过评分规则的执行率容差（默认 0.5 个百分点）。",
    example="（样例中未见：两份样例的执行率 30.00%、42.00% 与金额相符）",
)
def rate_mismatch(facts: Facts) -> Iterator[Finding]:
    declared = rate(facts.m.funds.execution_rate)
    if declared is None or facts.rate is None:
        return
    if abs(declared - facts.rate) <= facts.policy.rounding.rate_tolerance:
        return
    m = facts.m
    yield facts.finding(
        "MONITOR_RATE_MISMATCH",
        f"表中执行率为 {m.funds.execution_rate.text}，按执行数 {m.funds.executed.text} ÷ 全年预算数 "
        f"{m.funds.annual_budget.text} 计算为 {pct(facts.rate)}。",
        "funds.execution_rate",
    )


@monitoring_rule(
    code="MONITOR_RATE_NOT_COMPUTABLE",
    severity=INFO,
    title="无法计算预算执行率",
    checks="全年预算数或执行数没有填写、不是数字，或全年预算数为 0：无法计算执行率，只按指标亮灯。",
    example="（样例中未见）",
)
def rate_not_computable(facts: Facts) -> Iterator[Finding]:
    if facts.rate is not None:
        return
    funds = facts.m.funds
    budget, executed = funds.annual_budget.text, funds.executed.text
    if number(funds.annual_budget) == 0:
        why = "全年预算数为 0"
    elif not budget or number(funds.annual_budget) is None:
        why = f"全年预算数“{budget}”不是数字" if budget else "全年预算数没有填写"
    else:
        why = f"执行数“{executed}”不是数字" if executed else "执行数没有填写"
    yield facts.finding(
        "MONITOR_RATE_NOT_COMPUTABLE",
        f"{why}，无法计算预算执行率，亮灯只看指标。",
        "funds.annual_budget" if "预算" in why else "funds.executed",
    )


# --- the light ------------------------------------------------------------------------------


def light_of(facts: Facts) -> tuple[str, list[str]]:
    """红 / 黄 / 绿 and why, by the rule in docs/policies.md (运行监控的红黄绿灯)."""
    red: list[str] = []
    yellow: list[str] = []
    answers = [likelihood_of(ind.likelihood) for ind in facts.m.indicators]
    if IMPOSSIBLE in answers:
        red.append(f"{answers.count(IMPOSSIBLE)} 项指标“完全不可能”完成")
    if facts.rate is not None and facts.threshold is not None:
        month_end, line = facts.threshold
        if facts.rate < line - facts.policy.monitoring.red_margin:
            red.append(
                f"执行率 {pct(facts.rate)} 低于{month_end}月底预警线 {pct(line)} 超过 "
                f"{_points(facts.policy.monitoring.red_margin)} 个百分点"
            )
        elif facts.rate < line:
            yellow.append(f"执行率 {pct(facts.rate)} 低于{month_end}月底预警线 {pct(line)}")
    if POSSIBLE in answers:
        yellow.append(f"{answers.count(POSSIBLE)} 项指标“有可能”完成")
    completion = facts.completion
    if facts.rate is not None and completion is not None:
        if abs(completion - min(facts.rate, ONE)) > facts.policy.monitoring.gap:
            yellow.append(f"指标完成进度 {pct(completion)} 与执行率 {pct(facts.rate)} 相差过大")
    if red:
        return "red", red + yellow
    if yellow:
        return "yellow", yellow
    return "green", []


def review_monitoring(m: MonitoringForm, policy: Policy) -> MonitoringResult:
    """The light, the computed rates and every finding of one 监控表 under ``policy``. A rule that
    raises becomes a RULE_FAILED finding; the others still run."""
    facts = _facts(m, policy)
    findings: list[Finding] = []
    for code, check in _CHECKS:
        try:
            findings.extend(check(facts))
        except Exception as exc:  # a broken rule must not stop the review
            findings.append(
                Finding(
                    code="RULE_FAILED",
                    severity=INFO,
                    message=f"审核规则 {code}（{RULES[code].title}）运行出错，未能完成这项检查，请人工复核："
                    f"{type(exc).__name__}: {exc}",
                    location="整张监控表",
                )
            )
    light, reasons = light_of(facts)
    threshold = facts.threshold
    return MonitoringResult(
        light=light,
        findings=findings,
        execution_rate=None if facts.rate is None else facts.rate.quantize(Decimal("0.0001")),
        month=facts.month,
        threshold=threshold[1] if threshold else None,
        threshold_month=threshold[0] if threshold else None,
        completion=facts.completion,
        reasons=reasons,
    )
