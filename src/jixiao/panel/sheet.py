"""Finding expert score sheets in a read document (any format jixiao reads) — seed 002's layout.

A score sheet is a table whose header row names 一级指标 / 二级指标 / 三级指标 / 分值, then one
column per expert, then usually 合计 and 平均分; a 总分 row closes it. Level-1 and level-2 cells
are merged down in Word and come out empty below their first row, so the last name seen goes on.
Rows are matched to the framework by the level-3 name. The 总分 row is read from the right,
because Word merges its label across the level columns and the text format then shifts its cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jixiao.model.finding import Finding, Severity
from jixiao.model.form import EMPTY, Declared
from jixiao.model.grid import Cell, Document, Paragraph, Table
from jixiao.panel.framework import Framework, FrameworkError, framework_from_data
from jixiao.panel.model import DeclaredRow, DeclaredSheet, Panel
from jixiao.values import parse_number

_POINTS = re.compile(r"[（(]\s*[\d.]+\s*分\s*[）)]")
_POINTS_VALUE = re.compile(r"[（(]\s*([\d.]+)\s*分\s*[）)]")
_SPACE = re.compile(r"[\s\u3000]+")
_PROJECT = re.compile(r"“([^”]{2,60})”项目")
SUM_LABELS = ("合计",)
AVERAGE_LABELS = ("平均分", "平均得分", "平均值")
TOTAL_LABELS = ("总分", "合计", "总计")


class SheetError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def clean(text: str) -> str:
    """A label without spaces and without its points: "决策（10分）　" → "决策"."""
    return _SPACE.sub("", _POINTS.sub("", text))


@dataclass(slots=True)
class _Header:
    row: int
    level_cols: dict[int, int]  # level (1–3) → column
    weight_col: int
    expert_cols: list[int]
    sum_col: int | None
    average_col: int | None
    experts: list[Declared]


def _header(table: Table) -> _Header | None:
    for r, row in enumerate(table.rows()):
        texts = {c.col: clean(c.text) for c in row}
        cols = {text: col for col, text in texts.items()}
        if "三级指标" not in cols or "分值" not in cols:
            continue
        weight_col = cols["分值"]
        sum_col = next((cols[t] for t in SUM_LABELS if t in cols), None)
        average_col = next((cols[t] for t in AVERAGE_LABELS if t in cols), None)
        if sum_col is None and average_col is None:
            continue  # a self-evaluation form's indicator header, not a panel's
        end = min(c for c in (sum_col, average_col) if c is not None)
        experts = [c for c in row if weight_col < c.col < end and clean(c.text)]
        if not experts:
            continue
        levels = {1: cols.get("一级指标"), 2: cols.get("二级指标"), 3: cols["三级指标"]}
        return _Header(
            r,
            {k: v for k, v in levels.items() if v is not None},
            weight_col,
            [c.col for c in experts],
            sum_col,
            average_col,
            [Declared(text=clean(c.text), loc=c.loc) for c in experts],
        )
    return None


def _declared(cell: Cell | None) -> Declared:
    if cell is None:
        return EMPTY
    return Declared(text=_SPACE.sub(" ", cell.text).strip(), loc=cell.loc)


def _declared_sheet(table: Table, header: _Header) -> DeclaredSheet:
    """Everything the sheet writes, row by row, before any framework is applied."""
    sheet = DeclaredSheet(experts=header.experts, where=f"第{table.index + 1}个表格")
    last = {1: EMPTY, 2: EMPTY}
    right_cols = sorted(
        [header.weight_col, *header.expert_cols]
        + [c for c in (header.sum_col, header.average_col) if c is not None]
    )
    for r, row in enumerate(table.rows()):
        if r <= header.row:
            continue
        by_col = {c.col: c for c in row}
        first = next((c for c in row if c.text.strip()), None)
        if first is None:
            continue
        if clean(first.text) in TOTAL_LABELS and first.col < header.weight_col:
            cells = [c for c in row if c.col > first.col]
            if first.colspan == 1 and cells and cells[-1].col < right_cols[-1]:
                # the label took one column and the rest moved left: align from the right
                cells = [
                    Cell(c.text, c.row, col, loc=c.loc)
                    for c, col in zip(reversed(cells), reversed(right_cols), strict=False)
                ]
            _read_total(sheet, cells, header)
            break
        for level in (1, 2):
            col = header.level_cols.get(level)
            if col is not None and col in by_col and by_col[col].text.strip():
                last[level] = _declared(by_col[col])
        name_cell = by_col.get(header.level_cols[3])
        if name_cell is None or not clean(name_cell.text):
            continue
        sheet.rows.setdefault(
            clean(name_cell.text),
            DeclaredRow(
                level1=last[1],
                level2=last[2],
                name=_declared(name_cell),
                weight=_declared(by_col.get(header.weight_col)),
                scores=[_declared(by_col.get(c)) for c in header.expert_cols],
                sum=_declared(by_col.get(header.sum_col)) if header.sum_col is not None else EMPTY,
                average=_declared(by_col.get(header.average_col))
                if header.average_col is not None
                else EMPTY,
            ),
        )
    return sheet


def read_sheet(table: Table, framework: Framework | None, file: str = "") -> Panel | None:
    """The panel a table holds, or None when the table is not a score sheet.

    Without a framework, the sheet's own indicators and weights make one (`sheet_framework`).
    """
    header = _header(table)
    if header is None:
        return None
    sheet = _declared_sheet(table, header)
    if framework is None:
        framework = sheet_framework(sheet, file)
    names = {l3.name for _, _, l3 in framework.indicators()}
    unknown = [
        (name, row.name.loc.describe() if row.name.loc else sheet.where)
        for name, row in sheet.rows.items()
        if name not in names
    ]
    sheet.rows = {name: row for name, row in sheet.rows.items() if name in names}
    if not sheet.rows:
        raise SheetError(
            f"{file}：{sheet.where}是专家评分表，但其中的三级指标与指标体系“{framework.name}”"
            f"（{framework.title}）对不上；请选择相应的指标体系，或按评分表自身的指标和分值计算"
            "（命令行：--framework sheet）"
        )
    scores = {
        name: [parse_number(d.text) if d.text else None for d in row.scores]
        for name, row in sheet.rows.items()
    }
    sheet.problems = _problems(sheet, unknown)
    return Panel(framework, [d.text for d in header.experts], scores, source=file, sheet=sheet)


def _points(label: Declared) -> str | None:
    match = _POINTS_VALUE.search(label.text)
    return match.group(1) if match else None


def sheet_framework(sheet: DeclaredSheet, file: str = "") -> Framework:
    """The framework a sheet writes itself: its indicators, their 分值 and the groups' （N分）.

    A group whose label gives no points weighs the sum of its indicators. The weights are then
    checked like a framework file's, so a sheet whose weights do not add up says where.
    """
    level1: dict[str, dict[str, Any]] = {}
    for name, row in sheet.rows.items():
        name1 = clean(row.level1.text) or "（未写一级指标）"
        name2 = clean(row.level2.text) or name1
        group1 = level1.setdefault(
            name1, {"name": name1, "level2": {}, "weight": _points(row.level1)}
        )
        group2 = group1["level2"].setdefault(
            name2, {"name": name2, "indicators": [], "weight": _points(row.level2)}
        )
        group2["indicators"].append({"name": name, "weight": row.weight.text or "0"})
    data: dict[str, Any] = {
        "name": "sheet",
        "title": f"评分表自身的指标和分值（{sheet.where}）",
        "level1": [],
    }
    grand = Decimal(0)
    for group1 in level1.values():
        groups2 = []
        total1 = Decimal(0)
        for group2 in group1["level2"].values():
            total2 = sum(
                (parse_number(i["weight"]) or Decimal(0) for i in group2["indicators"]), Decimal(0)
            )
            weight2 = group2["weight"] or str(total2)
            groups2.append({**group2, "weight": weight2})
            total1 += parse_number(weight2) or Decimal(0)
        weight1 = group1["weight"] or str(total1)
        data["level1"].append({"name": group1["name"], "weight": weight1, "level2": groups2})
        grand += parse_number(weight1) or Decimal(0)
    data["total"] = sheet.total_weight.text if parse_number(sheet.total_weight.text) else str(grand)
    try:
        return framework_from_data(data, f"{file}{sheet.where}", what="评分表")
    except FrameworkError as exc:
        raise SheetError(exc.message) from exc


def _read_total(sheet: DeclaredSheet, cells: list[Cell], header: _Header) -> None:
    """The 总分 row's figures, by the header's columns."""
    placed = {c.col: c for c in cells}
    sheet.total_weight = _declared(placed.get(header.weight_col))
    sheet.expert_totals = [_declared(placed.get(c)) for c in header.expert_cols]
    if header.sum_col is not None:
        sheet.grand_total = _declared(placed.get(header.sum_col))
    if header.average_col is not None:
        sheet.average_total = _declared(placed.get(header.average_col))


def _problems(sheet: DeclaredSheet, unknown: list[tuple[str, str]]) -> list[Finding]:
    return [
        Finding(
            code="PANEL_INDICATOR_UNKNOWN",
            severity=Severity.ERROR,
            message=f"评分表中的三级指标“{name}”不在指标体系中，这一行的分数没有计入",
            location=where,
        )
        for name, where in unknown
    ]


@dataclass(slots=True)
class Found:
    """A score sheet found in a document, and where it sits among the document's blocks."""

    panel: Panel
    block: int


def find_sheets(document: Document, framework: Framework | None) -> list[Found]:
    """Every score sheet of a document, in reading order, each with its project's name."""
    found: list[Found] = []
    other: list[SheetError] = []  # sheets on another framework; said only when none fits
    for i, block in enumerate(document.blocks):
        if isinstance(block, Table):
            try:
                panel = read_sheet(block, framework, document.file)
            except SheetError as exc:
                other.append(exc)
                continue
            if panel is not None:
                panel.title = _table_title(block) or _project_name(document, i)
                found.append(Found(panel, i))
    if not found and other:
        raise other[0]
    return found


def _table_title(table: Table) -> str:
    """The “…”项目 of a title row above the header (as jixiao's own workbook writes it)."""
    for row in table.rows():
        for cell in row:
            if "三级指标" in cell.text:
                return ""
            match = _PROJECT.search(cell.text)
            if match:
                return match.group(1)
    return ""


def _project_name(document: Document, index: int) -> str:
    """The “…”项目 named in the paragraphs nearest the sheet (after it first, as 002 does)."""
    blocks = document.blocks
    order = [
        *range(index + 1, min(len(blocks), index + 8)),
        *range(index - 1, max(-1, index - 60), -1),
    ]
    for i in order:
        block = blocks[i]
        if isinstance(block, Paragraph):
            match = _PROJECT.search(block.text)
            if match:
                return match.group(1)
    return ""
