"""Rules on the quality of a 绩效目标申报表 (domain.md §13), after 财预〔2021〕101号: targets
指向明确 (the header says what and who), 细化量化 (a number or a standard), 合理可行 and 相互匹配
(the cost matches the money, the sources add up, the weights add up).

Each rule is registered in the catalogue with `document_rule(..., family="target_quality",
document="targets")` and run here by `review_targets`, in the order declared. A rule that raises
never stops the review: it becomes a RULE_FAILED finding, as for the self-evaluation form.
("A target below last year's actual" compares two documents: `jixiao.review.chain`.)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from jixiao.model.finding import Finding, Severity
from jixiao.model.targets import TargetIndicator, TargetsForm
from jixiao.review.common import fmt, money
from jixiao.review.quality import _DIGIT, _ROW_NUMBER, _restates
from jixiao.review.registry import RULES, declared_at, document_rule, short
from jixiao.scoring.amounts import YUAN, YUAN_PER_WANYUAN
from jixiao.scoring.policy import Policy
from jixiao.values import parse_number, parse_value
from jixiao.values.model import Comparator

FAMILY = "target_quality"
DOCUMENT = "targets"
ERROR, WARNING = Severity.ERROR, Severity.WARNING

TargetsCheck = Callable[["TargetsContext"], Iterable[Finding]]
_CHECKS: list[tuple[str, TargetsCheck]] = []


# --- where a finding is -----------------------------------------------------------------------

_FIELDS = {
    "year": "表头·年度",
    "title": "表头·标题",
    "project_name": "表头·项目名称",
    "project_code": "表头·项目编码",
    "department": "表头·主管部门",
    "implementing_unit": "表头·实施单位",
    "attribute": "表头·项目属性",
    "period": "表头·项目期",
    "manager": "表头·项目负责人",
    "phone": "表头·联系电话",
    "basis": "立项依据",
    "long_term_goal": "总体目标·长期目标",
    "annual_goal": "总体目标·年度目标",
    "funds": "项目资金",
    "funds.total": "项目资金·年度资金总额",
    "funds.appropriation": "项目资金·其中：财政拨款",
    "funds.other": "项目资金·其他资金",
    "funds.unit": "项目资金·金额单位",
    "indicators": "绩效指标表",
}
_INDICATOR_FIELDS = {
    "name": "三级指标",
    "target": "指标值",
    "weight": "分值",
    "note": "备注",
    "level1_text": "一级指标",
    "level2_text": "二级指标",
}
_PARTS = {"nature": "指标性质", "value": "指标值", "unit": "度量单位"}
_OPINIONS = {"department": "主管部门", "third_party": "第三方机构", "finance": "财政部门"}


def indicator_title(targets: TargetsForm, index: int) -> str:
    """“绩效指标第3行（质量指标·培训质量）”."""
    ind = targets.indicators[index]
    what = "·".join(p for p in (ind.level2 or ind.level1, short(ind.name.text)) if p)
    return f"绩效指标第{index + 1}行" + (f"（{what}）" if what else "")


def describe_path(targets: TargetsForm, path: str) -> str:
    """A dotted path into the 申报表 in words a clerk can follow."""
    parts = path.split(".") if path else []
    if not parts:
        return "整张申报表"
    if parts[0] == "indicators" and len(parts) >= 2 and parts[1].isdigit():
        index = int(parts[1])
        if index >= len(targets.indicators):
            return f"绩效指标第{index + 1}行"
        head = indicator_title(targets, index)
        if len(parts) > 3 and parts[2] == "target_parts":
            return f"{head}·{_PARTS.get(parts[3], parts[3])}"
        return head + (f"·{_INDICATOR_FIELDS.get(parts[2], parts[2])}" if len(parts) > 2 else "")
    if parts[0] == "opinions" and len(parts) == 2:
        return f"审核意见·{_OPINIONS.get(parts[1], parts[1])}"
    return _FIELDS.get(path, path)


def location(targets: TargetsForm, path: str) -> str:
    """“表头·项目属性，第1个表格第3行第2列”."""
    words = describe_path(targets, path)
    declared = declared_at(targets, path)  # type: ignore[arg-type]  # any declared document
    if declared is not None and declared.loc is not None:
        return f"{words}，{declared.loc.describe()}"
    return words


# --- running the rules ------------------------------------------------------------------------


@dataclass
class TargetsContext:
    """What a 申报表 rule sees."""

    targets: TargetsForm
    policy: Policy

    def finding(self, code: str, message: str, path: str = "") -> Finding:
        found = RULES[code]
        return Finding(
            code=code,
            severity=found.severity,
            message=message,
            location=location(self.targets, path),
            path=path,
        )


def _rule(
    *, code: str, severity: Severity, title: str, checks: str, example: str
) -> Callable[[TargetsCheck], TargetsCheck]:
    """Register a 申报表 rule in the catalogue and in this module's running order."""

    def decorate(func: TargetsCheck) -> TargetsCheck:
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


def review_targets(targets: TargetsForm, policy: Policy) -> list[Finding]:
    """Every 申报表 quality rule on one 申报表, in the order declared."""
    ctx = TargetsContext(targets, policy)
    out: list[Finding] = []
    for code, check in _CHECKS:
        try:
            out.extend(check(ctx))
        except Exception as exc:  # a broken rule must not stop the review
            out.append(
                Finding(
                    code="RULE_FAILED",
                    severity=Severity.INFO,
                    message=f"审核规则 {code}（{RULES[code].title}）运行出错，未能完成这项检查，"
                    f"请人工复核：{type(exc).__name__}: {exc}",
                    location="整张申报表",
                )
            )
    return out


def indicator_rows(targets: TargetsForm) -> Iterator[tuple[int, TargetIndicator]]:
    """Indicator rows that carry something: a name, a target or a weight."""
    for i, ind in enumerate(targets.indicators):
        if ind.name.text or ind.target.text or ind.weight.text:
            yield i, ind


def amount_wan(targets: TargetsForm, text: str) -> Decimal | None:
    """A declared amount of the funds block in 万元: a bare number in the header's unit (÷ 10000
    when the header says 元), or an amount that writes its unit ("480万元", "860,000元")."""
    if not text.strip():
        return None
    number = parse_number(text)
    if number is not None:
        return number / YUAN_PER_WANYUAN if targets.funds.unit.text == YUAN else number
    value = parse_value(text)  # the parser gives money in 万元 (元 ÷ 10000)
    if len(value.clauses) == 1 and value.clauses[0].is_money:
        return value.clauses[0].number
    return None


def in_wan_words(targets: TargetsForm, declared: str) -> str:
    """“860,000.00 元 = 86 万元（按 1 万元 = 10000 元换算）”, “480.00 万元” or “480万元”."""
    amount = amount_wan(targets, declared)
    if parse_number(declared) is None:
        return declared  # the amount writes its unit
    if targets.funds.unit.text == YUAN and amount is not None:
        return f"{declared} 元 = {money(amount)}（按 1 万元 = 10000 元换算）"
    return f"{declared} 万元"


# --- 指向明确: the header -------------------------------------------------------------------

_REQUIRED = (
    ("project_name", "项目名称"),
    ("implementing_unit", "实施单位"),
    ("annual_goal", "年度目标"),
)


@_rule(
    code="TARGETS_HEADER_MISSING",
    severity=ERROR,
    title="申报表缺少必填项",
    checks="项目名称、实施单位、年度目标三项必须填写：没有项目名称和实施单位，申报表对不上预算项目和责任单位；没有年度目标，绩效指标无所依据（101号：指向明确）。",
    example="样例申报表“2025年农村实用技术培训”的实施单位一栏为空。",
)
def header_missing(ctx: TargetsContext) -> Iterator[Finding]:
    for field, label in _REQUIRED:
        if not getattr(ctx.targets, field).text.strip():
            yield ctx.finding("TARGETS_HEADER_MISSING", f"{label}没有填写。", field)


_ATTRIBUTES = ("新增", "延续")
_CHECKED = "√✓✔☑■●▇☒vV"
_UNCHECKED = "□☐○"


def attribute_choice(text: str) -> str | None:
    """新增 or 延续 from what the 项目属性 cell says: the word alone ("延续", "延续项目"), or
    the option ticked among both ("新增项目□ 延续项目√", "☑新增 □延续"); None when neither
    or both are chosen."""
    plain = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    for option in _ATTRIBUTES:
        if plain in (option, f"{option}项目"):
            return option
    chosen = []
    for option in _ATTRIBUTES:
        match = re.search(
            rf"([{_CHECKED}{_UNCHECKED}]?){option}(?:项目)?([{_CHECKED}{_UNCHECKED}]?)", plain
        )
        if match and any(m and m in _CHECKED for m in match.groups()):
            chosen.append(option)
    return chosen[0] if len(chosen) == 1 else None


@_rule(
    code="TARGETS_ATTRIBUTE_INVALID",
    severity=ERROR,
    title="项目属性不是“新增”或“延续”",
    checks="项目属性只能是“新增项目”或“延续项目”（勾选其一亦可）：新增项目要论证立项必要性，延续项目要对照以前年度目标，属性不清就无法按类审核。表样本身没有项目属性一栏的（如财政部参考模板）不查。",
    example="样例申报表“2025年农村实用技术培训”的项目属性写作“新建”。",
)
def attribute_invalid(ctx: TargetsContext) -> Iterator[Finding]:
    attribute = ctx.targets.attribute
    if not attribute.text and attribute.loc is None:
        return  # a template without 项目属性 (the 财政部 参考模板): nothing to check
    text = attribute.text
    if attribute_choice(text) is not None:
        return
    said = f"写作“{short(text, 20)}”" if text.strip() else "没有填写"
    yield ctx.finding(
        "TARGETS_ATTRIBUTE_INVALID",
        f"项目属性{said}，应为“新增”或“延续”之一。",
        "attribute",
    )


# --- 细化量化 -----------------------------------------------------------------------------------


_BARE_NUMBER = re.compile(r"^[\d.,%％\s]+$")


@_rule(
    code="TARGETS_NAME_NOT_DESCRIPTIVE",
    severity=WARNING,
    title="三级指标没有写明考核内容",
    checks="三级指标（指标内容）空着、只写了编号（“指标1：”）或只是一个数字（“88”），看不出考核的是什么，指标值也就无从对应（101号：指向明确）。",
    example="宁乡市坝塘镇 2021 年镇域内基础设施建设项目绩效目标表：各项指标内容写“88”、指标值写“100”；seed 004 公共服务经费：三级指标都写“指标1：”。",
)
def name_not_descriptive(ctx: TargetsContext) -> Iterator[Finding]:
    for i, ind in indicator_rows(ctx.targets):
        name = ind.name.text.strip()
        rest = _ROW_NUMBER.sub("", name).strip()  # “指标1：培训人次” names 培训人次
        if rest and not _BARE_NUMBER.match(rest):
            continue
        said = f"只写“{short(name, 12)}”" if name else "没有填写"
        yield ctx.finding(
            "TARGETS_NAME_NOT_DESCRIPTIVE",
            f"三级指标{said}，看不出考核什么；应写明指标内容（如“培训农民人次”）。",
            f"indicators.{i}.name",
        )


@_rule(
    code="TARGETS_VALUE_NOT_QUANTIFIED",
    severity=WARNING,
    title="绩效指标没有量化或标准",
    checks="三级指标和指标值里都没有任何数字（数量、比率、金额、日期），也不是“优良中差”之类的定性分级标准或要达到的等级（优、良好、合格），年底无法据以考核（101号：细化量化，能量化的尽量量化，不能量化的分级分档）。",
    example="样例申报表“2025年农村实用技术培训”：质量指标“培训质量”，指标性质“定性”，指标值“有效提升”；seed 004 公共服务经费：质量指标的指标值只写“制度执行”。",
)
def value_not_quantified(ctx: TargetsContext) -> Iterator[Finding]:
    for i, ind in indicator_rows(ctx.targets):
        name = _ROW_NUMBER.sub("", ind.name.text)
        if _DIGIT.search(name) or _DIGIT.search(ind.target.text):
            continue
        read = parse_value(ind.target.text) if ind.target.text else None
        if read is not None and (read.scale or read.grade is not None):
            continue  # a graded standard (优良中差, 定性优良中差) or a grade to reach (优, 良好, 合格)
        what = f"指标值只写“{short(ind.target.text, 20)}”" if ind.target.text else "指标值没有填写"
        yield ctx.finding(
            "TARGETS_VALUE_NOT_QUANTIFIED",
            f"{what}，指标名称和指标值中都没有可考核的数值或等级标准。",
            f"indicators.{i}.target",
        )


@_rule(
    code="TARGETS_OUTPUT_RESTATES_GOAL",
    severity=WARNING,
    title="产出指标照抄年度目标",
    checks="产出指标的三级指标或指标值与“年度目标”的文字相同或几乎相同（相似度 70% 以上），没有把目标分解成可考核的数量、质量、时效、成本指标（101号：指标应与目标对应并细化）。",
    example="样例申报表“2025年农村实用技术培训”：数量指标“开展农村实用技术培训，提升农民种植技能和收入水平”与年度目标一字不差。",
)
def output_restates_goal(ctx: TargetsContext) -> Iterator[Finding]:
    goal = ctx.targets.annual_goal.text
    if not goal:
        return
    for i, ind in indicator_rows(ctx.targets):
        if ind.level1 != "产出指标":
            continue
        for field in ("name", "target"):
            text = getattr(ind, field).text
            if _restates(text, goal):
                yield ctx.finding(
                    "TARGETS_OUTPUT_RESTATES_GOAL",
                    f"产出指标“{short(text, 30)}”照搬了年度目标“{short(goal, 30)}”，"
                    "应分解为可考核的数量、质量、时效、成本指标。",
                    f"indicators.{i}.{field}",
                )
                break


def _has(targets: TargetsForm, test: Callable[[TargetIndicator], bool]) -> bool:
    return any(test(ind) for _, ind in indicator_rows(targets))


def _is_cost(ind: TargetIndicator) -> bool:
    return ind.level2 == "成本指标"


def _is_satisfaction(ind: TargetIndicator) -> bool:
    return ind.level1 == "满意度指标" or ind.level2 == "服务对象满意度指标"


@_rule(
    code="TARGETS_NO_COST_INDICATOR",
    severity=WARNING,
    title="没有成本指标",
    checks="产出指标下没有一条成本指标：101号要求产出指标包括数量、质量、时效和成本，成本指标反映预算控制要求（如单位成本、总成本不超过预算）。",
    example="（样例申报表都设了成本指标；删去成本指标行后即触发）",
)
def no_cost_indicator(ctx: TargetsContext) -> Iterator[Finding]:
    if ctx.targets.indicators and not _has(ctx.targets, _is_cost):
        yield ctx.finding(
            "TARGETS_NO_COST_INDICATOR",
            "绩效指标中没有成本指标，无法反映预算控制要求（如总成本、单位成本）。",
            "indicators",
        )


@_rule(
    code="TARGETS_NO_SATISFACTION_INDICATOR",
    severity=WARNING,
    title="没有满意度指标",
    checks="绩效指标中没有满意度指标（服务对象满意度）：项目有服务对象时，101号要求设置满意度指标；确无服务对象的项目可说明后忽略。",
    example="样例申报表“2025年农村实用技术培训”：只有产出和效益指标，没有参训农民满意度。",
)
def no_satisfaction_indicator(ctx: TargetsContext) -> Iterator[Finding]:
    if ctx.targets.indicators and not _has(ctx.targets, _is_satisfaction):
        yield ctx.finding(
            "TARGETS_NO_SATISFACTION_INDICATOR",
            "绩效指标中没有满意度指标；项目有服务对象的，应设置服务对象满意度指标。",
            "indicators",
        )


# --- 相互匹配 -----------------------------------------------------------------------------------

# a cost per thing is no total: “单处维修平均成本”, “人均培训成本”, “每公里改造成本”
_PER_UNIT = re.compile(r"单|每|平均|人均|均价|标准|单价")
# a cost that names the whole project's money
_WHOLE = re.compile(r"总成本|总额|总投入|总预算|项目成本|项目资金|项目经费|资金总额|预算|经费")


@_rule(
    code="TARGETS_COST_FUNDS_MISMATCH",
    severity=WARNING,
    title="成本指标与资金总额不匹配",
    checks="成本指标的指标值是金额（万元或元，元按 1 万元 = 10000 元换算成万元）时，与年度资金总额（按表头单位换算成万元）比较：成本上限高于资金总额，或写明是项目总成本、总经费却不等于资金总额，说明成本与预算没有相互匹配（101号：合理可行、相互匹配）。单位成本（单、每、平均、人均）不比。",
    example="样例申报表“2025年农村实用技术培训”：成本指标“项目总成本 ≤95万元”，而年度资金总额 860,000.00 元 = 86 万元。",
)
def cost_funds_mismatch(ctx: TargetsContext) -> Iterator[Finding]:
    total = amount_wan(ctx.targets, ctx.targets.funds.total.text)
    if total is None or total <= 0:
        return
    declared = in_wan_words(ctx.targets, ctx.targets.funds.total.text)
    for i, ind in indicator_rows(ctx.targets):
        if not _is_cost(ind) or _PER_UNIT.search(ind.name.text):
            continue
        value = parse_value(ind.target.text)
        if len(value.clauses) != 1 or not value.clauses[0].is_money:
            continue  # 万元/人, 元/公里 or no amount: not the project's money
        q = value.clauses[0]  # the parser gives money in 万元 (元 ÷ 10000)
        ceiling = q.comparator in (Comparator.LE, Comparator.LT)
        whole = bool(_WHOLE.search(ind.name.text))
        if ceiling and q.number > total:
            why = f"成本上限 {money(q.number)} 高于年度资金总额 {declared}"
        elif whole and q.number != total:
            why = f"项目总成本 {money(q.number)} 与年度资金总额 {declared} 不一致"
        else:
            continue
        yield ctx.finding(
            "TARGETS_COST_FUNDS_MISMATCH",
            f"成本指标“{short(ind.name.text, 20)}”的指标值“{ind.target.text}”：{why}，"
            "成本与预算应相互匹配。",
            f"indicators.{i}.target",
        )


@_rule(
    code="TARGETS_OUTPUT_IS_SPENDING",
    severity=WARNING,
    title="以资金数代替产出目标",
    checks="数量、质量、时效指标的指标值就是项目的资金（年度资金总额、财政拨款或其他资金，都换算成万元比较，元按 1 万元 = 10000 元换算）：花多少钱不是产出（101号：不得以资金投入作为产出指标）。成本指标不查。",
    example="（样例申报表没有这种写法；把“建立居民健康档案人数”的指标值改成“480万元”即触发）",
)
def output_is_spending(ctx: TargetsContext) -> Iterator[Finding]:
    funds = ctx.targets.funds
    amounts = {
        a
        for d in (funds.total, funds.appropriation, funds.other)
        if (a := amount_wan(ctx.targets, d.text)) is not None and a > 0
    }
    if not amounts:
        return
    for i, ind in indicator_rows(ctx.targets):
        if ind.level1 != "产出指标" or _is_cost(ind):
            continue
        value = parse_value(ind.target.text)
        if len(value.clauses) != 1 or not value.clauses[0].is_money:
            continue
        if value.clauses[0].number in amounts:
            yield ctx.finding(
                "TARGETS_OUTPUT_IS_SPENDING",
                f"{ind.level2 or '产出指标'}“{short(ind.name.text, 20)}”的指标值“{ind.target.text}”"
                f"就是项目资金 {money(value.clauses[0].number)}；花多少钱不是产出，"
                "应写要做成什么、做多少。",
                f"indicators.{i}.target",
            )


@_rule(
    code="TARGETS_FUNDS_SOURCES_MISMATCH",
    severity=ERROR,
    title="资金来源之和不等于资金总额",
    checks="“其中：财政拨款”与“其他资金”之和应等于年度资金总额（都换算成万元比较：表头写“元”的除以 10000，金额自带“万元”“元”的按其单位；差额超过 0.01 元即报）；两项都没填时不查。",
    example="（样例申报表来源相符；把财政拨款改成 400 即触发）",
)
def funds_sources_mismatch(ctx: TargetsContext) -> Iterator[Finding]:
    funds = ctx.targets.funds
    total = amount_wan(ctx.targets, funds.total.text)
    written = [d.text for d in (funds.appropriation, funds.other) if d.text]
    parts = [amount_wan(ctx.targets, text) for text in written]
    if total is None or not parts or any(p is None for p in parts):
        return
    summed = sum((p for p in parts if p is not None), Decimal(0))
    if abs(summed - total) <= Decimal("0.0001"):  # 0.01 元 in 万元
        return
    yield ctx.finding(
        "TARGETS_FUNDS_SOURCES_MISMATCH",
        f"财政拨款“{funds.appropriation.text or '空'}”加其他资金“{funds.other.text or '空'}”"
        f"合计 {money(summed)}，与年度资金总额 {in_wan_words(ctx.targets, funds.total.text)}不符。",
        "funds.total",
    )


@_rule(
    code="TARGETS_WEIGHTS_NOT_TOTAL",
    severity=WARNING,
    title="指标分值合计不对",
    checks="申报表为绩效指标设了分值（权重）时，各指标分值之和应为总分（评分规则的 weights.total，通常 100），或总分减去预算执行的分值（通常 100 − 10 = 90，预算执行另计）；有的指标有分值、有的没有也报。",
    example="样例申报表“2025年农村实用技术培训”：分值 20+20+15+5+10+15+10 = 95，既不是 100 也不是 90。",
)
def weights_not_total(ctx: TargetsContext) -> Iterator[Finding]:
    rows = list(indicator_rows(ctx.targets))
    weighted = [(i, ind) for i, ind in rows if ind.weight.text.strip()]
    if not weighted:
        return
    unweighted = [i for i, ind in rows if not ind.weight.text.strip()]
    if unweighted:
        first = unweighted[0]
        yield ctx.finding(
            "TARGETS_WEIGHTS_NOT_TOTAL",
            f"{len(weighted)} 条指标写了分值，{len(unweighted)} 条没有写（首条为"
            f"{indicator_title(ctx.targets, first)}）。",
            f"indicators.{first}.weight",
        )
    numbers = [parse_number(ind.weight.text) for _, ind in weighted]
    if any(n is None for n in numbers):
        return
    summed = sum((n for n in numbers if n is not None), Decimal(0))
    weights = ctx.policy.weights
    allowed = {weights.total, weights.total - weights.execution}
    if summed in allowed:
        return
    terms = "+".join(fmt(n) for n in numbers if n is not None)
    yield ctx.finding(
        "TARGETS_WEIGHTS_NOT_TOTAL",
        f"各指标分值合计 {terms} = {fmt(summed)}，应为 {fmt(weights.total)}"
        f"（或预算执行另计 {fmt(weights.execution)} 分时的 {fmt(weights.total - weights.execution)}）。",
        "indicators",
    )
