"""Self-evaluation forms → Word (.docx) and Excel (.xlsx) in an official layout.

The layout (a TOML file in `jixiao/write/layouts/`, or the user's own) says which header rows
there are, how every label is worded, the column widths, the fonts and the page; this module
only prints. A form written here and read back by jixiao's reader gives the same declared form
(less the header fields the layout has no place for, such as 项目负责人 in the 财政部 layout).

Every value stays text in both formats, as the form declared it: "307800", "0.997", "93.04%",
"10.0", "—" would lose their spelling as Excel numbers (10.0 → 10, 0.997 shown as 1.00), and
the written file is a copy of what a unit declared, not a calculation.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.model.form import Form
from jixiao.model.grid import Cell, Table
from jixiao.model.review import FormReview
from jixiao.write.docx_grid import TWIPS_PER_MM, new_document, paragraph_xml, save, table_xml
from jixiao.write.layout import (
    DEFAULT,
    WIDTH,
    Layout,
    available,
    form_table,
    load_layout,
    title_lines,
)
from jixiao.write.xlsx_grid import display_width, put_table, sheet_title

MM_PER_PT = 25.4 / 72
CELL_PADDING_MM = 3.8  # left + right inner margin of a table cell (Word: 1.9 mm each side)
KEEP_ROWS = 6  # a vertical merge of at most this many rows is kept on one page
LINE_SPACING = 1.3  # a line of text is about 1.3 times the font size high


def layout_names() -> list[tuple[str, str]]:
    """(id, Chinese title) of the layouts shipped with jixiao."""
    return [(name, load_layout(name).title) for name in available()]


def review_table(form: Form, review: FormReview) -> Table:
    """The 审核信息 block of a form exported from the web application, below the form: status,
    reviewer, time, levels passed, comments; and, when a reviewer gave scores, a 复核分 column
    beside each item's 分值 and 填报得分 with the 复核后总分. On the layout's grid of WIDTH
    columns, so the block lines up with the form above it."""
    cells: list[Cell] = []
    row = 0

    def line(*parts: tuple[str, int]) -> None:
        nonlocal row
        col = 0
        for text, span in parts:
            cells.append(Cell(text, row, col, colspan=span))
            col += span
        row += 1

    if review.scores:
        line(("复核评分", WIDTH))
        line(("项目", 4), ("分值", 1), ("填报得分", 1), ("复核分", WIDTH - 6))
        items = [("资金执行", form.funds.weight.text, form.funds.score.text, "funds")]
        items += [
            (
                ind.name.text or f"第{i + 1}个指标",
                ind.weight.text,
                ind.score.text,
                f"indicators[{i}]",
            )
            for i, ind in enumerate(form.indicators)
        ]
        for name, weight, declared, path in items:
            score = review.score(path)
            line((name, 4), (weight, 1), (declared, 1), (_num(score), WIDTH - 6))
        total = _num(review.reviewed_total)
        if review.reviewed_total is not None and review.reviewed_grade:
            total += f"（{review.reviewed_grade}）"
        line(("复核后总分", 6), (total, WIDTH - 6))
    levels = "" if review.levels_passed is None else str(review.levels_passed)
    if levels and review.levels:
        levels += f" / {review.levels}"
    line(("审核信息", WIDTH))
    for label, value in (
        ("状态", review.status),
        ("审核人", review.reviewer),
        ("审核时间", review.reviewed_at),
        ("已通过审核级数", levels),
        ("审核意见", "\n".join(review.comments)),
    ):
        line((label, 3), (value or "—", WIDTH - 3))
    return Table(index=0, cells=cells)


def _num(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return "—" if value is None else str(value)


def write_forms_docx(
    forms: Sequence[Form],
    out: str | Path | IO[bytes],
    layout: str | Path = DEFAULT,
    reviews: Sequence[FormReview | None] | None = None,
) -> None:
    """The forms to one Word document, one form per page, title and year above each table;
    with ``reviews`` (one per form, from the web application), each form's 审核信息 below it."""
    chosen = load_layout(layout)
    margins = chosen.page.margins_mm
    document = new_document(
        chosen.page.size_mm,
        (margins.top, margins.bottom, margins.left, margins.right),
        chosen.fonts.body.name,
        chosen.fonts.body.size_pt,
        landscape=chosen.page.orientation == "landscape",
    )
    widths = [round(mm * TWIPS_PER_MM) for mm in chosen.grid.column_widths_mm]
    size = chosen.fonts.body.size_pt

    def align(cell: Cell, width_twips: int) -> str:
        return "center" if _centred(cell.text, width_twips / TWIPS_PER_MM, size) else "left"

    parts: list[str] = []
    for i, form in enumerate(forms):
        title, *year = title_lines(form, chosen)
        font = chosen.fonts.title
        parts.append(
            paragraph_xml(
                title, font=font.name, size_pt=font.size_pt, bold=font.bold, page_break_before=i > 0
            )
        )
        for line in year:
            font = chosen.fonts.year
            parts.append(paragraph_xml(line, font=font.name, size_pt=font.size_pt, bold=font.bold))
        table = form_table(form, i, chosen, with_title=False)
        parts.append(
            table_xml(table, widths, align, cant_split=True, keep=_kept_rows(table, chosen))
        )
        review = reviews[i] if reviews is not None else None
        if review is not None:
            font = chosen.fonts.body
            parts.append(paragraph_xml("", font=font.name, size_pt=font.size_pt))
            parts.append(table_xml(review_table(form, review), widths, align, cant_split=True))
    save(document, parts, out)


def _kept_rows(table: Table, layout: Layout) -> set[int]:
    """Rows kept on the page of the row below them: those inside a short vertical merge (the
    funds block, the goals, a level-1 or level-2 group), so a page break does not cut the merged
    cell and print half of its label on each page. The 绩效指标 column is left out: keeping a
    short indicator table whole would push it all to the next page."""
    heads = _heads_row(table, layout)
    keep: set[int] = set()
    for cell in table.cells:
        if 1 < cell.rowspan <= KEEP_ROWS and not (cell.col == 0 and cell.row == heads):
            keep.update(range(cell.row, cell.row + cell.rowspan - 1))
    return keep


def _heads_row(table: Table, layout: Layout) -> int:
    """The row of the indicator table's column heads (一级指标 …)."""
    return next(c.row for c in table.cells if c.col == 1 and c.text == layout.indicators.heads[0])


def write_forms_xlsx(
    forms: Sequence[Form],
    out: str | Path | IO[bytes],
    layout: str | Path = DEFAULT,
    reviews: Sequence[FormReview | None] | None = None,
) -> None:
    """The forms to one Excel workbook, a sheet per form named after its project; with
    ``reviews`` (one per form), each form's 审核信息 below it on its sheet."""
    chosen = load_layout(layout)
    workbook = Workbook()
    default = workbook.active
    used: set[str] = set()
    for i, form in enumerate(forms):
        sheet = workbook.create_sheet(sheet_title(form.project_name.text, i, used))
        _sheet(sheet, form, i, chosen, reviews[i] if reviews is not None else None)
    if workbook.worksheets != [default]:
        workbook.remove(default)
    else:  # no forms: an empty workbook still needs one sheet, named so nobody wonders
        default.title = "无自评表"
    workbook.save(str(out) if isinstance(out, Path) else out)


def _sheet(
    sheet: Worksheet, form: Form, index: int, layout: Layout, review: FormReview | None = None
) -> None:
    widths_mm = layout.grid.column_widths_mm
    for col, mm in enumerate(widths_mm, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = _excel_width(mm)
    heights: dict[int, float] = {}

    lines = title_lines(form, layout)
    for r, (line, font) in enumerate(
        zip(lines, (layout.fonts.title, layout.fonts.year), strict=False), start=1
    ):
        sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=WIDTH)
        target = sheet.cell(row=r, column=1, value=line)
        target.data_type = "s"
        target.font = Font(name=font.name, size=font.size_pt, bold=font.bold)
        target.alignment = Alignment(horizontal="center", vertical="center")
        heights[r] = font.size_pt * 1.6
    top = len(lines)

    table = form_table(form, index, layout, with_title=False)
    body = layout.fonts.body
    size = body.size_pt

    heads = _heads_row(table, layout)

    def align(cell: Cell) -> Alignment:
        width = sum(widths_mm[cell.col : cell.col + cell.colspan])
        # The indicator table may run over a page break, cutting the 绩效指标 column and a
        # level-1 or level-2 cell merged down across it; Calc prints a cut cell's text centred
        # over the whole merge, so half of it would fall on each page. At the top it stays whole.
        top = cell.rowspan > 1 and cell.row >= heads
        return Alignment(
            horizontal="center" if _centred(cell.text, width, size) else "left",
            vertical="top" if top else "center",
            wrap_text=True,
        )

    put_table(sheet, table, top, font=Font(name=body.name, size=size, bold=body.bold), align=align)
    for r, height in _row_heights(table, widths_mm, size).items():
        heights[top + r + 1] = height
    for r, height in heights.items():
        sheet.row_dimensions[r].height = round(height, 1)

    last = top + table.n_rows
    if review is not None:  # one empty row, then the 审核信息 block on the same grid
        extra = review_table(form, review)
        put_table(sheet, extra, last + 1, font=Font(name=body.name, size=size), align=align)
        for r, height in _row_heights(extra, widths_mm, size).items():
            sheet.row_dimensions[last + 2 + r].height = round(height, 1)
        last += 1 + extra.n_rows
    sheet.print_area = f"A1:{get_column_letter(WIDTH)}{last}"
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = layout.page.orientation
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    margins = layout.page.margins_mm
    sheet.page_margins.top = margins.top / 25.4
    sheet.page_margins.bottom = margins.bottom / 25.4
    sheet.page_margins.left = margins.left / 25.4
    sheet.page_margins.right = margins.right / 25.4
    sheet.sheet_view.showGridLines = False


def _excel_width(mm: float) -> float:
    """Excel's column width unit (characters of the default 11-point font's digit, 7 px, plus
    5 px padding at 96 dpi) for a width in millimetres."""
    pixels = mm / 25.4 * 96
    return round(max(pixels - 5, 0) / 7, 2)


def _lines_needed(text: str, width_mm: float, size_pt: float) -> int:
    """How many printed lines the text takes in a cell ``width_mm`` wide."""
    half = size_pt * MM_PER_PT / 2  # a half-width character; a Chinese one is two
    per_line = max(int((width_mm - CELL_PADDING_MM) / half), 2)
    return sum(max(1, math.ceil(display_width(line) / per_line)) for line in text.split("\n"))


def _centred(text: str, width_mm: float, size_pt: float) -> bool:
    """Labels and short values are centred, as on the paper form; running text (a goal, an
    indicator described in a sentence) reads better left-aligned. Short means every line fits
    in the cell, or is a label-sized phrase of at most 12 Chinese characters."""
    lines = text.split("\n")
    fits = _lines_needed(text, width_mm, size_pt) <= len(lines)
    return fits or max(display_width(line) for line in lines) <= 24


def _row_heights(table: Table, widths_mm: list[float], size_pt: float) -> dict[int, float]:
    """Row heights in points tall enough for the wrapped text (Excel does not grow them itself
    when a file is opened, and never for merged cells)."""
    line = size_pt * LINE_SPACING
    heights = {r: line + 6 for r in range(table.n_rows)}
    tall = sorted(table.cells, key=lambda c: c.rowspan)
    for cell in tall:
        width = sum(widths_mm[cell.col : cell.col + cell.colspan])
        need = _lines_needed(cell.text, width, size_pt) * line + 6
        rows = range(cell.row, cell.row + cell.rowspan)
        have = sum(heights[r] for r in rows)
        if need > have:
            extra = (need - have) / len(rows)
            for r in rows:
                heights[r] += extra
    return {r: min(h, 409) for r, h in heights.items()}  # 409 points is Excel's highest row
