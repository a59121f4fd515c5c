"""The reviewer's workbook: a sheet of forms (declared beside computed) and a sheet of findings.

Filters are on, the header row is frozen, columns are sized for Chinese text, and every
finding row names its file, form and cell so a reviewer can go straight to it.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.model.finding import Severity
from jixiao.services.check import CheckResult
from jixiao.values import parse_number

FORM_COLUMNS = [
    ("文件", 28),
    ("序号", 6),
    ("年度", 7),
    ("项目名称", 36),
    ("主管部门", 22),
    ("实施单位", 22),
    ("全年预算数（万元）", 14),
    ("全年执行数（万元）", 14),
    ("执行率（填报）", 12),
    ("执行率（计算）", 12),
    ("执行得分（填报）", 12),
    ("执行得分（计算）", 12),
    ("总分值（填报）", 12),
    ("总分值（计算）", 12),
    ("总分（填报）", 12),
    ("总分（计算）", 12),
    ("等级（计算）", 10),
    ("错误", 7),
    ("警告", 7),
    ("提示", 7),
]
FINDING_COLUMNS = [
    ("文件", 28),
    ("序号", 6),
    ("项目名称", 36),
    ("严重程度", 10),
    ("规则代码", 26),
    ("说明", 80),
    ("位置", 50),
]
FILLS = {
    Severity.ERROR: PatternFill("solid", fgColor="F8D7DA"),
    Severity.WARNING: PatternFill("solid", fgColor="FFF3CD"),
    Severity.INFO: PatternFill("solid", fgColor="E2E3E5"),
}


def write_review_xlsx(result: CheckResult, path: Path) -> None:
    workbook = Workbook()
    forms = workbook.active
    assert forms is not None
    forms.title = "自评表"
    _header(forms, FORM_COLUMNS)
    for checked in result.forms:
        form, computed = checked.form, checked.computed
        counts = checked.counts()
        forms.append(
            [
                Path(form.source.file).name,
                form.source.index,
                form.year,
                form.project_name.text,
                form.department.text,
                form.implementing_unit.text,
                _number(form.funds.total.annual_budget.text),
                _number(form.funds.total.executed.text),
                form.funds.execution_rate.text,
                _percent(computed.execution_rate),
                _number(form.funds.score.text),
                _float(computed.funds_score),
                _number(form.total_weight.text),
                _float(computed.total_weight),
                _number(form.total_score.text),
                _float(computed.total_score),
                computed.grade or "",
                counts[Severity.ERROR],
                counts[Severity.WARNING],
                counts[Severity.INFO],
            ]
        )
    _finish(forms, FORM_COLUMNS)

    findings = workbook.create_sheet("审核发现")
    _header(findings, FINDING_COLUMNS)
    for checked in result.forms:
        form = checked.form
        for finding in checked.findings:
            findings.append(
                [
                    Path(form.source.file).name,
                    form.source.index,
                    form.project_name.text,
                    finding.severity.label,
                    finding.code,
                    finding.message,
                    finding.location,
                ]
            )
            for cell in findings[findings.max_row][3:4]:
                cell.fill = FILLS[finding.severity]
    _finish(findings, FINDING_COLUMNS)

    if result.errors:
        errors = workbook.create_sheet("未读出的文件")
        _header(errors, [("文件", 40), ("原因", 80)])
        for error in result.errors:
            errors.append([error.file, error.message])
        _finish(errors, [("文件", 40), ("原因", 80)])
    workbook.save(path)


def _header(sheet: Worksheet, columns: list[tuple[str, int]]) -> None:
    sheet.append([name for name, _ in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _finish(sheet: Worksheet, columns: list[tuple[str, int]]) -> None:
    for i, (_, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    # printed: A4 landscape, every column on the page, the header row on every page
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(sheet.max_row, 1)}"
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)


def _number(text: str) -> float | str:
    """A declared number as a number Excel can sum; text that is not a number stays text."""
    value = parse_number(text)
    return float(value) if value is not None else text


def _float(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def _percent(rate: Decimal | None) -> str:
    return "" if rate is None else f"{(rate * 100).quantize(Decimal('0.01'))}%"
