"""A 绩效目标申报表 written in the official layout (财政部 项目支出绩效目标申报表), as Word and Excel.

One table with merged cells, as the paper form: 项目名称, 项目编码 (when there is one), 主管部门 /
实施单位, 项目属性 / 项目期, 项目负责人 / 联系电话 (when given), 项目资金 (年度资金总额, 其中：财政
拨款, 其他资金, the unit in the block's label), 立项依据 (when given), 总体目标 (长期目标 | 年度目标),
then 绩效指标 with 一级 / 二级 merged down over their rows, 三级指标, 指标值 — or 指标性质 / 指标值 /
度量单位 when the 申报表 splits its targets —, 分值 when it has weights, 备注, and the 审核意见 it
carries. Every label is one the reader (`jixiao.extract.targets`) recognises, so a written
申报表 reads back with the same declared values.

`targets_template_xlsx()` is the same layout empty, one row per 二级指标 to fill in, with a
sheet of instructions.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Final

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from jixiao.model.form import Declared
from jixiao.model.grid import Cell, Table
from jixiao.model.targets import TargetIndicator, TargetsForm
from jixiao.write.docx_grid import (
    TWIPS_PER_MM,
    new_document,
    paragraph_xml,
    save,
    table_xml,
)
from jixiao.write.forms import _excel_width, _row_heights
from jixiao.write.xlsx_grid import put_table

TITLE = "项目支出绩效目标申报表"
FONT = "宋体"
MARGIN_MM = 15


@dataclass(frozen=True)
class _Span:
    """A grid position covered by the cell on its left (LEFT) or above (UP)."""

    name: str


LEFT: Final = _Span("left")
UP: Final = _Span("up")
Grid = list[list["str | _Span"]]

_OPINIONS = {
    "department": "主管部门审核意见",
    "third_party": "第三方机构审核意见",
    "finance": "财政部门审核意见",
}
# the template's rows: one per 二级指标 (two 数量指标), under their 一级指标
_TEMPLATE_LEVELS = (
    ("产出指标", "数量指标"),
    ("产出指标", "数量指标"),
    ("产出指标", "质量指标"),
    ("产出指标", "时效指标"),
    ("产出指标", "成本指标"),
    ("效益指标", "经济效益指标"),
    ("效益指标", "社会效益指标"),
    ("效益指标", "生态效益指标"),
    ("效益指标", "可持续影响指标"),
    ("满意度指标", "服务对象满意度指标"),
)
_INSTRUCTIONS = (
    "填表说明",
    "1. 在“申报表”工作表中填写，不要改动标签文字（项目名称、项目属性、年度资金总额、三级指标、指标值等），"
    "jixiao 按标签读取各项内容。",
    "2. 标题下一行写年度，如“（2025年度）”。",
    "3. 项目属性填写“新增”或“延续”；项目期写起止时间或年限，如“2025年1月至2027年12月”或“3年”。",
    "4. 项目资金的金额单位为万元（见“项目资金（万元）”）；其中财政拨款与其他资金之和应等于年度资金总额。",
    "5. 年度目标必须填写；绩效指标按二级指标逐行填写三级指标和指标值，指标值尽量量化，"
    "如“≥95%”“≤480万元”“2025年12月31日前”；不涉及的行留空即可，需要更多行时在同一二级指标下插入行。",
    "6. 应设置成本指标（与资金总额相匹配）和服务对象满意度指标（财预〔2021〕101号）。",
)


def targets_table(t: TargetsForm) -> Table:
    """The 申报表 as one span-aware table in the official layout."""
    return _table(_grid(t, list(t.indicators)))


def _widths(split: bool, weighted: bool) -> list[str]:
    """The indicator table's columns, which also fix the table's width."""
    targets = ["指标性质", "指标值", "度量单位"] if split else ["指标值"]
    return [
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        *targets,
        *(["分值"] if weighted else []),
        "备注",
    ]


def _grid(t: TargetsForm, indicators: list[TargetIndicator], *, template: bool = False) -> Grid:
    split = any(i.target_parts for i in indicators)
    weighted = any(i.weight.text for i in indicators)
    heads = _widths(split, weighted)
    width = len(heads)
    half = (width - 2) // 2

    def line(label: str, value: str) -> list[str | _Span]:
        return [label, value, *[LEFT] * (width - 2)]

    def pair(label: str, value: str, label2: str, value2: str) -> list[str | _Span]:
        return [label, value, *[LEFT] * (half - 1), label2, value2, *[LEFT] * (width - 3 - half)]

    grid: Grid = [line("项目名称", t.project_name.text)]
    if t.project_code.text:
        grid.append(line("项目编码", t.project_code.text))
    grid.append(pair("主管部门", t.department.text, "实施单位", t.implementing_unit.text))
    grid.append(pair("项目属性", t.attribute.text, "项目期", t.period.text))
    if t.manager.text or t.phone.text or template:
        grid.append(pair("项目负责人", t.manager.text, "联系电话", t.phone.text))
    unit = t.funds.unit.text or "万元"
    for i, (label, value) in enumerate(
        (
            ("年度资金总额", t.funds.total),
            ("其中：财政拨款", t.funds.appropriation),
            ("其他资金", t.funds.other),
        )
    ):
        grid.append(
            [f"项目资金（{unit}）" if i == 0 else UP, label, value.text, *[LEFT] * (width - 3)]
        )
    if t.basis.text or template:
        grid.append(line("立项依据", t.basis.text))
    goals = (width - 1) // 2
    grid.append(
        ["总体目标", "长期目标", *[LEFT] * (goals - 1), "年度目标", *[LEFT] * (width - 2 - goals)]
    )
    grid.append(
        [
            UP,
            t.long_term_goal.text,
            *[LEFT] * (goals - 1),
            t.annual_goal.text,
            *[LEFT] * (width - 2 - goals),
        ]
    )
    grid.append(list(heads))
    previous: TargetIndicator | None = None
    for ind in indicators:
        same1 = previous is not None and previous.level1 == ind.level1
        same2 = same1 and previous is not None and previous.level2 == ind.level2
        level1 = ind.level1_text.text or ind.level1
        level2 = ind.level2_text.text or ind.level2
        row: list[str | _Span] = [
            UP,
            UP if same1 else level1,
            UP if same2 else level2,
            ind.name.text,
        ]
        if split:
            parts = ind.target_parts
            if parts:
                row += [
                    _text(parts.get("nature")),
                    _text(parts.get("value")),
                    _text(parts.get("unit")),
                ]
            else:
                row += ["", ind.target.text, ""]
        else:
            row.append(ind.target.text)
        if weighted:
            row.append(ind.weight.text)
        row.append(ind.note.text)
        grid.append(row)
        previous = ind
    for key, label in _OPINIONS.items():
        if key in t.opinions or template:
            grid.append(line(label, _text(t.opinions.get(key))))
    return grid


def _text(value: Declared | None) -> str:
    return value.text if value is not None else ""


def _table(grid: Grid) -> Table:
    """The grid's anchored cells with their spans (LEFT / UP extend the cell they continue)."""
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if value is LEFT:
                owner[r, c] = owner[r, c - 1]
            elif value is UP:
                owner[r, c] = owner[r - 1, c]
            else:
                owner[r, c] = (r, c)
    extent: dict[tuple[int, int], tuple[int, int]] = {}
    for (r, c), anchor in owner.items():
        last = extent.get(anchor, anchor)
        extent[anchor] = (max(last[0], r), max(last[1], c))
    cells = []
    for (r, c), (r1, c1) in sorted(extent.items()):
        text = grid[r][c]
        assert isinstance(text, str)
        cells.append(Cell(text=text, row=r, col=c, rowspan=r1 - r + 1, colspan=c1 - c + 1))
    return Table(index=0, cells=cells)


def _title_lines(t: TargetsForm) -> list[str]:
    year = f"（{t.year}年度）" if t.year else ""
    return [t.title.text or TITLE, *([year] if year else [])]


def _column_mm(table: Table, text_width_mm: float) -> list[float]:
    """Narrow label and level columns, the rest shared by the text columns."""
    n = table.n_cols
    narrow = {0: 24.0, 1: 24.0, 2: 28.0}
    rest = (text_width_mm - sum(narrow.values())) / max(n - 3, 1)
    return [narrow.get(i, rest) for i in range(n)]


def targets_docx(t: TargetsForm) -> bytes:
    """The 申报表 as a Word document: title, year, and the table with its merged cells."""
    table = targets_table(t)
    landscape = table.n_cols > 6
    page = (297.0, 210.0) if landscape else (210.0, 297.0)
    document = new_document(page, (MARGIN_MM,) * 4, FONT, 10.5, landscape=landscape)
    lines = _title_lines(t)
    parts = [paragraph_xml(lines[0], font=FONT, size_pt=16, bold=True)]
    parts += [paragraph_xml(line, font=FONT, size_pt=12) for line in lines[1:]]
    widths = [int(mm * TWIPS_PER_MM) for mm in _column_mm(table, page[0] - 2 * MARGIN_MM)]
    parts.append(table_xml(table, widths, cant_split=True))
    out = io.BytesIO()
    save(document, parts, out)
    return out.getvalue()


def _sheet_book(table: Table, lines: list[str], sheet_title: str) -> tuple[Workbook, int]:
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title
    width = table.n_cols
    for i, line in enumerate(lines, start=1):
        cell = sheet.cell(i, 1, line)
        cell.font = Font(name=FONT, size=16 if i == 1 else 12, bold=i == 1)
        cell.alignment = Alignment(horizontal="center")
        sheet.merge_cells(start_row=i, start_column=1, end_row=i, end_column=width)
    put_table(sheet, table, len(lines), font=Font(name=FONT, size=10.5))
    widths = _column_mm(table, 180 if width <= 6 else 267)
    for i, mm in enumerate(widths):
        sheet.column_dimensions[get_column_letter(i + 1)].width = _excel_width(mm)
    for r, points in _row_heights(table, widths, 10.5).items():
        sheet.row_dimensions[len(lines) + r + 1].height = points
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if width > 6 else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    return book, len(lines)


def _bytes(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def targets_xlsx(t: TargetsForm) -> bytes:
    """The 申报表 as an Excel workbook: one sheet, the table with merged ranges, all text."""
    book, _ = _sheet_book(targets_table(t), _title_lines(t), "绩效目标申报表")
    return _bytes(book)


def targets_template_xlsx(year: int | None = None) -> bytes:
    """An empty 申报表 to fill in Excel, in the official layout, with one row per 二级指标 and
    a 填表说明 sheet; 项目属性 offers 新增 / 延续. ``year`` fills the year line."""
    blank = TargetsForm.model_validate(
        {"source": {"file": "", "sha256": "", "format": "xlsx", "index": 0}}
    )
    rows = [TargetIndicator(level1=l1, level2=l2) for l1, l2 in _TEMPLATE_LEVELS]
    table = _table(_grid(blank, rows, template=True))
    lines = [TITLE, f"（{year}年度）" if year else "（    年度）"]
    book, top = _sheet_book(table, lines, "申报表")
    sheet = book.active
    attribute = next(c for c in table.cells if c.text == "项目属性")
    choice = DataValidation(type="list", formula1='"新增,延续"', allow_blank=True)
    choice.error, choice.errorTitle = "项目属性只能是“新增”或“延续”。", "项目属性"
    sheet.add_data_validation(choice)
    choice.add(sheet.cell(top + attribute.row + 1, attribute.col + 2))
    goals = next(c for c in table.cells if c.text == "长期目标")
    for r in range(table.n_rows):  # room to write in: a taller row for the goals' texts
        sheet.row_dimensions[top + r + 1].height = 60 if r == goals.row + 1 else 22
    for i in range(table.n_cols):  # wider than the empty cells' text asks for
        letter = get_column_letter(i + 1)
        sheet.column_dimensions[letter].width = max(sheet.column_dimensions[letter].width, 14)
    notes = book.create_sheet("填表说明")
    notes.column_dimensions["A"].width = 110
    for i, text in enumerate(_INSTRUCTIONS, start=1):
        cell = notes.cell(i, 1, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.font = Font(name=FONT, size=12 if i == 1 else 10.5, bold=i == 1)
    return _bytes(book)
