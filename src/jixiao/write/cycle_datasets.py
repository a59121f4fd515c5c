"""Datasets of the cycle's other documents: 绩效目标申报表, 绩效运行监控表 and 整改事项.

The same conventions as the self-evaluation datasets (`jixiao.write.datasets`): the columns are
data (`Column`: a name, a Chinese title, a type, a description, an example, how to get the
value), declared values stay text as written, what jixiao works out is a number (`Decimal`,
never float), CSV is UTF-8 with a BOM and guarded against formulas, xlsx has a 字段说明 sheet.
Five tables:

- ``targets``: one row per 申报表; ``target_indicators``: one row per indicator, joined by
  ``record_key``;
- ``monitoring``: one row per 监控表 (with its warning light); ``monitoring_indicators``: one
  row per indicator;
- ``rectification``: one row per 整改事项.

The rows are built by the caller (the web application knows statuses and lights); this module
only knows what a row holds. ``python -m jixiao.write.cycle_datasets`` rewrites
docs/datasets_cycle.md; a test checks it is current.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from jixiao.docs import DOCS, write_page
from jixiao.model.monitoring import MonitoringForm, MonitoringIndicator
from jixiao.model.targets import TargetIndicator, TargetsForm
from jixiao.write.datasets import (
    DECIMAL,
    INTEGER,
    PERCENT,
    TEXT,
    WIDE,
    Column,
    Out,
    _md,
    _start_sheet,
    _text_cell,
    _value,
    _xlsx_row,
    write_csv,
)

DOC = DOCS / "datasets_cycle.md"
TABLES = ("targets", "target_indicators", "monitoring", "monitoring_indicators", "rectification")
TABLE_TITLES = {
    "targets": "绩效目标申报表",
    "target_indicators": "申报表指标",
    "monitoring": "运行监控表",
    "monitoring_indicators": "监控表指标",
    "rectification": "整改事项",
}
TABLE_DESCRIPTIONS = {
    "targets": "每张绩效目标申报表一行：项目、资金、目标、指标数和审核情况。",
    "target_indicators": "申报表的每个三级指标一行：所属申报表的键、指标层级、名称、指标值（原文）。",
    "monitoring": "每张绩效运行监控表一行：预算、截至监控期的执行数与执行率、全年预计和预警灯。",
    "monitoring_indicators": "监控表的每个指标一行：年度指标值、监控期完成值、全年预计、完成可能性与偏差原因。",
    "rectification": "每项整改事项一行：整改单位、问题、要求、期限、状态、是否逾期和来源。",
}
LIGHT_TITLES = {"red": "红", "yellow": "黄", "green": "绿", "": ""}


# ---------------------------------------------------------------- the rows


@dataclass(frozen=True)
class DocumentRow:
    """One stored 申报表 or 监控表, with what the web application knows of it."""

    key: str
    form: TargetsForm | MonitoringForm
    unit: str = ""
    status: str = ""  # 草稿 / 已提交 / 已退回 / 已审核
    errors: int = 0
    warnings: int = 0
    light: str = ""  # red / yellow / green (监控表)
    execution_rate: Decimal | None = None  # 监控期执行率 worked out, a fraction (0.3 = 30%)


@dataclass(frozen=True)
class IndicatorRow:
    document: DocumentRow
    number: int  # 1-based
    indicator: TargetIndicator | MonitoringIndicator


@dataclass(frozen=True)
class RectificationRow:
    """One 整改事项, as plain values."""

    key: str
    unit: str
    department: str
    year: int | None
    source: str
    title: str
    requirement: str
    due: datetime.date | None
    status: str
    days_late: int
    project: str
    document_key: str
    finding_code: str
    created: datetime.datetime
    done_at: datetime.datetime | None
    confirmed_at: datetime.datetime | None
    evidence: int


def indicator_rows(documents: Iterable[DocumentRow]) -> Iterable[IndicatorRow]:
    for document in documents:
        for n, indicator in enumerate(document.form.indicators, start=1):
            yield IndicatorRow(document, n, indicator)


# ---------------------------------------------------------------- the columns


def _t(get: Any) -> Any:
    """A declared value's text (empty text → empty cell)."""

    def text(row: Any) -> str | None:
        value = get(row)
        return (value.text or None) if value is not None else None

    return text


def _time(value: datetime.datetime | None) -> str | None:
    return value.strftime("%Y-%m-%d %H:%M") if value else None


def _document_keys(example_key: str, title: str) -> list[Column]:
    return [
        Column(
            "record_key",
            "表键",
            TEXT,
            f"一张{title}的标识（Web 应用中的记录编号），指标表用它关联。",
            example_key,
            lambda r: r.key,
        ),
        Column("year", "年度", INTEGER, "表的年度。", "2021", lambda r: r.form.year),
        Column(
            "project_name",
            "项目名称",
            TEXT,
            "表中填写的项目名称。",
            "公共服务经费",
            _t(lambda r: r.form.project_name),
        ),
        Column(
            "project_code",
            "项目编码",
            TEXT,
            "表中填写的项目编码，没有时为空。",
            "（空）",
            _t(lambda r: r.form.project_code),
        ),
        Column(
            "department",
            "主管部门",
            TEXT,
            "表中填写的主管部门。",
            "安贞街道办事处",
            _t(lambda r: r.form.department),
        ),
        Column(
            "implementing_unit",
            "实施单位",
            TEXT,
            "表中填写的实施单位。",
            "社区建设办公室",
            _t(lambda r: r.form.implementing_unit),
        ),
        Column(
            "unit",
            "预算单位",
            TEXT,
            "表在 jixiao 中所属的预算单位。",
            "安贞街道社区建设办公室",
            lambda r: r.unit or None,
        ),
    ]


def _review_columns() -> list[Column]:
    return [
        Column(
            "status",
            "审核状态",
            TEXT,
            "Web 应用中的状态：草稿、已提交、已退回、已审核。",
            "已审核",
            lambda r: r.status or None,
        ),
        Column(
            "error_count",
            "错误数",
            INTEGER,
            "严重程度为“错误”的审核发现条数。",
            "0",
            lambda r: r.errors,
        ),
        Column(
            "warning_count",
            "警告数",
            INTEGER,
            "严重程度为“警告”的审核发现条数。",
            "1",
            lambda r: r.warnings,
        ),
    ]


TARGETS: list[Column] = [
    *_document_keys("12", "申报表"),
    Column(
        "attribute",
        "项目属性",
        TEXT,
        "新增或延续，按表中原文。",
        "延续",
        _t(lambda r: r.form.attribute),
    ),
    Column("period", "项目期", TEXT, "按表中原文。", "1年", _t(lambda r: r.form.period)),
    Column(
        "funds_total",
        "资金总额（填报）",
        TEXT,
        "年度资金总额，按表中原文（万元）。",
        "2175.9657",
        _t(lambda r: r.form.funds.total),
    ),
    Column(
        "funds_appropriation",
        "其中财政拨款（填报）",
        TEXT,
        "按表中原文。",
        "2175.9657",
        _t(lambda r: r.form.funds.appropriation),
    ),
    Column(
        "funds_other",
        "其他资金（填报）",
        TEXT,
        "按表中原文。",
        "0",
        _t(lambda r: r.form.funds.other),
    ),
    Column(
        "long_term_goal",
        "长期目标",
        TEXT,
        "长期目标（总体目标），按表中原文。",
        "……",
        _t(lambda r: r.form.long_term_goal),
    ),
    Column(
        "annual_goal",
        "年度目标",
        TEXT,
        "年度目标，按表中原文。",
        "……",
        _t(lambda r: r.form.annual_goal),
    ),
    Column(
        "indicator_count",
        "指标数",
        INTEGER,
        "三级指标的行数，等于申报表指标表中这张表的行数。",
        "8",
        lambda r: len(r.form.indicators),
    ),
    *_review_columns(),
]

MONITORING: list[Column] = [
    *_document_keys("15", "监控表"),
    Column(
        "period",
        "监控期",
        TEXT,
        "表中写明的监控期（如“1-7月”）；未写时为空，按评分规则的默认监控期。",
        "1-7月",
        _t(lambda r: r.form.period),
    ),
    Column(
        "annual_budget",
        "全年预算数（填报）",
        TEXT,
        "按表中原文（万元）。",
        "100",
        _t(lambda r: r.form.funds.annual_budget),
    ),
    Column(
        "executed",
        "监控期执行数（填报）",
        TEXT,
        "截至监控期末的执行数，按表中原文。",
        "30",
        _t(lambda r: r.form.funds.executed),
    ),
    Column(
        "execution_rate",
        "执行率（填报）",
        TEXT,
        "按表中原文。",
        "30%",
        _t(lambda r: r.form.funds.execution_rate),
    ),
    Column(
        "forecast",
        "全年预计执行数（填报）",
        TEXT,
        "按表中原文。",
        "95",
        _t(lambda r: r.form.funds.forecast),
    ),
    Column(
        "execution_rate_computed",
        "执行率（计算，%）",
        DECIMAL,
        "jixiao 算出的监控期执行率，以百分数表示（30.00 即 30%）；无法计算时为空。",
        "30.00",
        lambda r: None if r.execution_rate is None else r.execution_rate * 100,
        PERCENT,
    ),
    Column(
        "light",
        "预警",
        TEXT,
        "按评分规则的监控预警：红、黄、绿；未评出时为空。",
        "红",
        lambda r: LIGHT_TITLES.get(r.light, r.light) or None,
    ),
    Column(
        "indicator_count",
        "指标数",
        INTEGER,
        "指标的行数，等于监控表指标表中这张表的行数。",
        "8",
        lambda r: len(r.form.indicators),
    ),
    *_review_columns(),
]


def _indicator_columns(title: str) -> list[Column]:
    return [
        Column("record_key", "表键", TEXT, f"所属{title}的表键。", "12", lambda r: r.document.key),
        Column("year", "年度", INTEGER, "所属表的年度。", "2021", lambda r: r.document.form.year),
        Column(
            "project_name",
            "项目名称",
            TEXT,
            "所属表的项目名称。",
            "公共服务经费",
            _t(lambda r: r.document.form.project_name),
        ),
        Column(
            "indicator_no",
            "指标序号",
            INTEGER,
            "指标在表中的序号，从 1 起。",
            "1",
            lambda r: r.number,
        ),
        Column(
            "level1",
            "一级指标",
            TEXT,
            "规范后的一级指标（产出指标、效益指标、满意度指标等）。",
            "产出指标",
            lambda r: r.indicator.level1 or None,
        ),
        Column(
            "level2",
            "二级指标",
            TEXT,
            "规范后的二级指标（数量指标、质量指标等）。",
            "数量指标",
            lambda r: r.indicator.level2 or None,
        ),
        Column(
            "name", "三级指标", TEXT, "按表中原文。", "服务社区数", _t(lambda r: r.indicator.name)
        ),
        Column(
            "target",
            "指标值（填报）",
            TEXT,
            "年度指标值，按表中原文（分栏填写的指标性质、指标值、度量单位已合并）。",
            "≥30个",
            _t(lambda r: r.indicator.target),
        ),
    ]


TARGET_INDICATORS: list[Column] = [
    *_indicator_columns("申报表"),
    Column(
        "weight",
        "分值（填报）",
        TEXT,
        "表中给出的分值，没有时为空。",
        "10",
        _t(lambda r: r.indicator.weight),
    ),
    Column("note", "备注", TEXT, "按表中原文。", "（空）", _t(lambda r: r.indicator.note)),
]

MONITORING_INDICATORS: list[Column] = [
    *_indicator_columns("监控表"),
    Column(
        "actual",
        "监控期完成值（填报）",
        TEXT,
        "截至监控期末的实际完成值，按表中原文。",
        "12个",
        _t(lambda r: r.indicator.actual),
    ),
    Column(
        "forecast",
        "全年预计完成值（填报）",
        TEXT,
        "按表中原文。",
        "30个",
        _t(lambda r: r.indicator.forecast),
    ),
    Column(
        "likelihood",
        "完成目标可能性",
        TEXT,
        "确定能、有可能、完全不可能，按表中原文。",
        "完全不可能",
        _t(lambda r: r.indicator.likelihood),
    ),
    Column(
        "cause",
        "偏差原因",
        TEXT,
        "经费、制度、人员、硬件、其他，按表中原文。",
        "经费",
        _t(lambda r: r.indicator.cause),
    ),
    Column("measures", "纠偏措施", TEXT, "按表中原文。", "……", _t(lambda r: r.indicator.measures)),
]

RECTIFICATION: list[Column] = [
    Column("item_key", "事项编号", TEXT, "整改事项在 Web 应用中的编号。", "3", lambda r: r.key),
    Column(
        "unit", "整改单位", TEXT, "负责整改的单位或部门。", "丰台区政务服务管理局", lambda r: r.unit
    ),
    Column(
        "department",
        "所属部门",
        TEXT,
        "整改单位所属的部门（部门本身的事项即部门名称）。",
        "丰台区政务服务管理局",
        lambda r: r.department or None,
    ),
    Column("year", "年度", INTEGER, "问题所属的年度。", "2021", lambda r: r.year),
    Column(
        "source",
        "来源",
        TEXT,
        "审核发现、运行监控、专家评价、部门整体评价或其他。",
        "部门整体评价",
        lambda r: r.source,
    ),
    Column(
        "title", "问题", TEXT, "要整改的问题。", "绩效目标的设定不够具体、细化", lambda r: r.title
    ),
    Column(
        "requirement",
        "整改要求",
        TEXT,
        "审核人提出的要求，或评价报告中对应的建议。",
        "加强绩效目标论证，增加绩效目标的可量化性：……",
        lambda r: r.requirement or None,
    ),
    Column(
        "due",
        "整改期限",
        TEXT,
        "年-月-日；没有期限时为空。",
        "2022-06-30",
        lambda r: r.due.isoformat() if r.due else None,
    ),
    Column(
        "status", "状态", TEXT, "待整改、整改中、已整改、已确认。", "待整改", lambda r: r.status
    ),
    Column(
        "days_late",
        "逾期天数",
        INTEGER,
        "超过整改期限仍未整改完成（待整改或整改中）的天数；未逾期为 0。",
        "0",
        lambda r: r.days_late,
    ),
    Column(
        "project",
        "项目",
        TEXT,
        "问题涉及的项目（来自自评表、申报表、监控表或专家评价）。",
        "丰台区2021年区政府网站运维",
        lambda r: r.project or None,
    ),
    Column(
        "document_key",
        "表键",
        TEXT,
        "来自某张表的审核发现时，那张表的表键（与 targets、monitoring 或自评表数据集的键相同）。",
        "（空）",
        lambda r: r.document_key or None,
    ),
    Column(
        "finding_code",
        "规则代码",
        TEXT,
        "来自审核发现时的规则代码。",
        "（空）",
        lambda r: r.finding_code or None,
    ),
    Column(
        "created",
        "提出时间",
        TEXT,
        "年-月-日 时:分。",
        "2022-03-01 09:30",
        lambda r: _time(r.created),
    ),
    Column(
        "done_at",
        "报告完成时间",
        TEXT,
        "整改单位报告整改完成的时间。",
        "（空）",
        lambda r: _time(r.done_at),
    ),
    Column(
        "confirmed_at",
        "确认时间",
        TEXT,
        "审核人确认的时间。",
        "（空）",
        lambda r: _time(r.confirmed_at),
    ),
    Column(
        "evidence_count", "佐证材料数", INTEGER, "已上传的佐证材料个数。", "0", lambda r: r.evidence
    ),
]

COLUMNS: dict[str, list[Column]] = {
    "targets": TARGETS,
    "target_indicators": TARGET_INDICATORS,
    "monitoring": MONITORING,
    "monitoring_indicators": MONITORING_INDICATORS,
    "rectification": RECTIFICATION,
}


# ---------------------------------------------------------------- writing


def rows(table: str, contexts: Iterable[Any]) -> Iterable[list[object]]:
    """A table's rows in column order: str, Decimal, int or None."""
    if table not in COLUMNS:
        raise ValueError(f"没有数据表“{table}”，可选：{'、'.join(TABLES)}")
    columns = COLUMNS[table]
    return ([_value(c, context) for c in columns] for context in contexts)


def write_table_csv(table: str, contexts: Iterable[Any], out: Out) -> None:
    """One table as CSV (UTF-8 with BOM, ``\\r\\n``, formula-guarded), the column names first."""
    found = rows(table, contexts)
    write_csv([c.name for c in COLUMNS[table]], found, out)


def write_tables_xlsx(tables: Mapping[str, Sequence[Any]], out: Out) -> None:
    """Some tables as sheets (Chinese titles in the header row) and a 字段说明 sheet."""
    book = Workbook(write_only=True)
    for table, contexts in tables.items():
        columns = COLUMNS[table]
        sheet = _start_sheet(
            book,
            TABLE_TITLES[table],
            [c.title for c in columns],
            [WIDE.get(c.name, 40 if c.name in ("title", "requirement") else 14) for c in columns],
        )
        percents = {i for i, c in enumerate(columns) if c.type == DECIMAL and c.scale == PERCENT}
        count = 0
        for row in rows(table, contexts):
            sheet.append(_xlsx_row(sheet, row, percents))
            count += 1
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
    guide = _start_sheet(
        book,
        "字段说明",
        ["工作表", "数据表", "字段名", "标题", "类型", "说明"],
        [14, 22, 24, 22, 16, 70],
    )
    for table in tables:
        for c in COLUMNS[table]:
            values = [TABLE_TITLES[table], table, c.name, c.title, c.type_title, c.description]
            guide.append([_text_cell(guide, v) for v in values])
    book.save(out)


def cycle_markdown() -> str:
    lines = [
        "# 数据集：绩效目标申报表、运行监控表、整改事项",
        "",
        "本文件由 `python -m jixiao.write.cycle_datasets` 根据字段定义自动生成，请勿手工修改。",
        "",
        "与自评表的数据集（见 [datasets.md](datasets.md)）约定相同：填报值一律按表中原文保存为文字，"
        "jixiao 算出的数为小数；CSV 为 UTF-8 带 BOM，以 `=`、`+`、`-`、`@` 等开头的文字前加单引号；"
        "Excel 文件的每张工作表第一行是中文标题，另有“字段说明”工作表。",
        "",
        "在 Web 应用中下载：“导出”页面的“目标申报、运行监控与整改的数据集”（每张表 CSV 或 Excel），"
        "整改事项列表页的“导出 CSV / 导出 Excel”（按当前筛选），"
        "或 API `GET /api/cycle/datasets/{table}?format=csv|xlsx`（只含您有权查看的单位）。",
        "",
        "各字段的“示例”是示意的值，说明字段的写法。",
        "",
        "| 数据表 | 工作表 | 每行是 |",
        "| --- | --- | --- |",
    ]
    for table in TABLES:
        lines.append(f"| {table} | {TABLE_TITLES[table]} | {_md(TABLE_DESCRIPTIONS[table])} |")
    lines.append("")
    for table in TABLES:
        lines += [f"## {table}（{TABLE_TITLES[table]}）", "", TABLE_DESCRIPTIONS[table], ""]
        lines += ["| 字段名 | 标题 | 类型 | 说明 | 示例 |", "| --- | --- | --- | --- | --- |"]
        for c in COLUMNS[table]:
            lines.append(
                f"| `{c.name}` | {_md(c.title)} | {c.type_title} | {_md(c.description)} | {_md(c.example)} |"
            )
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    return write_page(DOC, cycle_markdown(), argv)


if __name__ == "__main__":
    raise SystemExit(main())
