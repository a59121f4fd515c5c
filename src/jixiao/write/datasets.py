"""Datasets: the forms, indicators and findings of checked forms as three flat tables.

Researchers, auditors and the finance bureau want the forms as data they can load into Excel,
pandas or DuckDB. Three tables, joined by ``form_key``:

- ``forms``: one row per form — who, how much money, declared beside computed, the grade and
  how many findings of each severity;
- ``indicators``: one row per level-3 indicator, carrying its form's keys, the declared texts and
  what jixiao read and computed from them;
- ``findings``: one row per review finding, carrying its form's keys.

The columns are data (``COLUMNS``): a name, a Chinese title, a type, a Chinese description, an
example and how to get the value. Every writer and docs/datasets.md come from that one list, so
a column cannot be documented one way and written another. Run
``python -m jixiao.write.datasets`` to rewrite docs/datasets.md; a test checks it is current.

Choices worth knowing:

- Declared values stay text, exactly as the form wrote them (``"100%"``, ``"1000"``); what jixiao
  computes is a number. A difference between the two is a finding, never corrected here.
- Decimal columns are ``decimal.Decimal`` and Parquet ``decimal128(38, scale)``: exact, unlike
  floats, and read back by pandas/DuckDB as decimals. The scale is per column (money 6, scores 4,
  percentages 2), more than the built-in policies ever produce, so nothing is rounded; a value
  with more places (a custom policy keeping 6 decimals) is rounded half-up to the scale, and a
  value beyond 10^(38 − scale) is left empty. Percentages are numbers of percent (90.10, not
  0.901) so the figure reads as the form writes it.
- CSV is UTF-8 with a BOM, ``\\r\\n`` line ends and the csv module's quoting, so Excel opens it
  with the Chinese intact. Formula injection: a text cell that starts with ``= + - @``, a tab or
  a carriage return gets a leading ``'`` in CSV (the OWASP mitigation), because Excel would run
  it as a formula; in xlsx text cells are written as text, never as formulas, and keep the
  original; Parquet keeps the original.
- xlsx cannot hold control characters other than tab and newline, nor more than 32,767
  characters in a cell: those characters are dropped and an overlong cell is cut, with "…".
  An empty text is an empty cell.
- Writing streams: rows are produced one at a time from the checked forms; xlsx uses openpyxl's
  write-only mode and Parquet is written in row groups, so 10,000 forms stay well within memory.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from jixiao.docs import DOCS, write_page
from jixiao.model.finding import Finding, Severity
from jixiao.model.form import Indicator
from jixiao.model.review import FormReview
from jixiao.scoring.computed import ComputedIndicator
from jixiao.services.check import CheckedForm
from jixiao.values.model import Kind, Quantity

TABLES = ("forms", "indicators", "findings")
TABLE_TITLES = {"forms": "自评表", "indicators": "绩效指标", "findings": "审核发现"}
TEXT, DECIMAL, INTEGER = "text", "decimal", "integer"
TYPE_TITLES = {TEXT: "文字", DECIMAL: "小数", INTEGER: "整数"}
PRECISION = 38  # decimal128's widest: no budget or score comes near it
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CELL_LIMIT = 32767
XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
PARQUET_BATCH = 4096
DOC = DOCS / "datasets.md"

Out = str | Path | IO[bytes]


@dataclass(frozen=True)
class Column:
    """One column of a table: what it is called, what it means, and how to get it from a row."""

    name: str
    title: str
    type: str  # TEXT, DECIMAL or INTEGER
    description: str
    example: str
    get: Callable[[Any], object]
    scale: int = 0  # digits after the decimal point (DECIMAL only)

    @property
    def type_title(self) -> str:
        if self.type == DECIMAL:
            return f"小数（{self.scale} 位小数）"
        return TYPE_TITLES[self.type]


@dataclass(frozen=True, slots=True)
class FormRow:
    key: str
    checked: CheckedForm
    review: FormReview | None = None  # what the web application knows of its review


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    key: str
    checked: CheckedForm
    number: int  # 1-based position among the form's indicators
    indicator: Indicator
    computed: ComputedIndicator
    review: FormReview | None = None


@dataclass(frozen=True, slots=True)
class FindingRow:
    key: str
    checked: CheckedForm
    finding: Finding


# --- readings the columns share -----------------------------------------------------------------

KIND_TITLES = {
    Kind.EMPTY: "空",
    Kind.NUMBER: "数值",
    Kind.QUALITATIVE: "定性",
    Kind.DATE: "日期",
    Kind.TEXT: "文字",
}
MONEY, SCORE, PERCENT, NUMBER = 6, 4, 2, 6  # scales


def _percent(rate: Decimal | None) -> Decimal | None:
    return None if rate is None else rate * 100


def _yes_no(flag: bool | None) -> str | None:
    return None if flag is None else ("是" if flag else "否")


def _source_row(ind: Indicator) -> int | None:
    """The indicator's row in its source table, 1-based as finding locations say it."""
    for value in (ind.name, ind.target, ind.actual, ind.weight, ind.score, ind.deviation):
        if value.loc is not None:
            return value.loc.row + 1
    return None


def _quantities(c: ComputedIndicator) -> tuple[Quantity | None, Quantity | None]:
    """The target and actual figures jixiao read: the first compared pair, else the first figure
    of each cell."""
    if c.clauses:
        return c.clauses[0].target, c.clauses[0].actual
    target = c.target.first if c.target is not None else None
    actual = c.actual.first if c.actual is not None else None
    return target, actual


def _target(row: IndicatorRow) -> Quantity | None:
    return _quantities(row.computed)[0]


def _actual(row: IndicatorRow) -> Quantity | None:
    return _quantities(row.computed)[1]


def _review(attribute: str) -> Callable[[FormRow], object]:
    """A field of the form's review; empty without one (the command line knows no review)."""
    return lambda r: getattr(r.review, attribute) if r.review is not None else None


def _comments(r: FormRow) -> str | None:
    return "\n".join(r.review.comments) if r.review is not None and r.review.comments else None


def _finding_indicator(finding: Finding) -> int | None:
    """``indicators.3.score`` → 4, the indicator number in the indicators table."""
    match = re.match(r"indicators\.(\d+)(\.|$)", finding.path)
    return int(match.group(1)) + 1 if match else None


# the examples in the column definitions are real: the forms and findings tables show seed 004's
# 公共服务经费 (and its FUNDS_RATE_MISMATCH), the indicators table the first indicator of seed
# 003's 统计所经费; a test checks them against what the writers give for those rows
EXAMPLE_FORM = (
    "004_b10b36a27f1da553.txt#0",
    "2020",
    "公共服务经费",
    "安贞街道办事处",
    "社区建设办公室",
)
EXAMPLE_INDICATOR_FORM = (
    "003_ef0035a2046f2b5a.txt#1",
    "2023",
    "统计所经费",
    "北京市通州区潞源街道办事处",
    "北京市通州区潞源街道办事处",
)


def _keys(examples: tuple[str, str, str, str, str] = EXAMPLE_FORM) -> list[Column]:
    """The form's keys every table carries, so a row can be read (and filtered) on its own."""
    key, year, project, department, unit = examples
    return [
        Column(
            "form_key",
            "表键",
            TEXT,
            "一张自评表的标识，三张表用它关联。默认是“文件名#序号”（序号从 0 起；不同文件夹中有同名文件时"
            "用文件路径代替文件名）；从 Web 应用导出时是记录编号。",
            key,
            lambda r: r.key,
        ),
        Column("year", "年度", INTEGER, "自评表的年度。", year, lambda r: r.checked.form.year),
        Column(
            "project_name",
            "项目名称",
            TEXT,
            "表中填写的项目名称。",
            project,
            lambda r: r.checked.form.project_name.text,
        ),
        Column(
            "department",
            "主管部门",
            TEXT,
            "表中填写的主管部门。",
            department,
            lambda r: r.checked.form.department.text,
        ),
        Column(
            "implementing_unit",
            "实施单位",
            TEXT,
            "表中填写的实施单位。",
            unit,
            lambda r: r.checked.form.implementing_unit.text,
        ),
    ]


def _count(severity: Severity) -> Callable[[FormRow], int]:
    return lambda r: r.checked.counts()[severity]


FORM_COLUMNS: tuple[Column, ...] = (
    *_keys(),
    Column(
        "file",
        "文件名",
        TEXT,
        "自评表所在的文件（只有文件名，不含文件夹）。",
        "004_b10b36a27f1da553.txt",
        lambda r: Path(r.checked.form.source.file).name,
    ),
    Column(
        "form_index",
        "文件中的序号",
        INTEGER,
        "这张表是文件中的第几张，从 0 起。",
        "0",
        lambda r: r.checked.form.source.index,
    ),
    Column(
        "sha256",
        "文件 SHA-256",
        TEXT,
        "文件内容的 SHA-256 摘要，用来确认数据来自哪个文件版本。",
        "cb0278c76ebe2747…",
        lambda r: r.checked.form.source.sha256,
    ),
    Column(
        "manager",
        "项目负责人",
        TEXT,
        "表中填写的项目负责人。",
        "陈静超",
        lambda r: r.checked.form.manager.text,
    ),
    Column(
        "initial_budget",
        "年初预算数（填报）",
        TEXT,
        "年度资金总额行的年初预算数，按表中原文（万元）。",
        "2175.9657",
        lambda r: r.checked.form.funds.total.initial_budget.text,
    ),
    Column(
        "annual_budget",
        "全年预算数（填报）",
        TEXT,
        "年度资金总额行的全年预算数（A），按表中原文（万元）。",
        "2175.9657",
        lambda r: r.checked.form.funds.total.annual_budget.text,
    ),
    Column(
        "executed",
        "全年执行数（填报）",
        TEXT,
        "年度资金总额行的全年执行数（B），按表中原文（万元）。",
        "1960.5869",
        lambda r: r.checked.form.funds.total.executed.text,
    ),
    Column(
        "annual_budget_number",
        "全年预算数（读数）",
        DECIMAL,
        "jixiao 读出的年度资金总额行全年预算数，一律以万元计，便于求和：表中按元填写的（见审核"
        "规则 UNIT_FUNDS_IN_YUAN）已除以 10000 换算为万元；读不出时为空。填报原文见 annual_budget。",
        "2175.9657",
        lambda r: r.checked.computed.annual_budget,
        MONEY,
    ),
    Column(
        "executed_number",
        "全年执行数（读数）",
        DECIMAL,
        "jixiao 读出的全年执行数，一律以万元计（按元填写的已换算为万元）；读不出时为空。"
        "填报原文见 executed。",
        "1960.5869",
        lambda r: r.checked.computed.executed,
        MONEY,
    ),
    Column(
        "funds_weight",
        "执行率分值（填报）",
        TEXT,
        "资金表“分值”栏，按表中原文。",
        "10",
        lambda r: r.checked.form.funds.weight.text,
    ),
    Column(
        "execution_rate",
        "执行率（填报）",
        TEXT,
        "资金表年度资金总额行的执行率，按表中原文。",
        "100%",
        lambda r: r.checked.form.funds.execution_rate.text,
    ),
    Column(
        "funds_score",
        "执行得分（填报）",
        TEXT,
        "资金表“得分”栏，按表中原文。",
        "10",
        lambda r: r.checked.form.funds.score.text,
    ),
    Column(
        "execution_rate_computed",
        "执行率（计算，%）",
        DECIMAL,
        "jixiao 按评分规则算出的执行率，以百分数表示（90.10 即 90.10%）；无法计算时为空。",
        "90.10",
        lambda r: _percent(r.checked.computed.execution_rate),
        PERCENT,
    ),
    Column(
        "funds_score_computed",
        "执行得分（计算）",
        DECIMAL,
        "jixiao 按评分规则算出的预算执行率得分；无法计算时为空。",
        "9.01",
        lambda r: r.checked.computed.funds_score,
        SCORE,
    ),
    Column(
        "total_weight",
        "总分值（填报）",
        TEXT,
        "总分行“分值”栏，按表中原文。",
        "100",
        lambda r: r.checked.form.total_weight.text,
    ),
    Column(
        "total_score",
        "总分（填报）",
        TEXT,
        "总分行“得分”栏，按表中原文。",
        "1000",
        lambda r: r.checked.form.total_score.text,
    ),
    Column(
        "total_weight_computed",
        "总分值（计算）",
        DECIMAL,
        "预算执行率分值加各指标分值之和。",
        "100",
        lambda r: r.checked.computed.total_weight,
        SCORE,
    ),
    Column(
        "total_score_computed",
        "总分（计算）",
        DECIMAL,
        "预算执行率得分加各指标得分（无法计算的指标按填报得分计入，见计算说明）。",
        "99.01",
        lambda r: r.checked.computed.total_score,
        SCORE,
    ),
    Column(
        "grade",
        "等级（计算）",
        TEXT,
        "按计算总分和评分规则的等级划分得出：优、良、中、差。",
        "优",
        lambda r: r.checked.computed.grade,
    ),
    Column(
        "policy",
        "评分规则",
        TEXT,
        "计算所用评分规则的名称（beijing、mof-2020 或自定义规则）。",
        "beijing",
        lambda r: r.checked.computed.policy,
    ),
    Column(
        "indicator_count",
        "指标数",
        INTEGER,
        "表中三级指标的行数，等于绩效指标表中这张表的行数。",
        "10",
        lambda r: len(r.checked.form.indicators),
    ),
    Column(
        "error_count",
        "错误数",
        INTEGER,
        "严重程度为“错误”的审核发现条数。",
        "3",
        _count(Severity.ERROR),
    ),
    Column(
        "warning_count",
        "警告数",
        INTEGER,
        "严重程度为“警告”的审核发现条数。",
        "10",
        _count(Severity.WARNING),
    ),
    Column(
        "info_count",
        "提示数",
        INTEGER,
        "严重程度为“提示”的审核发现条数。",
        "0",
        _count(Severity.INFO),
    ),
    Column(
        "status",
        "审核状态",
        TEXT,
        "Web 应用中的状态：草稿、已提交、已退回、已审核。",
        "",
        _review("status"),
    ),
    Column(
        "reviewer",
        "审核人",
        TEXT,
        "最近一次审核决定（通过、退回、重新打开）的审核人。",
        "",
        _review("reviewer"),
    ),
    Column(
        "reviewed_at",
        "审核时间",
        TEXT,
        "最近一次审核决定的时间，如 2024-03-01 09:30。",
        "",
        _review("reviewed_at"),
    ),
    Column(
        "review_levels_passed",
        "已通过审核级数",
        INTEGER,
        "已通过的审核级数（如主管部门一级、财政局一级）；已审核的表为评分规则规定的全部级数。",
        "",
        _review("levels_passed"),
    ),
    Column(
        "open_comments",
        "未处理意见数",
        INTEGER,
        "退回意见中尚未修改或修改后尚未确认的条数。",
        "",
        _review("open_comments"),
    ),
    Column(
        "comments",
        "审核意见",
        TEXT,
        "审核人写下的全部意见，按时间先后每行一条；针对某条审核发现的意见前面注明规则代码。",
        "",
        _comments,
    ),
    Column(
        "funds_score_reviewed",
        "执行得分（复核）",
        DECIMAL,
        "审核人给预算执行率的复核分；没有复核时为空。",
        "",
        lambda r: r.review.score("funds") if r.review is not None else None,
        SCORE,
    ),
    Column(
        "reviewed_total",
        "复核后总分",
        DECIMAL,
        "把审核人的复核分代入后的总分：每项按复核分，没有复核分的按计算得分，无法计算的按填报得分"
        "（不超过分值），按评分规则封顶；没有任何复核分时为空。",
        "",
        _review("reviewed_total"),
        SCORE,
    ),
    Column(
        "reviewed_grade",
        "复核等级",
        TEXT,
        "按复核后总分和评分规则的等级划分得出；没有复核分时为空。",
        "",
        lambda r: (r.review.reviewed_grade or None) if r.review is not None else None,
    ),
)


INDICATOR_COLUMNS: tuple[Column, ...] = (
    *_keys(EXAMPLE_INDICATOR_FORM),
    Column(
        "indicator_no",
        "指标序号",
        INTEGER,
        "这个指标是表中的第几个，从 1 起；与审核发现表的指标序号对应。",
        "1",
        lambda r: r.number,
    ),
    Column(
        "row",
        "原表行号",
        INTEGER,
        "指标在原文件表格中的行号，从 1 起，与审核发现“位置”中的行号一致；没有位置时为空。",
        "56",
        lambda r: _source_row(r.indicator),
    ),
    Column(
        "level1",
        "一级指标",
        TEXT,
        "一级指标的规范名称：产出指标、效益指标、满意度指标；有的表把成本指标列为一级指标。",
        "产出指标",
        lambda r: r.indicator.level1,
    ),
    Column(
        "level1_text",
        "一级指标（原文）",
        TEXT,
        "表中一级指标栏的原文，如“产出指标（50分）”或错字“产出标指”。",
        "产出指标",
        lambda r: r.indicator.level1_text.text,
    ),
    Column(
        "level2",
        "二级指标",
        TEXT,
        "二级指标的规范名称：数量指标、质量指标、时效指标、成本指标、经济效益指标……",
        "数量指标",
        lambda r: r.indicator.level2,
    ),
    Column(
        "level2_text",
        "二级指标（原文）",
        TEXT,
        "表中二级指标栏的原文。",
        "数量指标",
        lambda r: r.indicator.level2_text.text,
    ),
    Column(
        "name",
        "三级指标",
        TEXT,
        "三级指标名称，按表中原文。",
        "聘用统计调查员",
        lambda r: r.indicator.name.text,
    ),
    Column(
        "target",
        "年度指标值（填报）",
        TEXT,
        "年度指标值，按表中原文。",
        "1人",
        lambda r: r.indicator.target.text,
    ),
    Column(
        "actual",
        "实际完成值（填报）",
        TEXT,
        "实际完成值，按表中原文。",
        "1人",
        lambda r: r.indicator.actual.text,
    ),
    Column(
        "weight",
        "分值（填报）",
        TEXT,
        "指标分值，按表中原文。",
        "5",
        lambda r: r.indicator.weight.text,
    ),
    Column(
        "score",
        "得分（填报）",
        TEXT,
        "指标得分，按表中原文。",
        "5",
        lambda r: r.indicator.score.text,
    ),
    Column(
        "deviation",
        "偏差原因分析及改进措施",
        TEXT,
        "按表中原文。",
        "",
        lambda r: r.indicator.deviation.text,
    ),
    Column(
        "target_reading",
        "指标值读作",
        TEXT,
        "jixiao 把年度指标值读成了什么：数值、定性、日期、文字（读不出）或空。",
        "数值",
        lambda r: KIND_TITLES[r.computed.target.kind] if r.computed.target else None,
    ),
    Column(
        "actual_reading",
        "完成值读作",
        TEXT,
        "jixiao 把实际完成值读成了什么：数值、定性、日期、文字（读不出）或空。",
        "数值",
        lambda r: KIND_TITLES[r.computed.actual.kind] if r.computed.actual else None,
    ),
    Column(
        "kind",
        "评分方式",
        TEXT,
        "定量（数值比较）、定性（按结果档次）；无法计算时为空。",
        "定量",
        lambda r: r.computed.kind or None,
    ),
    Column(
        "direction",
        "指标方向",
        TEXT,
        "定量指标的方向：正向（越高越好）、反向（越低越好）、等于。",
        "正向",
        lambda r: r.computed.direction or None,
    ),
    Column(
        "comparator",
        "比较符",
        TEXT,
        "读出的年度指标值的比较符：≥、>、≤、<、=；只写了数时为空。",
        "",
        lambda r: q.comparator.value if (q := _target(r)) else None,
    ),
    Column(
        "target_number",
        "指标值（读数）",
        DECIMAL,
        "从年度指标值（或指标名称）读出的数；一格写了多项时取第一项；读不出时为空。",
        "1",
        lambda r: q.number if (q := _target(r)) else None,
        NUMBER,
    ),
    Column(
        "target_unit",
        "指标值单位",
        TEXT,
        "读出的单位，已规范（金额为万元，百分比为 %）。",
        "人",
        lambda r: q.unit if (q := _target(r)) else None,
    ),
    Column(
        "actual_number",
        "完成值（读数）",
        DECIMAL,
        "从实际完成值读出的数；一格写了多项时取第一项；读不出时为空。",
        "1",
        lambda r: q.number if (q := _actual(r)) else None,
        NUMBER,
    ),
    Column(
        "actual_unit",
        "完成值单位",
        TEXT,
        "读出的单位，已规范。",
        "人",
        lambda r: q.unit if (q := _actual(r)) else None,
    ),
    Column(
        "clause_count",
        "比较项数",
        INTEGER,
        "逐项比较的指标值与完成值的对数；一格写了多项（如“划分网格＝17个；巡查时间≥8小时”）时大于 1。",
        "1",
        lambda r: len(r.computed.clauses),
    ),
    Column(
        "target_from_name",
        "指标值取自名称",
        TEXT,
        "“是”表示年度指标值栏只写了“完成预期指标”之类，数值取自指标名称（如“满意度≥90%”）。",
        "否",
        lambda r: _yes_no(r.computed.target_from_name),
    ),
    Column(
        "weight_computed",
        "分值（读数）",
        DECIMAL,
        "把填报的分值按数字读出；读不出时为空，此时不能计算得分。",
        "5",
        lambda r: r.computed.weight,
        SCORE,
    ),
    Column(
        "score_computed",
        "得分（计算）",
        DECIMAL,
        "jixiao 按评分规则算出的得分；无法计算时为空（原因见计算说明）。",
        "5.00",
        lambda r: r.computed.score,
        SCORE,
    ),
    Column(
        "met",
        "是否达到目标",
        TEXT,
        "是、否；无法判断时为空。",
        "是",
        lambda r: _yes_no(r.computed.met),
    ),
    Column(
        "outcome",
        "定性结果",
        TEXT,
        "定性指标的结果档次：达成、部分达成、未达成。",
        "",
        lambda r: r.computed.outcome,
    ),
    Column(
        "explanation",
        "计算说明",
        TEXT,
        "得分是怎么算出来的：用了哪条规则、哪些输入、什么公式；无法计算时说明原因。",
        "正向指标 1人，实际 1人 达到目标，满分；得分 = 5 × 100.00% = 5",
        lambda r: r.computed.explanation,
    ),
    Column(
        "reviewed_score",
        "得分（复核）",
        DECIMAL,
        "审核人给这个指标的复核分；没有复核时为空。",
        "",
        lambda r: r.review.score(f"indicators[{r.number - 1}]") if r.review is not None else None,
        SCORE,
    ),
)


FINDING_COLUMNS: tuple[Column, ...] = (
    *_keys(),
    Column(
        "code",
        "规则代码",
        TEXT,
        "审核规则的代码，固定不变；全部规则见 docs/rules.md。",
        "FUNDS_RATE_MISMATCH",
        lambda r: r.finding.code,
    ),
    Column(
        "severity",
        "严重程度",
        TEXT,
        "error（错误）、warning（警告）、info（提示）。",
        "error",
        lambda r: r.finding.severity.value,
    ),
    Column(
        "severity_label",
        "严重程度（中文）",
        TEXT,
        "错误、警告、提示。",
        "错误",
        lambda r: r.finding.severity.label,
    ),
    Column(
        "message",
        "说明",
        TEXT,
        "发现了什么问题，写明涉及的数值。",
        "执行率应为 90.10%（1960.5869 ÷ 2175.9657），表中填 100%；按此得分应为 9.01，表中填 10。",
        lambda r: r.finding.message,
    ),
    Column(
        "location",
        "位置",
        TEXT,
        "问题所在的单元格。",
        "资金表·年度资金总额·执行率，第1个表格第6行第7列",
        lambda r: r.finding.location,
    ),
    Column(
        "path",
        "数据路径",
        TEXT,
        "问题在自评表数据（jixiao parse --json）中的路径。",
        "funds.execution_rate",
        lambda r: r.finding.path,
    ),
    Column(
        "indicator_no",
        "指标序号",
        INTEGER,
        "问题涉及某个指标时，该指标的序号（与绩效指标表对应）；否则为空。",
        "",
        lambda r: _finding_indicator(r.finding),
    ),
)

COLUMNS: dict[str, tuple[Column, ...]] = {
    "forms": FORM_COLUMNS,
    "indicators": INDICATOR_COLUMNS,
    "findings": FINDING_COLUMNS,
}
TABLE_DESCRIPTIONS = {
    "forms": "每张自评表一行：单位与项目、资金（填报值与计算值并列）、总分、等级和审核发现的条数。",
    "indicators": "每个三级指标一行：所属自评表的键、表中填报的原文，以及 jixiao 读出和算出的值。",
    "findings": "每条审核发现一行：所属自评表的键、规则代码、严重程度、说明和位置。",
}
TABLE_KEYS = {
    "forms": "form_key（每行唯一）",
    "indicators": "form_key + indicator_no（每行唯一）",
    "findings": "form_key（一张表可有多条发现；同一张表内按发现的先后排列）",
}


# --- rows ---------------------------------------------------------------------------------------


def default_keys(checked: Sequence[CheckedForm]) -> list[str]:
    """``<file name>#<index>`` for forms read from files; the file's path instead of its name
    where two different files share a name (a/自评表.docx, b/自评表.docx), so keys stay unique."""
    files: dict[str, set[str]] = {}
    for one in checked:
        files.setdefault(Path(one.form.source.file).name, set()).add(one.form.source.file)
    keys = []
    for one in checked:
        source = one.form.source
        name = Path(source.file).name
        keys.append(f"{name if len(files[name]) == 1 else source.file}#{source.index}")
    return keys


def _contexts(
    checked: Sequence[CheckedForm],
    table: str,
    form_keys: Sequence[str] | None,
    reviews: Sequence[FormReview | None] | None = None,
) -> Iterator[object]:
    keys = form_keys if form_keys is not None else default_keys(checked)
    known = reviews if reviews is not None else [None] * len(checked)
    for key, one, review in zip(keys, checked, known, strict=True):
        if table == "forms":
            yield FormRow(key, one, review)
        elif table == "indicators":
            computed = one.computed.indicators
            for n, indicator in enumerate(one.form.indicators):
                reading = computed[n] if n < len(computed) else ComputedIndicator()
                yield IndicatorRow(key, one, n + 1, indicator, reading, review)
        else:
            for finding in one.findings:
                yield FindingRow(key, one, finding)


def row_count(checked: Sequence[CheckedForm], table: str) -> int:
    """How many rows a table of these forms has, without making them."""
    if table == "forms":
        return len(checked)
    if table == "indicators":
        return sum(len(c.form.indicators) for c in checked)
    return sum(len(c.findings) for c in checked)


def _fit(value: Decimal, scale: int) -> Decimal | None:
    """The value within decimal128(38, scale): rounded half-up past the scale, empty if too big."""
    if not value.is_finite():
        return None
    if value.as_tuple().exponent < -scale:  # type: ignore[operator]
        value = value.quantize(Decimal(1).scaleb(-scale), ROUND_HALF_UP)
    return value if abs(value) < Decimal(10) ** (PRECISION - scale) else None


def _value(column: Column, context: object) -> object:
    value = column.get(context)
    if value is None:
        return None
    if column.type == DECIMAL:
        return _fit(Decimal(value), column.scale)  # type: ignore[arg-type]
    if column.type == INTEGER:
        return int(value)  # type: ignore[call-overload]
    return str(value)


def table_rows(
    checked: Sequence[CheckedForm],
    table: str = "indicators",
    form_keys: Sequence[str] | None = None,
    reviews: Sequence[FormReview | None] | None = None,
) -> Iterator[list[object]]:
    """The rows of one table, one at a time, in COLUMNS order: str, Decimal, int or None.

    ``reviews`` (one per form, from the web application) fill the review columns; without them
    those columns are empty. The table name, the keys and the reviews are checked at once,
    before the first row is asked for.
    """
    if table not in COLUMNS:
        raise ValueError(f"没有数据表“{table}”，可选：{'、'.join(TABLES)}")
    if form_keys is not None and len(form_keys) != len(checked):
        raise ValueError(f"form_keys 有 {len(form_keys)} 个，自评表有 {len(checked)} 张")
    if reviews is not None and len(reviews) != len(checked):
        raise ValueError(f"reviews 有 {len(reviews)} 个，自评表有 {len(checked)} 张")
    columns = COLUMNS[table]
    contexts = _contexts(checked, table, form_keys, reviews)
    return ([_value(column, context) for column in columns] for context in contexts)


# --- CSV ----------------------------------------------------------------------------------------


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    text = str(value)
    if isinstance(value, str) and text.startswith(FORMULA_STARTS):
        return "'" + text  # Excel would run it as a formula
    return text


def write_dataset_csv(
    checked: Sequence[CheckedForm],
    out: Out,
    *,
    table: str = "indicators",
    form_keys: Sequence[str] | None = None,
    reviews: Sequence[FormReview | None] | None = None,
) -> None:
    """One table as CSV: UTF-8 with BOM, ``\\r\\n``, the column names as the header."""
    rows = table_rows(
        checked, table, form_keys, reviews
    )  # checks the table name before opening out
    write_csv([c.name for c in COLUMNS[table]], rows, out)


def write_csv(header: Sequence[str], rows: Iterable[Sequence[object]], out: Out) -> None:
    """Any table as jixiao writes CSV: UTF-8 with BOM, ``\\r\\n``, text that Excel would take
    for a formula prefixed with ``'``. The datasets and the web pages' CSV downloads use it."""
    with _text_out(out) as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([_csv_cell(v) for v in row])


def csv_chunks(
    header: Sequence[str], rows: Iterable[Sequence[object]], every: int = 1000
) -> Iterator[bytes]:
    """The same CSV as `write_csv`, as pieces of about ``every`` rows, for a streamed download:
    rows are read from ``rows`` as they are written, never all at once."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow(header)
    for n, row in enumerate(rows, start=1):
        writer.writerow([_csv_cell(v) for v in row])
        if n % every == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


@contextmanager
def _text_out(out: Out) -> Iterator[io.TextIOWrapper]:
    """A UTF-8-with-BOM text stream over a path or a binary stream; closes only what it opened."""
    if isinstance(out, str | Path):
        with open(out, "w", encoding="utf-8-sig", newline="") as stream:
            yield stream
        return
    stream = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
    try:
        yield stream
    finally:
        stream.flush()
        stream.detach()  # leave the caller's stream open


# --- Parquet ------------------------------------------------------------------------------------


def parquet_schema(table: str) -> Any:
    """The Arrow schema of a table; every field carries its Chinese title and description."""
    import pyarrow as pa

    def arrow_type(column: Column) -> Any:
        if column.type == DECIMAL:
            return pa.decimal128(PRECISION, column.scale)
        return pa.int64() if column.type == INTEGER else pa.string()

    return pa.schema(
        [
            pa.field(
                c.name,
                arrow_type(c),
                metadata={"title": c.title, "description": c.description},
            )
            for c in COLUMNS[table]
        ],
        metadata={"table": table, "title": TABLE_TITLES[table]},
    )


def write_dataset_parquet(
    checked: Sequence[CheckedForm],
    out: Out,
    *,
    table: str = "indicators",
    form_keys: Sequence[str] | None = None,
    reviews: Sequence[FormReview | None] | None = None,
) -> None:
    """One table as Parquet, written in row groups of PARQUET_BATCH rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = table_rows(checked, table, form_keys, reviews)
    schema = parquet_schema(table)
    where = str(out) if isinstance(out, str | Path) else out
    with pq.ParquetWriter(where, schema) as writer:
        batch: list[list[object]] = []
        for row in rows:
            batch.append(row)
            if len(batch) == PARQUET_BATCH:
                writer.write_batch(_record_batch(pa, schema, batch))
                batch = []
        if batch:
            writer.write_batch(_record_batch(pa, schema, batch))


def _record_batch(pa: Any, schema: Any, rows: list[list[object]]) -> Any:
    columns = [
        pa.array([row[i] for row in rows], type=field.type) for i, field in enumerate(schema)
    ]
    return pa.record_batch(columns, schema=schema)


# --- xlsx ---------------------------------------------------------------------------------------

WIDE = {"message": 60, "explanation": 60, "location": 40, "target": 30, "actual": 30}
WIDE |= {"deviation": 30, "name": 30, "project_name": 30, "department": 20}
WIDE |= {"implementing_unit": 20, "form_key": 28, "file": 28, "sha256": 20}


def _xlsx_text(text: str) -> str:
    text = XLSX_ILLEGAL.sub("", text)
    return text if len(text) <= XLSX_CELL_LIMIT else text[: XLSX_CELL_LIMIT - 1] + "…"


def _text_cell(sheet: Any, text: str, font: Font | None = None) -> object:
    """Text as a text cell: "=1+1" stays text, never a formula; "#N/A" never an error value."""
    text = _xlsx_text(text)
    if font is None and not text.startswith(("=", "#")):
        return text  # openpyxl keeps any other str as text, and a plain str is much faster
    cell = WriteOnlyCell(sheet, text)
    cell.data_type = "s"
    if font is not None:
        cell.font = font
    return cell


def _xlsx_row(sheet: Any, row: list[object], percents: set[int]) -> list[object]:
    out: list[object] = []
    for i, value in enumerate(row):
        if isinstance(value, str):  # an empty text is an empty cell (and much faster)
            out.append(_text_cell(sheet, value) if value else None)
        elif i in percents and value is not None:
            shown = WriteOnlyCell(sheet, value)
            shown.number_format = "0.00"  # 90.10, as forms write a rate
            out.append(shown)
        else:
            out.append(value)
    return out


def _start_sheet(
    book: Workbook, title: str, headers: list[str], widths: list[int]
) -> Any:  # a write-only worksheet
    sheet = book.create_sheet(title)
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([_text_cell(sheet, h, Font(bold=True)) for h in headers])
    return sheet


def write_dataset_xlsx(
    checked: Sequence[CheckedForm],
    out: Out,
    *,
    form_keys: Sequence[str] | None = None,
    reviews: Sequence[FormReview | None] | None = None,
) -> None:
    """The three tables as sheets 自评表, 绩效指标, 审核发现, and a 字段说明 sheet.

    The header row holds the Chinese titles (the 字段说明 sheet maps them to the column names
    of CSV and Parquet); numbers are numbers; text is text, never a formula.
    """
    book = Workbook(write_only=True)
    for table in TABLES:
        columns = COLUMNS[table]
        titles = [c.title for c in columns]
        sheet = _start_sheet(
            book, TABLE_TITLES[table], titles, [WIDE.get(c.name, 12) for c in columns]
        )
        percents = {i for i, c in enumerate(columns) if c.type == DECIMAL and c.scale == PERCENT}
        count = 0
        for row in table_rows(checked, table, form_keys, reviews):
            sheet.append(_xlsx_row(sheet, row, percents))
            count += 1
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"

    guide = _start_sheet(
        book,
        "字段说明",
        ["工作表", "数据表", "字段名", "标题", "类型", "说明", "示例"],
        [10, 12, 24, 22, 16, 70, 30],
    )
    for table in TABLES:
        for c in COLUMNS[table]:
            values = [TABLE_TITLES[table], table, c.name, c.title, c.type_title, c.description]
            guide.append([_text_cell(guide, v) for v in [*values, c.example]])
    book.save(out)


# --- docs/datasets.md ---------------------------------------------------------------------------


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def datasets_markdown() -> str:
    """docs/datasets.md: each table, its key, each column, and how to load the files."""
    lines = [
        "# 数据集：自评表、绩效指标、审核发现",
        "",
        "本文件由 `python -m jixiao.write.datasets` 根据字段定义自动生成，请勿手工修改。",
        "",
        "jixiao 把读出、评分、审核过的自评表导出为三张数据表，供 Excel、pandas、DuckDB 等工具分析：",
        "",
        "```sh",
        ".venv/bin/jixiao export samples/ --dataset 数据集.xlsx     # 三张表 + 字段说明，一个工作簿",
        ".venv/bin/jixiao export samples/ --csv 指标.csv            # 一张表，默认 indicators",
        ".venv/bin/jixiao export samples/ --parquet 指标.parquet",
        ".venv/bin/jixiao export samples/ --parquet 自评表.parquet --table forms",
        ".venv/bin/jixiao export samples/ --csv 审核发现.csv --table findings --policy mof-2020",
        "```",
        "",
        "| 数据表 | 工作表 | 每行是 | 键 |",
        "| --- | --- | --- | --- |",
    ]
    for table in TABLES:
        lines.append(
            f"| {table} | {TABLE_TITLES[table]} | {_md(TABLE_DESCRIPTIONS[table])} | "
            f"{_md(TABLE_KEYS[table])} |"
        )
    lines += [
        "",
        "三张表都带有所属自评表的 `form_key`、`year`、`project_name`、`department`、"
        "`implementing_unit`，可以单独使用，也可以按 `form_key` 关联；审核发现涉及某个指标时，"
        "`form_key` + `indicator_no` 对应到绩效指标表的一行。",
        "",
        "各字段的“示例”取自 samples/ 中的真实自评表：自评表和审核发现取自 004 号样例的"
        "“公共服务经费”（2020 年，安贞街道），绩效指标取自 003 号样例“统计所经费”的第 1 个指标。",
        "",
        "## 填报值与计算值",
        "",
        "- 标题带“（填报）”或“原文”的字段是表中所写的原文，一律为文字，不做任何改动，"
        "例如执行率“100%”、总分“1000”。",
        "- 标题带“（计算）”或“读数”的字段是 jixiao 读出或按评分规则算出的数，类型为小数；"
        "无法读出或无法计算时为空。两者不一致时会有审核发现，数据集不会悄悄改掉表中的数。",
        "- 全年预算数、全年执行数的计算值（annual_budget_number、executed_number）一律以万元计："
        "表中按元填写的金额（审核规则 UNIT_FUNDS_IN_YUAN）已换算为万元，各表可以直接相加；"
        "填报原文保留在 annual_budget、executed 中。",
        "- 小数是精确的十进制数（不是浮点数）：金额保留 6 位小数，分值与得分 4 位，百分数 2 位，"
        "内置评分规则算出的数都不会因此被舍入；执行率以百分数表示，90.10 即 90.10%。",
        "",
        "## 审核信息与复核分",
        "",
        "从 Web 应用导出时，自评表表还带有审核信息：审核状态（status）、审核人（reviewer）、"
        "审核时间（reviewed_at）、已通过审核级数（review_levels_passed）、未处理意见数"
        "（open_comments）、审核意见（comments），以及审核人的复核分：执行得分（复核）、"
        "复核后总分和复核等级；绩效指标表带有每个指标的得分（复核）（reviewed_score）。"
        "用命令行 `jixiao export` 从文件导出时没有这些信息，这些字段为空。",
        "",
        "## 三种文件格式",
        "",
        "- **xlsx**（`--dataset`）：工作表“自评表”“绩效指标”“审核发现”的第一行是中文标题，"
        "“字段说明”工作表列出每个字段的字段名、类型、说明和示例；数值单元格是数字，可以直接求和；"
        "文字单元格一律保存为文字，以“=”开头的内容也不会变成公式。",
        "- **CSV**（`--csv`）：一张表；第一行是字段名；UTF-8 编码并带 BOM，Excel 双击即可正确显示中文；"
        "行尾为 `\\r\\n`，含逗号、引号、换行的内容按标准加引号。"
        "为防止公式注入，以 `=`、`+`、`-`、`@`、制表符或回车开头的文字前加一个单引号 `'`"
        "（OWASP 推荐做法）；用程序读取时可去掉开头的这个 `'`，或改用 Parquet。",
        "- **Parquet**（`--parquet`）：一张表；字段名同 CSV；文字为 string，整数为 int64，"
        "小数为 decimal128(38, 小数位)；每个字段的元数据里有中文标题（title）和说明（description）。"
        "文字保持原样。",
        "",
        "xlsx 单元格不能含制表符、换行以外的控制字符，也不能超过 32767 个字符："
        "这些控制字符会被去掉，过长的内容截断并以“…”结尾（CSV 与 Parquet 保持原样）。",
        "",
        "## 在 Excel、pandas、DuckDB 中打开",
        "",
        "Excel / WPS：直接打开 `.xlsx` 或 `.csv` 文件。LibreOffice 打开 CSV 时会先显示“文本导入”"
        "对话框：字符集选“Unicode (UTF-8)”，分隔符选逗号。",
        "",
        "pandas（需另装 `pandas` 与 `pyarrow`）：",
        "",
        "```python",
        "import pandas as pd",
        "",
        'indicators = pd.read_parquet("指标.parquet")                 # 小数列为 decimal.Decimal',
        'indicators = pd.read_csv("指标.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)',
        'forms = pd.read_excel("数据集.xlsx", sheet_name="自评表")      # 列名为中文标题',
        "```",
        "",
        "DuckDB（需另装 `duckdb`）：",
        "",
        "```sql",
        "SELECT department, count(*) AS 表数, sum(annual_budget_number) AS 全年预算数",
        "FROM '自评表.parquet' GROUP BY department;",
        "",
        "SELECT f.project_name, i.name, i.score, i.score_computed",
        "FROM '自评表.parquet' f JOIN '指标.parquet' i USING (form_key);",
        "",
        "SELECT * FROM read_csv('指标.csv', header = true, all_varchar = true);",
        "```",
    ]
    for table in TABLES:
        lines += [
            "",
            f"## {table}（{TABLE_TITLES[table]}）",
            "",
            TABLE_DESCRIPTIONS[table],
            "",
            f"键：{TABLE_KEYS[table]}。",
            "",
            "| 字段名 | 标题 | 类型 | 说明 | 示例 |",
            "| --- | --- | --- | --- | --- |",
        ]
        for c in COLUMNS[table]:
            example = f"`{_md(c.example)}`" if c.example else "（空）"
            lines.append(
                f"| `{c.name}` | {_md(c.title)} | {c.type_title} | {_md(c.description)} | {example} |"
            )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    return write_page(DOC, datasets_markdown(), argv)


if __name__ == "__main__":
    raise SystemExit(main())
