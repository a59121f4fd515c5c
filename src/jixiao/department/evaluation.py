"""部门整体绩效评价 (domain.md §7, §11.10): a department's project forms rolled up, and its score.

`evaluate_department` takes the checked forms of one department and year (`evaluate_projects`:
each form's row and findings as stored, which the web uses), and the department's own figures
when there are any, and computes under the policy's `[department]` settings:

- the rollup of the projects: count, Σ budget, Σ executed, weighted and simple execution rates,
  statistics of declared and computed totals, grade distribution, findings by rule, projects
  below the policy's thresholds;
- from the figures: 预算执行率, 结转结余率, 预决算差异率, each on the base the policy names;
- the overall score: the policy's weighted parts (execution, balance, difference, projects),
  and its grade.

Every number is a `Number`: a Decimal and the Chinese sentence that says how it was computed.
Nothing is taken from what a form or report declares as a department score.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from jixiao.department.figures import DepartmentFigures, FiguresError
from jixiao.model.finding import Severity
from jixiao.review.registry import all_rules
from jixiao.scoring.policy import Policy, Ramp
from jixiao.services.check import CheckedForm
from jixiao.values import parse_number

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")
RATE = Decimal("0.0001")  # rates are kept as fractions to 4 places: 0.9944 = 99.44%


def money(value: Decimal | None) -> str:
    """Two decimals, half-up: 4149.35."""
    return "—" if value is None else str(value.quantize(CENT, ROUND_HALF_UP))


def percent(rate: Decimal | None) -> str:
    """A fraction as a percentage with two decimals, half-up: 0.99436 → 99.44%."""
    return "—" if rate is None else f"{(rate * HUNDRED).quantize(CENT, ROUND_HALF_UP)}%"


def _rate(value: Decimal) -> Decimal:
    return value.quantize(RATE, ROUND_HALF_UP)


def _score(value: Decimal, policy: Policy) -> Decimal:
    return value.quantize(ONE.scaleb(-policy.rounding.decimals), ROUND_HALF_UP)


@dataclass(frozen=True)
class Number:
    """A computed number and how it was computed (怎么算的)."""

    value: Decimal | None
    explanation: str

    def to_json_dict(self) -> dict[str, Any]:
        return {"value": None if self.value is None else str(self.value), "how": self.explanation}


@dataclass
class ProjectRow:
    """One project form of the department, as the rollup and the report's table show it."""

    name: str
    unit: str
    file: str
    budget: Decimal | None  # 年度资金总额·全年预算数 in 万元 (computed.annual_budget)
    executed: Decimal | None  # 年度资金总额·全年执行数
    rate: Decimal | None  # the engine's computed execution rate
    declared_score: Decimal | None  # the form's 总分 row, 得分
    computed_score: Decimal | None
    grade: str | None  # of the computed score
    counts: dict[Severity, int]

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "unit": self.unit,
            "file": self.file,
            "budget": _str(self.budget),
            "executed": _str(self.executed),
            "execution_rate": _str(self.rate),
            "declared_score": _str(self.declared_score),
            "computed_score": _str(self.computed_score),
            "grade": self.grade,
            "findings": {s.value: n for s, n in self.counts.items()},
        }


@dataclass
class ScoreStats:
    count: int
    mean: Number
    minimum: Number
    maximum: Number
    median: Number

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "mean": self.mean.to_json_dict(),
            "min": self.minimum.to_json_dict(),
            "max": self.maximum.to_json_dict(),
            "median": self.median.to_json_dict(),
        }


@dataclass
class RuleCount:
    """The findings of one rule across the department's forms."""

    code: str
    title: str
    severity: Severity
    count: int
    projects: list[str]

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "title": self.title,
            "severity": self.severity.value,
            "count": self.count,
            "projects": self.projects,
        }


@dataclass
class Component:
    """One weighted part of the overall score."""

    key: str  # execution / balance / difference / projects
    name: str  # 预算执行率 …
    weight: Decimal
    score: Number

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "weight": str(self.weight),
            "score": self.score.to_json_dict(),
        }


@dataclass
class DepartmentEvaluation:
    department: str
    year: int
    policy: Policy
    projects: list[ProjectRow]
    total_budget: Number
    total_executed: Number
    weighted_rate: Number
    mean_rate: Number
    declared_scores: ScoreStats
    computed_scores: ScoreStats
    grades: dict[str, int]  # computed grade (long name) → number of projects
    declared_grades: dict[str, int]
    findings: dict[Severity, int]
    rules: list[RuleCount]  # errors first, then by count
    below: dict[Decimal, list[str]]  # threshold → projects whose computed score is below it
    figures: DepartmentFigures | None
    budget: Number  # 全年预算数 (or 年初, by the policy) from the figures
    executed: Number
    execution_rate: Number
    balance: Number  # 年末结转结余 used for the rate
    balance_rate: Number
    balance_change_rate: Number  # 结转结余变动率, shown, not scored
    final_accounts: Number
    difference_rate: Number
    components: list[Component]
    score: Number
    grade: str | None  # 优秀 …
    notes: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.projects)

    @property
    def title(self) -> str:
        return f"{self.department}{self.year}年度部门整体绩效评价报告"

    def to_json_dict(self) -> dict[str, Any]:
        figures = None
        if self.figures is not None:
            figures = self.figures.model_dump(mode="json", exclude_none=True)
        return {
            "department": self.department,
            "year": self.year,
            "policy": self.policy.name,
            "count": self.count,
            "projects": [p.to_json_dict() for p in self.projects],
            "total_budget": self.total_budget.to_json_dict(),
            "total_executed": self.total_executed.to_json_dict(),
            "weighted_execution_rate": self.weighted_rate.to_json_dict(),
            "mean_execution_rate": self.mean_rate.to_json_dict(),
            "declared_scores": self.declared_scores.to_json_dict(),
            "computed_scores": self.computed_scores.to_json_dict(),
            "grades": self.grades,
            "declared_grades": self.declared_grades,
            "findings": {s.value: n for s, n in self.findings.items()},
            "rules": [r.to_json_dict() for r in self.rules],
            "below": {str(k): v for k, v in self.below.items()},
            "figures": figures,
            "budget": self.budget.to_json_dict(),
            "executed": self.executed.to_json_dict(),
            "execution_rate": self.execution_rate.to_json_dict(),
            "balance": self.balance.to_json_dict(),
            "balance_rate": self.balance_rate.to_json_dict(),
            "balance_change_rate": self.balance_change_rate.to_json_dict(),
            "final_accounts": self.final_accounts.to_json_dict(),
            "difference_rate": self.difference_rate.to_json_dict(),
            "components": [c.to_json_dict() for c in self.components],
            "score": self.score.to_json_dict(),
            "grade": self.grade,
            "notes": self.notes,
        }


def _str(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


# --- the rollup of the project forms ----------------------------------------------------------


def grade_of(score: Decimal | None, policy: Policy, fallback: str | None) -> str | None:
    """The grade of a computed total under the department's policy (its long name)."""
    return None if score is None else policy.grade(score).long_name or fallback


def _row(checked: CheckedForm, policy: Policy) -> ProjectRow:
    form, computed = checked.form, checked.computed
    grade = grade_of(computed.total_score, policy, computed.grade)
    return ProjectRow(
        name=form.project_name.text or "（未填项目名称）",
        unit=form.implementing_unit.text,
        file=form.source.file,
        budget=computed.annual_budget,  # in 万元, converted when the form was filled in 元
        executed=computed.executed,
        rate=computed.execution_rate,
        declared_score=parse_number(form.total_score.text),
        computed_score=computed.total_score,
        grade=grade,
        counts=checked.counts(),
    )


def _stats(values: list[Decimal], what: str, policy: Policy) -> ScoreStats:
    n = len(values)
    if not values:
        none = Number(None, f"没有可读取的{what}。")
        return ScoreStats(0, none, none, none, none)
    ordered = sorted(values)
    total = sum(values, ZERO)
    mean = _score(total / n, policy)
    if n % 2:
        median = ordered[n // 2]
        how = f"{n} 个{what}从小到大排列，居中的第 {n // 2 + 1} 个：{money(median)}"
    else:
        low, high = ordered[n // 2 - 1], ordered[n // 2]
        median = _score((low + high) / 2, policy)
        how = (
            f"{n} 个{what}从小到大排列，居中两个的平均："
            f"（{money(low)} + {money(high)}）÷ 2 = {money(median)}"
        )
    return ScoreStats(
        n,
        Number(mean, f"{n} 个{what}之和 {money(total)} ÷ {n} = {money(mean)}"),
        Number(ordered[0], f"{n} 个{what}中最低的一个"),
        Number(ordered[-1], f"{n} 个{what}中最高的一个"),
        Number(median, how),
    )


def _rules(found: list[ProjectFinding]) -> list[RuleCount]:
    titles = {r.code: r.title for r in all_rules()}
    counts: Counter[str] = Counter()
    severity: dict[str, Severity] = {}
    projects: dict[str, list[str]] = {}
    for finding in found:
        counts[finding.code] += 1
        severity[finding.code] = finding.severity
        names = projects.setdefault(finding.code, [])
        if finding.project not in names:
            names.append(finding.project)
    out = [
        RuleCount(code, titles.get(code, code), severity[code], n, projects[code])
        for code, n in counts.items()
    ]
    return sorted(out, key=lambda r: (-r.severity.rank, -r.count, r.code))


def _rollup_money(rows: list[ProjectRow]) -> tuple[Number, Number, Number, Number, list[str]]:
    notes = []
    both = [r for r in rows if r.budget is not None and r.executed is not None]
    left_out = [r.name for r in rows if r not in both]
    if left_out:
        notes.append(
            f"{len(left_out)} 个项目的全年预算数或全年执行数未填或无法读取，未计入合计："
            + "、".join(left_out)
        )
    budget = sum((r.budget for r in both if r.budget is not None), ZERO)
    executed = sum((r.executed for r in both if r.executed is not None), ZERO)
    n = len(both)
    total_budget = Number(
        budget if both else None,
        f"{n} 个项目“年度资金总额”行全年预算数之和（按元填写的表已换算为万元）= {money(budget)}",
    )
    total_executed = Number(
        executed if both else None, f"{n} 个项目“年度资金总额”行全年执行数之和 = {money(executed)}"
    )
    if budget > 0:
        weighted = Number(
            _rate(executed / budget),
            f"加权执行率 = Σ全年执行数 ÷ Σ全年预算数 = {money(executed)} ÷ {money(budget)}"
            f" = {percent(executed / budget)}",
        )
    else:
        weighted = Number(None, "无法计算：没有全年预算数大于 0 的项目。")
    rates = [r.rate for r in rows if r.rate is not None]
    if rates:
        total = sum(rates, ZERO)
        mean = Number(
            _rate(total / len(rates)),
            f"{len(rates)} 个项目执行率的简单平均 = {percent(total)} ÷ {len(rates)}"
            f" = {percent(total / len(rates))}（每个项目同等看待，不论金额大小）",
        )
    else:
        mean = Number(None, "无法计算：没有可计算执行率的项目。")
    return total_budget, total_executed, weighted, mean, notes


# --- the department's own figures --------------------------------------------------------------

BASE_NAMES = {"annual_budget": "全年预算数", "initial_budget": "年初预算数"}


def _missing(what: str) -> Number:
    return Number(None, f"无法计算：未提供部门数据中的{what}。")


def _figures_numbers(
    figures: DepartmentFigures | None, policy: Policy
) -> tuple[Number, Number, Number, Number, Number, Number, Number]:
    """budget, executed, execution rate, balance, balance rate, final accounts, difference rate."""
    settings = policy.department
    if figures is None:
        none = Number(None, "未提供部门数据（预算数、执行数等），无法计算。")
        return none, none, none, none, none, none, none
    annual, executed = figures.total("annual_budget"), figures.total("executed")
    initial = figures.total("initial_budget")
    parts = "、".join(
        f"{label} {money(getattr(part, settings.execution_base))}"
        for label, part in figures.parts()
        if getattr(part, settings.execution_base) is not None
    )
    base_name = BASE_NAMES[settings.execution_base]
    base_value = annual if settings.execution_base == "annual_budget" else initial
    budget = (
        Number(base_value, f"部门{base_name} = {parts} 之和 = {money(base_value)}")
        if base_value is not None
        else _missing(base_name)
    )
    done = "、".join(
        f"{label} {money(part.executed)}" for label, part in figures.parts() if part.executed
    )
    executed_n = (
        Number(executed, f"部门执行数 = {done or '各项'} 之和 = {money(executed)}")
        if executed is not None
        else _missing("执行数")
    )
    if base_value and executed is not None:
        rate = Number(
            _rate(executed / base_value),
            f"预算执行率 = 执行数 ÷ {base_name} = {money(executed)} ÷ {money(base_value)}"
            f" = {percent(executed / base_value)}",
        )
    else:
        rate = Number(None, f"无法计算：{base_name}或执行数缺少或为 0。")

    # 结转结余率
    if figures.balance_end is not None:
        balance = Number(
            figures.balance_end, f"部门数据中的年末结转结余：{money(figures.balance_end)}"
        )
    elif annual is not None and executed is not None and annual >= executed:
        balance = Number(
            annual - executed,
            f"部门数据未填年末结转结余，按全年预算数 − 执行数推算："
            f"{money(annual)} − {money(executed)} = {money(annual - executed)}",
        )
    else:
        balance = _missing("年末结转结余")
    if settings.balance_base == "budget":
        b_base, b_name = annual, "全年预算数"
    else:
        b_base, b_name = executed, "执行数"
    if balance.value is not None and b_base:
        balance_rate = Number(
            _rate(balance.value / b_base),
            f"结转结余率 = 年末结转结余 ÷ {b_name} = {money(balance.value)} ÷ {money(b_base)}"
            f" = {percent(balance.value / b_base)}（口径：{policy.name} 规则 "
            f"department.balance_base = {settings.balance_base}）",
        )
    else:
        balance_rate = Number(None, f"无法计算：年末结转结余或{b_name}缺少或为 0。")

    # 预决算差异率
    if figures.final_accounts is not None:
        final = Number(
            figures.final_accounts, f"部门数据中的决算数：{money(figures.final_accounts)}"
        )
    elif executed is not None:
        final = Number(executed, f"部门数据未填决算数，以执行数代替：{money(executed)}")
    else:
        final = _missing("决算数")
    d_name = BASE_NAMES[settings.difference_base]
    d_base = annual if settings.difference_base == "annual_budget" else initial
    if final.value is not None and d_base:
        diff = final.value - d_base
        difference_rate = Number(
            _rate(diff / d_base),
            f"预决算差异率 =（决算数 − {d_name}）÷ {d_name} =（{money(final.value)} − "
            f"{money(d_base)}）÷ {money(d_base)} = {percent(diff / d_base)}（口径：{policy.name} 规则 "
            f"department.difference_base = {settings.difference_base}）",
        )
    else:
        difference_rate = Number(None, f"无法计算：决算数或{d_name}缺少或为 0。")
    return budget, executed_n, rate, balance, balance_rate, final, difference_rate


def _balance_change(figures: DepartmentFigures | None) -> Number:
    """结转结余变动率 (财预〔2013〕53号) = (年末结转结余 − 上年结转) ÷ 上年结转."""
    if figures is None or not figures.carryover_prior or figures.balance_end is None:
        return Number(None, "无法计算：未提供上年结转（不为 0）和年末结转结余。")
    prior, end = figures.carryover_prior, figures.balance_end
    return Number(
        _rate((end - prior) / prior),
        f"结转结余变动率 =（年末结转结余 − 上年结转）÷ 上年结转 =（{money(end)} − {money(prior)}）"
        f"÷ {money(prior)} = {percent((end - prior) / prior)}",
    )


# --- the overall score -------------------------------------------------------------------------


def _ramp(rate: Number, ramp: Ramp, weight: Decimal, name: str, policy: Policy) -> Number:
    if rate.value is None:
        return Number(None, f"无法计算：{name}无法计算。")
    size = abs(rate.value)
    shown = (
        percent(rate.value)
        if rate.value >= 0
        else f"{percent(rate.value)}（取绝对值 {percent(size)}）"
    )
    rule = (
        f"（不高于 {percent(ramp.full)} 得满分，不低于 {percent(ramp.zero)} 得 0 分，其间线性递减）"
    )
    if size <= ramp.full:
        return Number(_score(weight, policy), f"{name} {shown}{rule}：满分 {money(weight)}")
    if size >= ramp.zero:
        return Number(ZERO.quantize(CENT), f"{name} {shown}{rule}：0 分")
    score = _score(weight * (ramp.zero - size) / (ramp.zero - ramp.full), policy)
    return Number(
        score,
        f"{name} {shown}{rule}：{money(weight)} ×（{percent(ramp.zero)} − "
        f"{percent(size)}）÷（{percent(ramp.zero)} − {percent(ramp.full)}）= {money(score)}",
    )


def _project_part(rows: list[ProjectRow], weight: Decimal, policy: Policy) -> Number:
    scored = [r for r in rows if r.computed_score is not None]
    total = policy.weights.total
    if not scored:
        return Number(None, "无法计算：没有可计算总分的项目。")
    if policy.department.project_mean == "weighted":
        with_budget = [r for r in scored if r.budget]
        if not with_budget:
            return Number(None, "无法计算：没有同时有全年预算数和计算总分的项目。")
        budget = sum((r.budget for r in with_budget if r.budget), ZERO)
        if budget <= 0:
            return Number(None, "无法计算：各项目全年预算数之和不大于 0。")
        mean = (
            sum(
                (r.budget * r.computed_score for r in with_budget if r.budget and r.computed_score),
                ZERO,
            )
            / budget
        )
        how_mean = (
            f"{len(with_budget)} 个项目计算总分按全年预算数加权平均 = Σ(预算 × 总分) ÷ Σ预算"
            f" = {money(mean)}"
        )
    else:
        mean = sum((r.computed_score for r in scored if r.computed_score is not None), ZERO) / len(
            scored
        )
        how_mean = f"{len(scored)} 个项目计算总分的简单平均 = {money(mean)}"
    share = min(mean / total, ONE)
    score = _score(weight * share, policy)
    return Number(
        score,
        f"{how_mean}；得分 = {money(weight)} × min({money(mean)} ÷ {money(total)}, 1) = {money(score)}",
    )


def _components(
    rows: list[ProjectRow],
    rate: Number,
    balance_rate: Number,
    difference_rate: Number,
    policy: Policy,
) -> list[Component]:
    weights = policy.department.weights
    if rate.value is None:
        execution = Number(None, "无法计算：部门预算执行率无法计算。")
    else:
        capped = min(rate.value, ONE)
        execution = Number(
            _score(weights.execution * capped, policy),
            f"得分 = {money(weights.execution)} × min({percent(rate.value)}, 100%) = "
            f"{money(_score(weights.execution * capped, policy))}",
        )
    return [
        Component("execution", "预算执行率", weights.execution, execution),
        Component(
            "balance",
            "结转结余率",
            weights.balance,
            _ramp(balance_rate, policy.department.balance, weights.balance, "结转结余率", policy),
        ),
        Component(
            "difference",
            "预决算差异率",
            weights.difference,
            _ramp(
                difference_rate,
                policy.department.difference,
                weights.difference,
                "预决算差异率",
                policy,
            ),
        ),
        Component(
            "projects",
            "项目自评得分",
            weights.projects,
            _project_part(rows, weights.projects, policy),
        ),
    ]


def _total(components: list[Component], policy: Policy) -> tuple[Number, str | None]:
    missing = [c.name for c in components if c.score.value is None]
    if missing:
        return Number(
            None, "无法计算整体得分：" + "、".join(missing) + "无法计算（需要部门数据）。"
        ), None
    total = sum((c.score.value for c in components if c.score.value is not None), ZERO)
    parts = " + ".join(f"{c.name} {money(c.score.value)}" for c in components)
    grade = policy.grade(total)
    how = (
        f"整体得分 = {parts} = {money(total)}（{policy.title}：分值 "
        + "、".join(f"{c.name} {money(c.weight)}" for c in components)
        + f"）；{money(total)} 不低于 {money(grade.min)}，等级为“{grade.long_name or grade.name}”"
    )
    return Number(_score(total, policy), how), grade.long_name or grade.name


@dataclass(frozen=True)
class ProjectFinding:
    """One finding of a project form, as the rollup by rule counts it."""

    project: str
    code: str
    severity: Severity


def evaluate_department(
    name: str,
    year: int,
    checked_forms: Iterable[CheckedForm],
    figures: DepartmentFigures | None,
    policy: Policy,
) -> DepartmentEvaluation:
    """The department's overall evaluation from its checked project forms and its own figures."""
    forms = list(checked_forms)
    rows = [_row(c, policy) for c in forms]
    found = [
        ProjectFinding(row.name, f.code, f.severity)
        for row, c in zip(rows, forms, strict=True)
        for f in c.findings
    ]
    return evaluate_projects(name, year, rows, found, figures, policy)


def evaluate_projects(
    name: str,
    year: int,
    rows: list[ProjectRow],
    found: list[ProjectFinding],
    figures: DepartmentFigures | None,
    policy: Policy,
) -> DepartmentEvaluation:
    """The evaluation from each project's row and findings (as stored with a form's version:
    the web page does not read the forms again) and the department's own figures."""
    if figures is not None and figures.year is not None and figures.year != year:
        raise FiguresError(f"部门数据的年度（{figures.year}）与评价年度（{year}）不一致")
    total_budget, total_executed, weighted, mean, notes = _rollup_money(rows)
    computed = [r.computed_score for r in rows if r.computed_score is not None]
    declared = [r.declared_score for r in rows if r.declared_score is not None]
    grade_names = [g.long_name or g.name for g in policy.grades]
    grades = dict.fromkeys(grade_names, 0)
    for r in rows:
        if r.grade is not None:
            grades[r.grade] = grades.get(r.grade, 0) + 1
    declared_grades = dict.fromkeys(grade_names, 0)
    for value in declared:
        g = policy.grade(value)
        declared_grades[g.long_name or g.name] += 1
    findings = dict.fromkeys(Severity, 0)
    for r in rows:
        for severity, n in r.counts.items():
            findings[severity] += n
    below = {
        threshold: [
            r.name for r in rows if r.computed_score is not None and r.computed_score < threshold
        ]
        for threshold in sorted(policy.department.below, reverse=True)
    }
    change = _balance_change(figures)
    budget, executed, rate, balance, balance_rate, final, difference_rate = _figures_numbers(
        figures, policy
    )
    components = _components(rows, rate, balance_rate, difference_rate, policy)
    score, grade = _total(components, policy)
    if figures is None:
        notes.append("未提供部门数据（--figures 或网页上的部门数据），只汇总了项目自评表。")
    return DepartmentEvaluation(
        department=name,
        year=year,
        policy=policy,
        projects=rows,
        total_budget=total_budget,
        total_executed=total_executed,
        weighted_rate=weighted,
        mean_rate=mean,
        declared_scores=_stats(declared, "填报总分", policy),
        computed_scores=_stats(computed, "计算总分", policy),
        grades=grades,
        declared_grades=declared_grades,
        findings=findings,
        rules=_rules(found),
        below=below,
        figures=figures,
        budget=budget,
        executed=executed,
        execution_rate=rate,
        balance=balance,
        balance_rate=balance_rate,
        balance_change_rate=change,
        final_accounts=final,
        difference_rate=difference_rate,
        components=components,
        score=score,
        grade=grade,
        notes=notes,
    )


# --- which forms belong to the department ------------------------------------------------------


class NoSuchDepartment(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def select_department(
    name: str, year: int, checked_forms: Iterable[CheckedForm]
) -> tuple[str, list[CheckedForm]]:
    """The forms of one department and year, matched on 主管部门.

    A form matches when its 主管部门 is the name or contains it ("北京市丰台区政务服务管理局"
    for "丰台区政务服务管理局"). When the name is contained in several different 主管部门 that
    are not spellings of one another (one containing all the others), the match is ambiguous.
    Returns the department's shortest spelling and its forms of the year.
    """
    wanted = "".join(name.split())
    forms = list(checked_forms)
    of_year = [c for c in forms if c.form.year == year]
    names = sorted({"".join(c.form.department.text.split()) for c in of_year} - {""})
    candidates = [n for n in names if wanted and wanted in n]
    if not candidates:
        years = sorted({c.form.year for c in forms if c.form.year is not None})
        found = "、".join(names) or "（无）"
        raise NoSuchDepartment(
            f"没有主管部门为“{name}”的{year}年度自评表。{year}年度的主管部门有：{found}"
            + (f"；自评表的年度有：{'、'.join(str(y) for y in years)}" if years else "")
        )
    shortest = min(candidates, key=len)
    if any(shortest not in n for n in candidates):
        raise NoSuchDepartment(
            f"“{name}”同时匹配多个主管部门：{'、'.join(candidates)}；请写出完整的部门名称"
        )
    chosen = [c for c in of_year if "".join(c.form.department.text.split()) in candidates]
    return shortest, chosen
