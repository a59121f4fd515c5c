"""Fill the fill-in template the way a clerk does: find each block by its label, type values.

openpyxl writes no cached formula results; `recalculated` lets LibreOffice open the filled
workbook, recalculate and save it, as Excel or WPS would when the clerk saves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from office import convert
from openpyxl import load_workbook
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.worksheet import Worksheet

Value = str | int | float | None


@dataclass
class Filling:
    year: int | None = None
    project_name: Value = None
    department: Value = None
    implementing_unit: Value = None
    manager: Value = None
    phone: Value = None
    funds: dict[str, tuple[Value, Value, Value]] = field(default_factory=dict)  # label → D, E, F
    funds_weight: Value = None
    expected: Value = None
    achieved: Value = None
    # (一级, 二级, 三级, 指标值, 完成值, 分值, 得分, 偏差原因) per row
    indicators: list[tuple[Value, ...]] = field(default_factory=list)


def row_of(sheet: Worksheet, column: str, label: str) -> int:
    """The first row whose cell in ``column`` holds ``label``."""
    for cell in sheet[column]:
        if cell.value == label:
            return cell.row
    raise AssertionError(f"no “{label}” in column {column}")


def fill(template: Path, out: Path, filling: Filling) -> Path:
    book = load_workbook(template)
    sheet = book["自评表"]
    if filling.year is not None:
        sheet["A2"] = f"（{filling.year}年度）"
    r = row_of(sheet, "A", "项目名称")
    sheet[f"C{r}"] = filling.project_name
    r = row_of(sheet, "A", "主管部门")
    sheet[f"C{r}"], sheet[f"H{r}"] = filling.department, filling.implementing_unit
    r = row_of(sheet, "A", "项目负责人")
    sheet[f"C{r}"], sheet[f"H{r}"] = filling.manager, filling.phone
    for label, (initial, annual, executed) in filling.funds.items():
        r = row_of(sheet, "C", label)
        sheet[f"D{r}"], sheet[f"E{r}"], sheet[f"F{r}"] = initial, annual, executed
    if filling.funds_weight is not None:
        sheet[f"G{row_of(sheet, 'C', '年度资金总额')}"] = filling.funds_weight
    r = row_of(sheet, "A", "年度总体目标") + 1
    sheet[f"C{r}"], sheet[f"F{r}"] = filling.expected, filling.achieved
    r = row_of(sheet, "B", "一级指标") + 1
    for i, values in enumerate(filling.indicators):
        for column, value in zip("BCDEFGHI", values, strict=False):
            sheet[f"{column}{r + i}"] = value
    book.save(out)
    return out


def recalculated(path: Path) -> Path:
    """The workbook as LibreOffice saves it after opening it: formulas with their results."""
    return convert(path, "xlsx", path.parent / f"recalculated-{path.stem}")


_REF = re.compile(r"(\$?[A-Z]{1,3}\$?)(\d+)")


def _shift_refs(formula: str, row: int) -> str:
    """References below the deleted row move up one; a reference to the row itself is lost."""

    def shift(match: re.Match[str]) -> str:
        n = int(match.group(2))
        if n == row:
            return "#REF!"
        return f"{match.group(1)}{n - 1 if n > row else n}"

    return _REF.sub(shift, formula)


def delete_row(sheet: Worksheet, row: int) -> None:
    """Delete a row as Excel does: merged ranges below move up, ranges across it shrink,
    formulas follow the cells they refer to.

    (openpyxl's delete_rows moves the values only.)
    """
    for line in sheet.iter_rows():
        for cell in line:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.value = _shift_refs(cell.value, row)
    ranges = [r.coord for r in sheet.merged_cells.ranges]
    for coord in ranges:
        sheet.unmerge_cells(coord)
    sheet.delete_rows(row)
    for coord in ranges:
        rng = CellRange(coord)
        if rng.min_row == row == rng.max_row:
            continue
        if rng.min_row > row:
            rng.shift(row_shift=-1)
        elif rng.max_row >= row:
            rng.expand(down=-1)
        if rng.size["rows"] * rng.size["columns"] > 1:
            sheet.merge_cells(rng.coord)


def street_office() -> Filling:
    """A form as a street office fills it: 30.78 万元 budgeted, 30.6874 spent, four indicators.

    By hand: rate 30.6874 ÷ 30.78 = 99.699…% → “99.70%”; funds score 10 × 0.99699 = 9.97;
    weights 10 + 20 + 30 + 30 + 10 = 100; scores 9.97 + 20 + 29.4 + 30 + 10 = 99.37.
    """
    return Filling(
        year=2024,
        project_name="市民服务中心工作经费",
        department="北京市西城区人民政府椿树街道办事处",
        implementing_unit="椿树街道市民服务中心",
        manager="张明",
        phone="010-83160000",
        funds={
            "年度资金总额": (30.78, 30.78, 30.6874),
            "其中：当年财政拨款": (30.78, 30.78, 30.6874),
            "上年结转资金": (0, 0, 0),
            "其他资金": (0, 0, 0),
        },
        expected="保障市民服务中心日常运转，为群众提供便捷的政务服务。",
        achieved="全年中心运转正常，办理各类事项 1.2 万件。",
        indicators=[
            ("产出指标", "数量指标", "开展宣传活动次数", "≥35次", "36次", 20, 20, None),
            (
                "产出指标",
                "质量指标",
                "办件按时办结率",
                "100%",
                "98%",
                30,
                29.4,
                "两件因材料不全延期",
            ),
            ("效益指标", "社会效益指标", "群众办事便利度", "有效提升", "优", 30, 30, None),
            ("满意度指标", "服务对象满意度指标", "办事群众满意度", "≥90%", "95%", 10, 10, None),
        ],
    )
