"""The progress board as an Excel workbook: an overview, one sheet of departments, one of units."""

from __future__ import annotations

from typing import IO

from django.utils.timezone import localtime
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.web.forms.models import FormRecord
from jixiao.web.rounds.progress import STATUSES, Board, Tally
from jixiao.web.rounds.status import DONE

PERCENT = "0.00%"
_HEAD = Font(bold=True)
_FILL = PatternFill("solid", fgColor="EEF1F5")


def _heading(sheet: Worksheet, heads: list[str], widths: list[int]) -> None:
    sheet.append(heads)
    for cell in sheet[sheet.max_row]:
        cell.font, cell.fill = _HEAD, _FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "B2"  # a coordinate, not a cell: asking for the cell would add a row


def _tally_row(tally: Tally) -> list[object]:
    row: list[object] = [tally.name, tally.organisation.code if tally.organisation else ""]
    row += [tally.units, tally.forms]
    for status in STATUSES:
        row += [tally.counts[status], tally.percent(status) / 100]
    return [*row, tally.done, tally.completion / 100]


def _percent_columns(sheet: Worksheet, first_row: int, columns: list[int]) -> None:
    for row in sheet.iter_rows(min_row=first_row):
        for column in columns:
            row[column - 1].number_format = PERCENT


def write_progress_xlsx(board: Board, out: IO[bytes]) -> None:
    r = board.round
    book = Workbook()
    overview = book.active
    overview.title = "概况"
    for label, value in (
        ("自评任务", r.name),
        ("年度", r.year),
        ("发起机构", r.owner.label),
        ("截止日期", r.deadline),
        ("截止情况", board.deadline_note),
        ("统计日期", board.on),
        ("预算单位数", board.total.units),
        ("自评表数", board.total.forms),
        ("已完成（已审核、无项目）", board.total.done),
        ("完成率", board.total.completion / 100),
    ):
        overview.append([label, value])
        overview.cell(row=overview.max_row, column=1).font = _HEAD
    overview["B4"].number_format = overview["B6"].number_format = "yyyy-mm-dd"
    overview.cell(row=overview.max_row, column=2).number_format = PERCENT
    overview.column_dimensions["A"].width = 26
    overview.column_dimensions["B"].width = 40

    departments = book.create_sheet("各部门")
    heads = ["主管部门", "编码", "单位数", "自评表数"]
    for status in STATUSES:
        heads += [status.label, f"{status.label}占比"]
    heads += ["已完成", "完成率"]
    _heading(departments, heads, [28, 14, 8, 10] + [9] * (2 * len(STATUSES)) + [8, 10])
    for tally in board.departments:
        departments.append(_tally_row(tally))
    departments.append(_tally_row(board.total))
    for cell in departments[departments.max_row]:
        cell.font = _HEAD
    _percent_columns(departments, 2, [6 + 2 * i for i in range(len(STATUSES))] + [len(heads)])

    units = book.create_sheet("各单位")
    form_statuses = FormRecord.Status.choices
    heads = ["预算单位", "编码", "主管部门", "状态", "自评表数"]
    heads += [f"{label}的表" for _, label in form_statuses]
    heads += ["无项目说明", "最后修改", "截止日期", "完成率"]
    _heading(units, heads, [28, 14, 24, 8, 10] + [10] * len(form_statuses) + [30, 18, 12, 8])
    for row in board.units:
        units.append(
            [
                row.unit.name,
                row.unit.code,
                row.department.name if row.department else "",
                row.status.label,
                row.state.form_count,
                *(row.state.forms.get(value, 0) for value, _ in form_statuses),
                row.task.no_projects_reason,
                localtime(row.last_change).replace(tzinfo=None) if row.last_change else None,
                r.deadline,
                1.0 if row.status in DONE else 0.0,
            ]
        )
    for line in units.iter_rows(min_row=2):
        line[-3].number_format = "yyyy-mm-dd hh:mm"
        line[-2].number_format = "yyyy-mm-dd"
        line[-1].number_format = PERCENT
    book.save(out)
