"""The chain: one project's documents checked against each other (domain.md §13, issue 13).

- the self-evaluation against the 绩效目标申报表 approved with the budget of the same year:
  indicators added, dropped or renamed, target values and weights changed;
- the self-evaluation against the year's 绩效运行监控表: the July forecast against the December
  actual, "完全不可能" in July against full marks in December, 全年预计执行数 against 全年执行数;
- across years: a target set below last year's actual (`check_targets_history`), every indicator at
  full marks three years running (`check_chain(..., history=...)`).

Every finding sits in one document (its ``path`` and ``location``) and points at the other
(``related_kind`` / ``related_year`` / ``related_path``), and its message names both values.
Indicators are matched by level and normalised name (`jixiao.model.identity.normalised_name`),
a renamed one by a similar name in the same group; values are compared after `jixiao.values`
reads them, so "≥95%" and "不低于95%" are one target.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from difflib import SequenceMatcher
from typing import Protocol

from jixiao.extract.vocabulary import vocabulary
from jixiao.model.finding import Finding, Severity
from jixiao.model.form import Declared, Form
from jixiao.model.identity import normalised_name
from jixiao.model.monitoring import MonitoringForm
from jixiao.model.targets import TargetsForm
from jixiao.review.common import fmt, number, pct, says_something
from jixiao.review.monitoring import IMPOSSIBLE, likelihood_of
from jixiao.review.registry import RULES, document_rule, location, short
from jixiao.scoring.amounts import funds_scale
from jixiao.scoring.policy import Monitoring, Policy
from jixiao.values import compare, pairs, parse_value
from jixiao.values.model import Value

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
FAMILY = "chain"
DOCUMENT = "chain"
# least similarity of two normalised names for one indicator renamed
RENAME_SIMILARITY = 0.6
TEN_THOUSAND = Decimal(10000)


class _Row(Protocol):
    """An indicator row of any of the three documents."""

    level1: str
    level2: str
    name: Declared
    target: Declared


@dataclass(frozen=True)
class Pair:
    mine: int  # index in the document checked
    theirs: int  # index in the other document
    renamed: bool = False


@dataclass
class Matching:
    pairs: list[Pair]
    added: list[int]  # rows of the document checked that the other lacks
    dropped: list[int]  # rows of the other document the checked one lacks


def _key(row: _Row) -> str:
    return normalised_name(row.name.text)


def _placeholder(row: _Row) -> bool:
    return vocabulary().is_placeholder(row.name.text)


def match_indicators(mine: Sequence[_Row], theirs: Sequence[_Row]) -> Matching:
    """Pair the indicator rows of two documents of one project: the same level-1, level-2 and
    normalised name first; then the same level-1 and name (a level-2 read another way); then,
    among what is left in the same level-1 group, the most similar names (a rename). Names such as
    "指标1：" say nothing and are matched only with their level-2 exactly."""
    left_mine = list(range(len(mine)))
    left_theirs = list(range(len(theirs)))
    found: list[Pair] = []

    def take(key: Callable[[_Row], tuple[str, ...]], named_only: bool) -> None:
        waiting: dict[tuple[str, ...], list[int]] = {}
        for j in left_theirs:
            if named_only and _placeholder(theirs[j]):
                continue
            waiting.setdefault(key(theirs[j]), []).append(j)
        for i in list(left_mine):
            if named_only and _placeholder(mine[i]):
                continue
            options = waiting.get(key(mine[i]))
            if options:
                j = options.pop(0)
                found.append(Pair(i, j))
                left_mine.remove(i)
                left_theirs.remove(j)

    take(lambda r: (r.level1, r.level2, _key(r)), named_only=False)
    take(lambda r: (r.level1, _key(r)), named_only=True)
    scored = sorted(
        (
            (SequenceMatcher(None, _key(mine[i]), _key(theirs[j])).ratio(), i, j)
            for i in left_mine
            for j in left_theirs
            if mine[i].level1 == theirs[j].level1
            and not _placeholder(mine[i])
            and not _placeholder(theirs[j])
        ),
        key=lambda x: (-x[0], x[1], x[2]),
    )
    for ratio, i, j in scored:
        if ratio < RENAME_SIMILARITY:
            break
        if i in left_mine and j in left_theirs:
            found.append(Pair(i, j, renamed=True))
            left_mine.remove(i)
            left_theirs.remove(j)
    found.sort(key=lambda p: p.mine)
    return Matching(found, left_mine, left_theirs)


def same_target(a: str, b: str) -> bool:
    """Two targets say the same: the same text once normalised, or the same clauses (number,
    unit and direction) once read — "≥95%" and "不低于95%" are one target, "≥95%" and "≥90%" not."""
    if normalised_name(a) == normalised_name(b):
        return True
    va, vb = parse_value(a), parse_value(b)
    if not va.clauses or len(va.clauses) != len(vb.clauses):
        return False
    matched = pairs(va, vb)
    return len(matched) == len(va.clauses) and all(
        x.number == y.number and x.comparator.direction == y.comparator.direction
        for x, y in matched
    )


def _name(row: _Row) -> str:
    """An indicator as a clerk names it: its name, or its group and place for "指标1："."""
    if _placeholder(row):
        return f"{row.level2 or row.level1}“{row.name.text}”"
    return f"“{short(row.name.text, 30)}”"


# --- registering and building findings --------------------------------------------------------


def chain_rule(
    *, code: str, severity: Severity, title: str, checks: str, example: str
) -> Callable[[Callable[..., Iterator[Finding]]], Callable[..., Iterator[Finding]]]:
    return document_rule(
        code=code,
        severity=severity,
        family=FAMILY,
        title=title,
        checks=checks,
        example=example,
        document=DOCUMENT,
    )


def _on_form(
    form: Form, code: str, message: str, path: str, kind: str, year: int | None, related: str
) -> Finding:
    return Finding(
        code=code,
        severity=RULES[code].severity,
        message=message,
        location=location(form, path),
        path=path,
        related_kind=kind,
        related_year=year,
        related_path=related,
    )


def _year(doc: Form | TargetsForm | MonitoringForm, fallback: int | None) -> int | None:
    return doc.year if doc.year is not None else fallback


# --- the self-evaluation against the approved targets -----------------------------------------


@chain_rule(
    code="CHAIN_INDICATOR_ADDED",
    severity=WARNING,
    title="自评表增加了申报表中没有的指标",
    checks="自评表中的三级指标在同一项目同一年度批复的绩效目标申报表中找不到（按一级、二级指标和名称比对，名称相近的按改名处理）。",
    example="（自评表在批复的申报表之外新增指标时触发）",
)
def indicator_added(form: Form, targets: TargetsForm, matching: Matching) -> Iterator[Finding]:
    year = _year(targets, form.year)
    for i in matching.added:
        ind = form.indicators[i]
        yield _on_form(
            form,
            "CHAIN_INDICATOR_ADDED",
            f"{ind.level2 or ind.level1}{_name(ind)}（年度指标值“{short(ind.target.text, 30)}”）"
            f"不在 {year or ''} 年批复的绩效目标申报表中；自评应使用批复的绩效目标。",
            f"indicators.{i}",
            "targets",
            year,
            "indicators",
        )


@chain_rule(
    code="CHAIN_INDICATOR_DROPPED",
    severity=ERROR,
    title="申报表中的指标在自评表中缺失",
    checks="同一项目同一年度批复的绩效目标申报表中的三级指标，在自评表中找不到：批复的目标没有自评。",
    example="（自评表漏掉申报表中的指标时触发）",
)
def indicator_dropped(form: Form, targets: TargetsForm, matching: Matching) -> Iterator[Finding]:
    year = _year(targets, form.year)
    for j in matching.dropped:
        ind = targets.indicators[j]
        yield _on_form(
            form,
            "CHAIN_INDICATOR_DROPPED",
            f"批复的绩效目标申报表中有{ind.level2 or ind.level1}{_name(ind)}"
            f"（指标值“{short(ind.target.text, 30)}”），自评表中没有这项指标。",
            "indicators",
            "targets",
            year,
            f"indicators.{j}",
        )


@chain_rule(
    code="CHAIN_INDICATOR_RENAMED",
    severity=WARNING,
    title="指标名称与申报表不同",
    checks="自评表的三级指标与批复的绩效目标申报表中同一组的某项指标名称相近但不相同：指标被改了名，请核实是否为同一指标。",
    example="（申报表“建立居民电子健康档案人数”，自评表写“居民电子健康档案建档人数”时触发）",
)
def indicator_renamed(form: Form, targets: TargetsForm, matching: Matching) -> Iterator[Finding]:
    year = _year(targets, form.year)
    for pair in matching.pairs:
        if not pair.renamed:
            continue
        mine, theirs = form.indicators[pair.mine], targets.indicators[pair.theirs]
        yield _on_form(
            form,
            "CHAIN_INDICATOR_RENAMED",
            f"自评表写“{mine.name.text}”，批复的申报表写“{theirs.name.text}”：名称不同，请核实是否为同一指标。",
            f"indicators.{pair.mine}.name",
            "targets",
            year,
            f"indicators.{pair.theirs}.name",
        )


@chain_rule(
    code="CHAIN_TARGET_CHANGED",
    severity=ERROR,
    title="年度指标值与申报表不同",
    checks="自评表中某项指标的年度指标值与批复的绩效目标申报表不同（按数字、单位和方向比对，写法不同而含义相同的不算）：自评不得擅自改动批复的目标。",
    example="（申报表“保障10个社区154名社工……”，自评表改为“保障10个社区140名社工……”时触发）",
)
def target_changed(form: Form, targets: TargetsForm, matching: Matching) -> Iterator[Finding]:
    year = _year(targets, form.year)
    for pair in matching.pairs:
        mine, theirs = form.indicators[pair.mine], targets.indicators[pair.theirs]
        if not theirs.target.text or same_target(mine.target.text, theirs.target.text):
            continue
        yield _on_form(
            form,
            "CHAIN_TARGET_CHANGED",
            f"{_name(mine)}的年度指标值自评表写“{short(mine.target.text, 40)}”，"
            f"{year or ''} 年批复的申报表为“{short(theirs.target.text, 40)}”。",
            f"indicators.{pair.mine}.target",
            "targets",
            year,
            f"indicators.{pair.theirs}.target",
        )


@chain_rule(
    code="CHAIN_WEIGHT_CHANGED",
    severity=WARNING,
    title="指标分值与申报表不同",
    checks="申报表给指标定了分值（部分地区在申报时即定权重），自评表中同一指标的分值与之不同。",
    example="（申报表分值 10，自评表写 15 时触发）",
)
def weight_changed(form: Form, targets: TargetsForm, matching: Matching) -> Iterator[Finding]:
    year = _year(targets, form.year)
    for pair in matching.pairs:
        mine, theirs = form.indicators[pair.mine], targets.indicators[pair.theirs]
        old, new = number(theirs.weight), number(mine.weight)
        if old is None or new is None or old == new:
            continue
        yield _on_form(
            form,
            "CHAIN_WEIGHT_CHANGED",
            f"{_name(mine)}的分值自评表为 {mine.weight.text}，批复的申报表为 {theirs.weight.text}。",
            f"indicators.{pair.mine}.weight",
            "targets",
            year,
            f"indicators.{pair.theirs}.weight",
        )


_TARGET_RULES = (
    indicator_added,
    indicator_dropped,
    indicator_renamed,
    target_changed,
    weight_changed,
)


# --- the self-evaluation against the monitoring of the year -----------------------------------


@chain_rule(
    code="CHAIN_UNLIKELY_FULL_SCORE",
    severity=ERROR,
    title="监控时“完全不可能”完成，自评却得满分",
    checks="年中绩效运行监控表中完成目标可能性为“完全不可能”的指标，年底自评表中得了满分：要么监控时判断有误，要么自评偏高，须说明。",
    example="安贞街道 公共服务经费 2020年：7月监控表数量指标“完全不可能”（全年预计保障 148 名社工），年底自评该指标得 10 分（满分）。",
)
def unlikely_full_score(
    form: Form, monitoring: MonitoringForm, matching: Matching, settings: Monitoring
) -> Iterator[Finding]:
    year = _year(monitoring, form.year)
    period = monitoring.period.text or "年中"
    for pair in matching.pairs:
        mine, theirs = form.indicators[pair.mine], monitoring.indicators[pair.theirs]
        if likelihood_of(theirs.likelihood) != IMPOSSIBLE:
            continue
        weight, score = number(mine.weight), number(mine.score)
        if weight is None or score is None or weight <= 0 or score < weight:
            continue
        forecast = (
            f"（全年预计“{short(theirs.forecast.text, 30)}”）" if theirs.forecast.text else ""
        )
        yield _on_form(
            form,
            "CHAIN_UNLIKELY_FULL_SCORE",
            f"{period}监控表中{_name(mine)}的完成目标可能性为“完全不可能”{forecast}，"
            f"年底自评却得满分 {mine.score.text} 分（分值 {mine.weight.text}），实际完成“{short(mine.actual.text, 30)}”。",
            f"indicators.{pair.mine}.score",
            "monitoring",
            year,
            f"indicators.{pair.theirs}.likelihood",
        )


def _apart(forecast: Decimal, actual: Decimal) -> Decimal | None:
    """|actual − forecast| ÷ forecast; None when the forecast is 0."""
    if forecast == 0:
        return None
    return abs(actual - forecast) / abs(forecast)


@chain_rule(
    code="CHAIN_FORECAST_FAR",
    severity=WARNING,
    title="年底实际完成值与监控时的全年预计相差过大",
    checks="年中监控表的全年预计完成值与年底自评表的实际完成值都是可比较的数量，两者相差超过预计值的 20%（评分规则 monitoring.forecast_gap）：预计不准或情况有变，须说明。",
    example="（监控表全年预计“32500人”，自评实际“21000人”时触发）",
)
def forecast_far(
    form: Form, monitoring: MonitoringForm, matching: Matching, settings: Monitoring
) -> Iterator[Finding]:
    year = _year(monitoring, form.year)
    for pair in matching.pairs:
        mine, theirs = form.indicators[pair.mine], monitoring.indicators[pair.theirs]
        found = compare(parse_value(theirs.forecast.text), parse_value(mine.actual.text))
        if found is None:
            continue
        expected, got = found
        apart = _apart(expected.number, got.number)
        if apart is None or apart <= settings.forecast_gap:
            continue
        yield _on_form(
            form,
            "CHAIN_FORECAST_FAR",
            f"{_name(mine)}年底实际完成“{short(mine.actual.text, 30)}”，"
            f"{monitoring.period.text or '年中'}监控时全年预计“{short(theirs.forecast.text, 30)}”，"
            f"相差 {pct(apart)}，超过 {pct(settings.forecast_gap)}。",
            f"indicators.{pair.mine}.actual",
            "monitoring",
            year,
            f"indicators.{pair.theirs}.forecast",
        )


def _monitoring_wan(monitoring: MonitoringForm, amount: Decimal) -> tuple[Decimal, str]:
    """The monitoring table's amount in 万元, and how it was converted (its header's unit)."""
    if monitoring.funds.unit.text == "元":
        return (
            amount / TEN_THOUSAND,
            f"（表头单位为元，{fmt(amount)} 元即 {fmt(amount / TEN_THOUSAND)} 万元）",
        )
    return amount, ""


@chain_rule(
    code="CHAIN_SPENDING_FORECAST_FAR",
    severity=WARNING,
    title="全年执行数与监控时的全年预计执行数相差过大",
    checks="年中监控表的全年预计执行数与年底自评表的全年执行数相差超过预计数的 20%（评分规则 monitoring.forecast_gap）；两表金额都换算为万元比较。",
    example="（监控表全年预计执行 2000 万元，自评全年执行 1200 万元时触发）",
)
def spending_forecast_far(
    form: Form, monitoring: MonitoringForm, matching: Matching, settings: Monitoring
) -> Iterator[Finding]:
    forecast = number(monitoring.funds.forecast)
    executed = number(form.funds.total.executed)
    if forecast is None or executed is None:
        return
    forecast_wan, how_forecast = _monitoring_wan(monitoring, forecast)
    scale = funds_scale(form)
    executed_wan = scale.to_wanyuan(executed)
    if executed_wan is None:
        return
    how_executed = (
        f"（自评表金额按元填写，{fmt(executed)} 元即 {fmt(executed_wan)} 万元）"
        if executed_wan != executed
        else ""
    )
    apart = _apart(forecast_wan, executed_wan)
    if apart is None or apart <= settings.forecast_gap:
        return
    yield _on_form(
        form,
        "CHAIN_SPENDING_FORECAST_FAR",
        f"全年执行数 {fmt(executed_wan)} 万元{how_executed}，"
        f"{monitoring.period.text or '年中'}监控表的全年预计执行数为 {fmt(forecast_wan)} 万元{how_forecast}，"
        f"相差 {pct(apart)}，超过 {pct(settings.forecast_gap)}。",
        "funds.total.executed",
        "monitoring",
        _year(monitoring, form.year),
        "funds.forecast",
    )


_MONITORING_RULES = (unlikely_full_score, forecast_far, spending_forecast_far)


# --- across years ---------------------------------------------------------------------------


def _full_marks(form: Form) -> bool:
    """Every weighted indicator of the form scored its full weight (and there is one)."""
    scored = [
        (w, s)
        for ind in form.indicators
        if (w := number(ind.weight)) is not None and w > 0 and (s := number(ind.score)) is not None
    ]
    weighted = [ind for ind in form.indicators if (w := number(ind.weight)) is not None and w > 0]
    return bool(scored) and len(scored) == len(weighted) and all(s >= w for w, s in scored)


@chain_rule(
    code="CHAIN_FULL_MARKS_THREE_YEARS",
    severity=WARNING,
    title="连续三年所有指标均得满分",
    checks="同一项目本年和此前连续两年（如 2018、2019、2020 年）的自评表中，每项三级指标都得了满分：目标可能定得过低，或自评流于形式，应提高目标或如实评价。",
    example="（同一项目 2018、2019、2020 年自评表所有指标均为满分时触发）",
)
def full_marks_three_years(form: Form, history: Sequence[Form]) -> Iterator[Finding]:
    earlier = [f for f in history if f.year is None or form.year is None or f.year < form.year]
    if len(earlier) < 2 or not _full_marks(form):
        return
    last, before = earlier[0], earlier[1]
    if form.year is not None and (last.year, before.year) != (form.year - 1, form.year - 2):
        return  # not three years running (a year is missing in between)
    if not (_full_marks(last) and _full_marks(before)):
        return
    years = [y for y in (before.year, last.year, form.year) if y is not None]
    when = "、".join(str(y) for y in years) + " 年" if len(years) == 3 else "连续三年"
    yield _on_form(
        form,
        "CHAIN_FULL_MARKS_THREE_YEARS",
        f"{when}的自评表中所有指标都得了满分（本年 {len(form.indicators)} 项、上年 "
        f"{len(last.indicators)} 项、前年 {len(before.indicators)} 项）：目标是否定得过低？",
        "indicators",
        "self",
        before.year,
        "indicators",
    )


def check_chain(
    form: Form,
    *,
    targets: TargetsForm | None = None,
    monitoring: MonitoringForm | None = None,
    history: Sequence[Form] = (),
    policy: Policy | None = None,
) -> list[Finding]:
    """The chain findings of one self-evaluation: against the approved ``targets`` and the
    ``monitoring`` of its project and year, and its ``history`` (the same project's earlier
    self-evaluations, newest first). ``policy`` gives the forecast gap (its defaults otherwise)."""
    settings = policy.monitoring if policy is not None else Monitoring()
    out: list[Finding] = []
    if (
        targets is not None and targets.indicators
    ):  # a 申报表 read without indicators: its own finding
        matching = match_indicators(form.indicators, targets.indicators)
        for rule in _TARGET_RULES:
            out.extend(rule(form, targets, matching))
    if monitoring is not None:
        matching = match_indicators(form.indicators, monitoring.indicators)
        for check in _MONITORING_RULES:
            out.extend(check(form, monitoring, matching, settings))
    out.extend(full_marks_three_years(form, history))
    return out


# --- a new year's targets against last year's self-evaluation ---------------------------------


def _direction_below(target: Value, actual: Value) -> tuple[str, str] | None:
    """(target clause, last year's actual clause) as written when the target asks for less than
    was done: a 正向 target below the actual, a 反向 one above it."""
    found = compare(target, actual)
    if found is None:
        return None
    t, a = found
    direction = t.comparator.direction
    if direction == "正向" and t.number < a.number:
        return t.text or target.text, a.text or actual.text
    if direction == "反向" and t.number > a.number:
        return t.text or target.text, a.text or actual.text
    return None


def _targets_location(targets: TargetsForm, path: str) -> str:
    from jixiao.review import target_quality  # the 申报表's own words for its cells

    return target_quality.location(targets, path)


@chain_rule(
    code="CHAIN_TARGET_BELOW_LAST_ACTUAL",
    severity=WARNING,
    title="目标低于上年实际完成值",
    checks="新一年申报表的定量指标值低于同一项目上年自评表中同一指标的实际完成值（反向指标则高于上年实际）：目标定得保守，应说明理由（财预〔2021〕101号：合理可行、适度从紧）。",
    example="（上年实际开展活动 157 次，本年目标“≥35次”时触发）",
)
def target_below_last_actual(targets: TargetsForm, last_year: Form) -> Iterator[Finding]:
    matching = match_indicators(targets.indicators, last_year.indicators)
    for pair in matching.pairs:
        mine, theirs = targets.indicators[pair.mine], last_year.indicators[pair.theirs]
        if not says_something(theirs.actual):
            continue
        below = _direction_below(parse_value(mine.target.text), parse_value(theirs.actual.text))
        if below is None:
            continue
        target_text, actual_text = below
        path = f"indicators.{pair.mine}.target"
        yield Finding(
            code="CHAIN_TARGET_BELOW_LAST_ACTUAL",
            severity=RULES["CHAIN_TARGET_BELOW_LAST_ACTUAL"].severity,
            message=f"{_name(mine)}本年目标“{target_text}”，"
            f"{last_year.year or '上'}年实际完成“{actual_text}”：目标低于上年已达到的水平。",
            location=_targets_location(targets, path),
            path=path,
            related_kind="self",
            related_year=last_year.year,
            related_path=f"indicators.{pair.theirs}.actual",
        )


def check_targets_history(targets: TargetsForm, last_year: Form | None) -> list[Finding]:
    """The findings of a 申报表 against the same project's self-evaluation of the year before."""
    if last_year is None:
        return []
    return list(target_below_last_actual(targets, last_year))
