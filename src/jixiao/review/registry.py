"""The review registry: every rule is a small function with a stable code, and this module runs them.

A rule is declared with `@rule(...)` (one form) or `@cross_rule(...)` (several forms at once) and
carries what the catalogue needs: code, severity, family, a title, what it checks and a real example,
all in Chinese. `review_form` runs the per-form rules in a fixed order; `review_forms` also runs the
cross-form rules. A rule that raises never stops a review: it becomes a `RULE_FAILED` finding.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from jixiao.model.finding import Finding, Severity
from jixiao.model.form import Declared, Form
from jixiao.scoring.computed import Computed
from jixiao.scoring.policy import Policy

FAMILIES: dict[str, str] = {
    "completeness": "填写完整性",
    "arithmetic": "算术与一致性",
    "targets": "目标与实际",
    "quality": "指标质量",
    "system": "审核过程",
    "target_quality": "绩效目标质量",
    "monitoring": "运行监控",
    "chain": "前后文件一致",
}

# the documents a rule reads (issue 13): a self-evaluation form, a 绩效目标申报表, a 监控表,
# or several documents of one project (the chain)
DOCUMENTS: dict[str, str] = {
    "self": "自评表",
    "targets": "绩效目标申报表",
    "monitoring": "绩效运行监控表",
    "chain": "同一项目的前后文件",
}

FormCheck = Callable[["Context"], Iterable[Finding]]
CrossCheck = Callable[["CrossContext"], Iterable[tuple[int, Finding]]]
DocumentCheck = Callable[..., Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    family: str
    title: str
    checks: str  # what it checks, in Chinese
    example: str  # a real example from the seeds, in Chinese
    check: FormCheck | CrossCheck | None = None
    cross: bool = False  # runs over several forms at once
    # about weights and scores: silent under a policy for forms without scores (policy.scored)
    scored: bool = False
    document: str = "self"  # a key of DOCUMENTS; rules of other documents run in their modules


RULES: dict[str, Rule] = {}


def _register(new: Rule) -> None:
    if not new.code.isupper() or not new.code.replace("_", "").isalnum():
        raise ValueError(f"rule code must be UPPER_SNAKE: {new.code}")
    if new.code in RULES:
        raise ValueError(f"duplicate rule code: {new.code}")
    if new.family not in FAMILIES:
        raise ValueError(f"unknown rule family: {new.family}")
    if new.document not in DOCUMENTS:
        raise ValueError(f"unknown document: {new.document}")
    RULES[new.code] = new


def rule(
    *,
    code: str,
    severity: Severity,
    family: str,
    title: str,
    checks: str,
    example: str,
    scored: bool = False,
) -> Callable[[FormCheck], FormCheck]:
    """Register a per-form rule: a function taking a `Context` and yielding findings. A
    `scored` rule is about weights and scores and does not run under a policy that scores
    nothing (转移支付)."""

    def decorate(func: FormCheck) -> FormCheck:
        _register(Rule(code, severity, family, title, checks, example, func, scored=scored))
        return func

    return decorate


def cross_rule(
    *, code: str, severity: Severity, family: str, title: str, checks: str, example: str
) -> Callable[[CrossCheck], CrossCheck]:
    """Register a cross-form rule: takes a `CrossContext`, yields (form index, finding)."""

    def decorate(func: CrossCheck) -> CrossCheck:
        _register(Rule(code, severity, family, title, checks, example, func, cross=True))
        return func

    return decorate


def document_rule(
    *,
    code: str,
    severity: Severity,
    family: str,
    title: str,
    checks: str,
    example: str,
    document: str,
) -> Callable[[DocumentCheck], DocumentCheck]:
    """Register a rule of another document than the self-evaluation form (绩效目标申报表,
    监控表, the chain between them): it gets a catalogue entry and a stable code like any rule;
    the module that declares it runs it (its check takes whatever that module passes)."""

    def decorate(func: DocumentCheck) -> DocumentCheck:
        _register(Rule(code, severity, family, title, checks, example, None, document=document))
        return func

    return decorate


# A rule that raised; registered so that it has a catalogue entry like any other code.
_register(
    Rule(
        code="RULE_FAILED",
        severity=Severity.INFO,
        family="system",
        title="审核规则运行出错",
        checks="某条审核规则在检查这张表时出错；其余规则照常运行，这条规则的结论缺失，需要人工复核该项。",
        example="（程序问题，样例中没有）",
    )
)


# --- where a finding is -----------------------------------------------------------------------

_FUNDS_ROWS = {
    "total": "年度资金总额",
    "appropriation": "当年财政拨款",
    "carryover": "上年结转资金",
    "other": "其他资金",
}
_FUNDS_COLUMNS = {
    "initial_budget": "年初预算数",
    "annual_budget": "全年预算数",
    "executed": "全年执行数",
    "execution_rate": "执行率",
}
_FUNDS_TOTAL = {"weight": "分值", "execution_rate": "执行率", "score": "得分"}
_INDICATOR_FIELDS = {
    "name": "三级指标",
    "target": "年度指标值",
    "actual": "实际完成值",
    "weight": "分值",
    "score": "得分",
    "deviation": "偏差原因分析及改进措施",
    "level1_text": "一级指标",
    "level2_text": "二级指标",
}
_FORM_FIELDS = {
    "year": "表头·年度",
    "title": "表头·标题",
    "project_name": "表头·项目名称",
    "department": "表头·主管部门",
    "implementing_unit": "表头·实施单位",
    "total_weight": "总分·分值",
    "total_score": "总分·得分",
    "goals.expected": "年度总体目标·预期目标",
    "goals.achieved": "年度总体目标·实际完成情况",
    "indicators": "绩效指标表",
}


def short(text: str, limit: int = 16) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def indicator_title(form: Form, index: int) -> str:
    """“绩效指标第3行（数量指标·开展活动次数）”."""
    ind = form.indicators[index]
    what = "·".join(p for p in (ind.level2 or ind.level1, short(ind.name.text)) if p)
    return f"绩效指标第{index + 1}行" + (f"（{what}）" if what else "")


def describe_path(form: Form, path: str) -> str:
    """A dotted path into the form in words a clerk can follow."""
    parts = path.split(".") if path else []
    if not parts:
        return "整张表"
    if parts[0] == "funds":
        if len(parts) == 2:
            return f"资金表·年度资金总额·{_FUNDS_TOTAL.get(parts[1], parts[1])}"
        if len(parts) == 3:
            row = _FUNDS_ROWS.get(parts[1], parts[1])
            return f"资金表·{row}·{_FUNDS_COLUMNS.get(parts[2], parts[2])}"
        return "资金表"
    if parts[0] == "indicators" and len(parts) >= 2 and parts[1].isdigit():
        index = int(parts[1])
        if index >= len(form.indicators):
            return f"绩效指标第{index + 1}行"
        head = indicator_title(form, index)
        return head + (f"·{_INDICATOR_FIELDS.get(parts[2], parts[2])}" if len(parts) > 2 else "")
    if parts[0] == "stated_weights" and len(parts) > 1:
        return f"“{'.'.join(parts[1:])}”标注的分值"
    return _FORM_FIELDS.get(path, path)


def declared_at(form: Form, path: str) -> Declared | None:
    """The declared value a dotted path points to; for an indicator row, its name."""
    node: Any = form
    for part in path.split(".") if path else []:
        if isinstance(node, list):
            if not part.isdigit() or int(part) >= len(node):
                return None
            node = node[int(part)]
        elif isinstance(node, dict):
            node = node.get(part)
        else:
            node = getattr(node, part, None)
        if node is None:
            return None
    if isinstance(node, Declared):
        return node
    name = getattr(node, "name", None)  # an indicator row: point at its name cell
    return name if isinstance(name, Declared) else None


def location(form: Form, path: str) -> str:
    """“绩效指标第3行（数量指标·开展活动次数）·得分，第1个表格第14行第8列”."""
    words = describe_path(form, path)
    declared = declared_at(form, path)
    if declared is not None and declared.loc is not None:
        return f"{words}，{declared.loc.describe()}"
    return words


# --- running rules ----------------------------------------------------------------------------


@dataclass
class Context:
    """What a per-form rule sees."""

    form: Form
    computed: Computed
    policy: Policy
    rule: Rule | None = None  # the rule being run

    def finding(self, code_or_rule: str | Rule, message: str, path: str = "") -> Finding:
        """A finding of a registered rule, with severity from the rule and a location built
        from the path and the declared value's cell."""
        found = code_or_rule if isinstance(code_or_rule, Rule) else RULES[code_or_rule]
        return Finding(
            code=found.code,
            severity=found.severity,
            message=message,
            location=location(self.form, path),
            path=path,
        )


@dataclass
class CrossContext:
    """What a cross-form rule sees: all forms of one review, with what was computed for each."""

    forms: Sequence[Form]
    computeds: Sequence[Computed]
    policy: Policy
    rule: Rule | None = None
    contexts: list[Context] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.contexts = [
            Context(form, computed, self.policy)
            for form, computed in zip(self.forms, self.computeds, strict=True)
        ]

    def finding(
        self, index: int, code_or_rule: str | Rule, message: str, path: str = ""
    ) -> tuple[int, Finding]:
        return index, self.contexts[index].finding(code_or_rule, message, path)


def _load_rules() -> None:
    # importing the family modules registers their rules, in this order
    from jixiao.review import (  # noqa: F401
        arithmetic,
        chain,
        completeness,
        flat,
        monitoring,
        quality,
        recognition,
        target_quality,
        targets,
    )


def all_rules() -> list[Rule]:
    """Every registered rule, by family (in FAMILIES order) then in the order declared."""
    _load_rules()
    order = list(FAMILIES)
    return sorted(RULES.values(), key=lambda r: order.index(r.family))


def form_rules() -> list[Rule]:
    return [r for r in all_rules() if r.check is not None and not r.cross]


def cross_rules() -> list[Rule]:
    return [r for r in all_rules() if r.check is not None and r.cross]


def _failed(failed: Rule, exc: BaseException) -> Finding:
    return Finding(
        code="RULE_FAILED",
        severity=Severity.INFO,
        message=f"审核规则 {failed.code}（{failed.title}）运行出错，未能完成这项检查，请人工复核："
        f"{type(exc).__name__}: {exc}",
        location="整张表",
        path="",
    )


def _run(ctx: Context, checked: Rule) -> Iterator[Finding]:
    if checked.scored and not ctx.policy.scored:
        return
    ctx.rule = checked
    check: FormCheck = checked.check  # type: ignore[assignment]
    try:
        found = list(check(ctx))
    except Exception as exc:  # a broken rule must not stop the review
        yield _failed(checked, exc)
        return
    yield from found


def review_form(
    form: Form, computed: Computed, policy: Policy, rules: Iterable[Rule] | None = None
) -> list[Finding]:
    """Run every per-form rule on one form, in registry order."""
    ctx = Context(form, computed, policy)
    out: list[Finding] = []
    for checked in form_rules() if rules is None else rules:
        if not checked.cross:
            out.extend(_run(ctx, checked))
    return out


def review_forms(
    forms: Sequence[Form],
    computeds: Sequence[Computed],
    policy: Policy,
    rules: Iterable[Rule] | None = None,
) -> list[list[Finding]]:
    """Run the per-form rules on each form, then the cross-form rules over all of them."""
    chosen = form_rules() + cross_rules() if rules is None else list(rules)
    if len(forms) != len(computeds):
        raise ValueError("forms and computeds must have the same length")
    results = [
        review_form(f, c, policy, [r for r in chosen if not r.cross])
        for f, c in zip(forms, computeds, strict=True)
    ]
    cross = CrossContext(forms, computeds, policy)
    for checked in (r for r in chosen if r.cross):
        cross.rule = checked
        check: CrossCheck = checked.check  # type: ignore[assignment]
        try:
            found = list(check(cross))
        except Exception as exc:  # a broken rule must not stop the review
            for findings in results:
                findings.append(_failed(checked, exc))
            continue
        for index, finding in found:
            results[index].append(finding)
    return results
