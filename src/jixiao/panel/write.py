"""Writing a computed panel sheet to Excel (.xlsx) and Word (.docx), laid out like seed 002.

The score sheet: 一级指标 / 二级指标 / 三级指标 (merged down), 分值, one column per expert,
合计, 平均分, 失分率, and the 总分 row; then the group table (分值, 得分, 失分, 失分率, 得分率 per
level-1 and level-2 group), the final score and grade, and the findings.

The workbook holds values, not formulas: it records what jixiao computed (with half-up
rounding that Excel's ROUND would have to repeat), and a file read back by jixiao — or by any
reader without a calculation engine — shows the same numbers. Numbers are written as numbers
(from their Decimal text) so Excel can still sum them.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import IO

from jixiao.panel.compute import Result, fixed, percent, plain

FONT = "宋体"
HEADER = ["一级指标", "二级指标", "三级指标", "分值"]


def _label(name: str, weight: Decimal) -> str:
    return f"{name}（{plain(weight)}分）"


def sheet_rows(result: Result) -> list[list[str]]:
    """The score sheet as rows of text, header first and the 总分 row last."""
    places = result.framework.settings.decimals
    rows = [[*HEADER, *result.panel.experts, "合计", "平均分", "失分率"]]
    weights = {g.name: g.weight for g in result.groups}
    for r in result.rows:
        rows.append(
            [
                _label(r.level1, weights[r.level1]),
                _label(r.level2, weights[r.level2]),
                r.name,
                plain(r.weight),
                *("" if s is None else plain(s) for s in r.scores),
                plain(r.sum),
                "" if r.score is None else fixed(r.score, places),
                "" if r.loss_rate is None else percent(r.loss_rate, places),
            ]
        )
    total_loss = (result.framework.total - result.total) / result.framework.total
    rows.append(
        [
            "总分",
            "",
            "",
            plain(result.framework.total),
            *(plain(e.total) for e in result.experts),
            plain(result.grand_total),
            fixed(result.average_total, places),
            percent(total_loss, places),
        ]
    )
    return rows


def group_rows(result: Result) -> list[list[str]]:
    places = result.framework.settings.decimals
    rows = [["级次", "指标", "分值", "得分", "失分", "失分率", "得分率"]]
    for g in result.groups:
        rows.append(
            [
                "一级指标" if g.level == 1 else "二级指标",
                g.name,
                plain(g.weight),
                fixed(g.score, places),
                fixed(g.lost, places),
                percent(g.loss_rate, places),
                percent(g.score_rate, places),
            ]
        )
    rows.append(["", "综合得分", plain(result.framework.total), fixed(result.total, places)])
    rows.append(["", "评价等级", "", result.grade])
    return rows


def _title(result: Result) -> str:
    name = result.panel.title
    return f"“{name}”项目专家评分表" if name else "专家评分表"


def _merges(result: Result) -> list[tuple[int, int, int]]:
    """(column, first row, last row) of the level-1 and level-2 cells merged down (0-based)."""
    out = []
    for col, key in ((0, "level1"), (1, "level2")):
        start = 0
        for i in range(1, len(result.rows) + 1):
            if i == len(result.rows) or getattr(result.rows[i], key) != getattr(
                result.rows[start], key
            ):
                if i - 1 > start:
                    out.append((col, start + 1, i))  # +1: the header row
                start = i
    return out


def write_xlsx(result: Result, out: str | Path | IO[bytes]) -> None:
    """The workbook: 专家评分表, 分组得分, and 审核发现 when there are findings."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "专家评分表"
    font, bold = Font(name=FONT, size=11), Font(name=FONT, size=11, bold=True)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    rows = sheet_rows(result)
    sheet.cell(1, 1, _title(result)).font = Font(name=FONT, size=14, bold=True)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
    top = 2
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = sheet.cell(top + r, c + 1, _value(text))
            cell.font = bold if r == 0 or r == len(rows) - 1 else font
            cell.border = border
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for col, first, last in _merges(result):
        sheet.merge_cells(
            start_row=top + first, start_column=col + 1, end_row=top + last, end_column=col + 1
        )
    last_row = top + len(rows) - 1
    sheet.merge_cells(start_row=last_row, start_column=1, end_row=last_row, end_column=3)
    for c, width in enumerate([14, 16, 18, 8] + [10] * (len(rows[0]) - 4), 1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    sheet.freeze_panes = sheet.cell(top + 1, 4)

    groups = book.create_sheet("分组得分")
    for r, row in enumerate(group_rows(result), 1):
        for c, text in enumerate(row, 1):
            cell = groups.cell(r, c, _value(text))
            cell.font = bold if r == 1 else font
    for c, width in enumerate([10, 14, 8, 8, 8, 10, 10], 1):
        groups.column_dimensions[get_column_letter(c)].width = width
    if result.findings:
        found = book.create_sheet("审核发现")
        found.append(["代码", "严重程度", "说明", "位置"])
        for f in result.findings:
            found.append([f.code, f.severity.label, f.message, f.location])
        for c, width in enumerate([30, 10, 80, 30], 1):
            found.column_dimensions[get_column_letter(c)].width = width
    book.save(out)


def _value(text: str) -> str | int | float:
    """A number cell as a number (Excel sums it), everything else as text."""
    try:
        number = Decimal(text)
    except ArithmeticError:
        return text
    if not number.is_finite():
        return text
    return int(number) if number == number.to_integral_value() else float(text)


def _widths(table: object, first_mm: list[int], mm: type) -> None:
    """Fixed column widths: the name columns wide enough for their Chinese, the rest shared."""
    columns = table.columns  # type: ignore[attr-defined]
    rest = (267 - sum(first_mm)) // max(1, len(columns) - len(first_mm))
    table.autofit = False  # type: ignore[attr-defined]
    grid = table._tbl.tblGrid.gridCol_lst  # type: ignore[attr-defined]  # LibreOffice reads these
    for i, column in enumerate(columns):
        width = mm(first_mm[i] if i < len(first_mm) else rest)
        grid[i].w = width
        for cell in column.cells:
            cell.width = width


def write_docx(result: Result, out: str | Path | IO[bytes]) -> None:
    """The Word document: title, score sheet, group table, final score and grade, findings."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))

    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(_title(result))
    run.bold, run.font.size = True, Pt(14)

    rows = sheet_rows(result)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for col, first, last in _merges(result):
        top = table.cell(first, col)
        text = top.text
        merged = top.merge(table.cell(last, col))
        merged.text = text
    n = len(rows) - 1
    table.cell(n, 0).merge(table.cell(n, 2)).text = "总分"
    _widths(table, [24, 28, 32, 12], Mm)

    document.add_paragraph()
    groups = group_rows(result)
    group_table = document.add_table(rows=len(groups), cols=len(groups[0]))
    group_table.style = "Table Grid"
    for r, row in enumerate(groups):
        for c, text in enumerate(row):
            group_table.cell(r, c).text = text
    places = result.framework.settings.decimals
    document.add_paragraph(
        f"综合得分 {fixed(result.total, places)} 分，评价等级为“{result.grade}”。"
        f"{result.explanations.get('total', '')}"
    )
    if result.findings:
        document.add_paragraph("审核发现：")
        for f in result.findings:
            document.add_paragraph(f"【{f.severity.label}】{f.message}（{f.location}）")
    document.save(str(out) if isinstance(out, Path) else out)
