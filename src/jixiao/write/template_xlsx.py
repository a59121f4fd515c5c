"""The Excel fill-in template a budget unit fills offline (Excel/WPS) and hands back.

Sheet 自评表 is laid out like the paper 项目支出绩效自评表 (the labels jixiao's extractor reads
are the paper form's own), one row per indicator with the level-1 and level-2 names chosen from
drop-down lists, so the filled workbook reads back as the form that was filled. What the form
computes (execution rate, funds score, totals) is a formula, so a unit cannot get the arithmetic
wrong; everything else is typed, and the review rules judge it as they judge any form.

Sheet 填报说明 says how to fill it and sums up the scoring policy; sheet 选项 holds the lists the
drop-downs offer, taken from the label vocabulary and the policy, never from a second list here.
Labels and formulas are locked and the sheets protected without a password: protection keeps a
clerk from overwriting a label by accident, it is not a security measure.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.extract.vocabulary import vocabulary
from jixiao.model.form import Declared, Form, FundsRow, Indicator
from jixiao.scoring.policy import Policy, load_policy
from jixiao.write.layout import FUNDS_KEYS, load_layout

FORM_SHEET = "自评表"
HELP_SHEET = "填报说明"
LISTS_SHEET = "选项"
FONT_NAME = "宋体"
HELP_WIDTH = 76

# columns A–I, as on the paper form (write/layout.py): the vertical block label in A, then
# 一级指标 … 偏差原因 for the indicators and row label, 年初预算数 … 得分 for the funds
WIDTHS = (6, 11, 16, 24, 13, 13, 8, 11, 26)
# the labels are the Beijing layout's (write/layouts/beijing.toml), which the form writers use and
# jixiao's reader is checked against; the template lays them out on its own wider grid
LAYOUT = load_layout("beijing")
FUNDS_ROWS = tuple(zip(LAYOUT.funds.rows, FUNDS_KEYS, strict=True))
INDICATOR_COLUMNS = tuple(head.replace("\n", "") for head in LAYOUT.indicators.heads)

_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FONT = Font(name=FONT_NAME, size=10)
_BOLD = Font(name=FONT_NAME, size=10, bold=True)
_TITLE_FONT = Font(name=FONT_NAME, size=16, bold=True)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_TOP_LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)
_LOCKED = Protection(locked=True)
_UNLOCKED = Protection(locked=False)
_INPUT_FILL = PatternFill("solid", start_color="FFFFF2CC")  # pale yellow: type here
_FORMULA_FILL = PatternFill("solid", start_color="FFE2EFDA")  # pale green: computed
_LABEL_FILL = PatternFill("solid", start_color="FFF2F2F2")


def write_template(
    out: str | Path | IO[bytes],
    *,
    policy: Policy | None = None,
    form: Form | None = None,
    indicator_rows: int = 20,
) -> None:
    """Write the fill-in workbook to ``out`` (a path or a binary stream).

    ``form`` pre-fills every typed cell (last year's form as this year's start); what the
    template computes is left to its formulas. ``indicator_rows`` is the number of indicator
    rows offered, at least as many as the form has.
    """
    policy = policy or load_policy("beijing")
    rows = max(indicator_rows, len(form.indicators) if form else 0, 1)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = FORM_SHEET
    lists = book.create_sheet(LISTS_SHEET)
    choices = _write_lists(lists, policy)
    _Builder(sheet, policy, form, rows, choices).build()
    help_sheet = book.create_sheet(HELP_SHEET, 1)
    _write_help(help_sheet, policy, rows, choices)
    book.active = 0
    book.save(out)


# --- 选项 -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Choices:
    """What each drop-down offers, in columns A, B, C of the 选项 sheet."""

    level1: list[str]
    level2: list[str]
    results: list[str]

    def ref(self, column: str) -> str:
        """The absolute reference of a list, e.g. '选项'!$A$2:$A$4."""
        values = {"A": self.level1, "B": self.level2, "C": self.results}[column]
        return f"'{LISTS_SHEET}'!${column}$2:${column}${len(values) + 1}"


def level1_names() -> list[str]:
    """The level-1 names, in the order of the label vocabulary (labels.toml)."""
    return list(dict.fromkeys(vocabulary().level2_parents.values()))


def level2_names() -> list[str]:
    return list(vocabulary().level2_parents)


def qualitative_results(policy: Policy) -> list[str]:
    """The qualitative results the policy scores: its grade letters, then its outcome phrases.

    Grades are the policy's own grade bands (Beijing: 优/良/中/差) or else its one-character
    words; phrases are its words in the 财政部 wording (“达成年度指标” …), or else the outcome
    names themselves.
    """
    words = policy.qualitative.words
    grades = list(policy.qualitative.grade_bands) or [w for w in words if len(w) == 1]
    phrases = [w for w in words if "年度指标" in w] or list(policy.qualitative.bands)
    return list(dict.fromkeys(grades + phrases))


def _write_lists(sheet: Worksheet, policy: Policy) -> _Choices:
    """The drop-down lists in columns A–C, and nothing further right.

    The reader reads this sheet too; should a clerk delete the 总分 row, these rows would run
    on as indicator rows, and a row with nothing from the 三级指标 column on holds none.
    """
    choices = _Choices(level1_names(), level2_names(), qualitative_results(policy))
    columns = (
        ("一级指标", choices.level1),
        ("二级指标", choices.level2),
        ("定性结果", choices.results),
    )
    for c, (head, values) in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=c, value=head)
        cell.font = _BOLD
        for r, value in enumerate(values, start=2):
            sheet.cell(row=r, column=c, value=value).font = _FONT
        sheet.column_dimensions[get_column_letter(c)].width = 34 if c == 3 else 20
    _print_on_a4(sheet, f"A1:C{sheet.max_row}")
    sheet.protection.sheet = True
    return choices


# --- 自评表 ---------------------------------------------------------------------------------


class _Builder:
    """Writes the 自评表 sheet top to bottom; ``self.r`` is the current (1-based) row."""

    def __init__(
        self, sheet: Worksheet, policy: Policy, form: Form | None, rows: int, choices: _Choices
    ) -> None:
        self.sheet = sheet
        self.policy = policy
        self.form = form
        self.rows = rows
        self.choices = choices
        self.r = 1
        self.money = self._validation(
            DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0"),
            "金额",
            "请填写数字（单位：万元），不要写“万元”等文字；没有的填 0 或留空。",
            "金额只能是不小于 0 的数字（单位：万元），请删去文字和单位。",
        )
        self.points = self._validation(
            DataValidation(type="decimal", operator="between", formula1="0", formula2="100"),
            "分值/得分",
            "请填写 0 到 100 之间的数字，不要写“分”。",
            "分值和得分只能是 0 到 100 之间的数字，请删去文字。",
        )

    def _validation(
        self, dv: DataValidation, title: str, prompt: str, error: str
    ) -> DataValidation:
        dv.allow_blank = True
        dv.showInputMessage = True
        dv.showErrorMessage = True
        dv.errorStyle = "stop"
        dv.promptTitle = title
        dv.prompt = prompt
        dv.errorTitle = "输入有误"
        dv.error = error
        self.sheet.add_data_validation(dv)
        return dv

    # cells ---------------------------------------------------------------------------------

    def label(
        self, col: int, text: str, *, span: int = 1, rows: int = 1, bold: bool = True
    ) -> None:
        cell = self._area(col, span, rows, _CENTER, _LOCKED, _LABEL_FILL)
        cell.value = text
        cell.font = _BOLD if bold else _FONT

    def input(
        self,
        col: int,
        value: str | Decimal | int | None = None,
        *,
        span: int = 1,
        align: Alignment = _CENTER,
        validation: DataValidation | None = None,
        number_format: str = "General",
        border: Border = _BORDER,
    ) -> None:
        cell = self._area(col, span, 1, align, _UNLOCKED, _INPUT_FILL, border)
        cell.number_format = number_format
        if value not in (None, ""):
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # text that starts with "=" stays text, not a formula
        if validation is not None:
            validation.add(cell.coordinate)

    def formula(self, col: int, formula: str, number_format: str = "General") -> None:
        cell = self._area(col, 1, 1, _CENTER, _LOCKED, _FORMULA_FILL)
        cell.value = formula
        cell.number_format = number_format

    def _area(
        self,
        col: int,
        span: int,
        rows: int,
        align: Alignment,
        protection: Protection,
        fill: PatternFill | None = None,
        border: Border = _BORDER,
    ) -> Cell:
        """Style every position of the area (borders show on every part of a merge), merge it,
        and give its top-left cell."""
        for row in self.sheet.iter_rows(
            min_row=self.r, max_row=self.r + rows - 1, min_col=col, max_col=col + span - 1
        ):
            for c in row:
                c.border = border
                c.alignment = align
                c.protection = protection
                c.font = _FONT
                if fill is not None:
                    c.fill = fill
        if span > 1 or rows > 1:
            self.sheet.merge_cells(
                start_row=self.r,
                start_column=col,
                end_row=self.r + rows - 1,
                end_column=col + span - 1,
            )
        return self.sheet.cell(row=self.r, column=col)

    def height(self, points: float) -> None:
        self.sheet.row_dimensions[self.r].height = min(points, 409)  # Excel's largest

    def _text_height(self) -> float:
        """Points the current row needs to show its longest pre-filled text, wrapped."""
        widths = {c: w for c, w in enumerate(WIDTHS, start=1)}
        for merged in self.sheet.merged_cells.ranges:  # a merged cell wraps over its width
            if merged.min_row == self.r == merged.max_row:
                span = range(merged.min_col, merged.max_col + 1)
                widths[merged.min_col] = sum(WIDTHS[c - 1] for c in span)
        lines = max(_lines(cell.value, widths[cell.column]) for cell in self.sheet[self.r])
        return 14 * lines + 4

    # blocks --------------------------------------------------------------------------------

    def build(self) -> None:
        self.title()
        self.header()
        self.funds()
        self.goals()
        self.indicators()
        self.finish()

    def title(self) -> None:
        cell = self._area(1, 9, 1, _CENTER, _LOCKED, border=Border())
        cell.value = LAYOUT.form_title
        cell.font = _TITLE_FONT
        self.height(32)
        self.r += 1
        year = self.form.year if self.form and self.form.year else dt.date.today().year - 1
        self.input(1, f"（{year}年度）", span=9, border=Border())
        self.sheet.cell(row=self.r, column=1).font = Font(name=FONT_NAME, size=11)
        year_rule = DataValidation(
            type="custom", formula1=f'AND(ISNUMBER(SEARCH("年度",A{self.r})),LEN(A{self.r})<=12)'
        )
        self._validation(
            year_rule,
            "评价年度",
            "只改年份，保持“（2025年度）”的写法。",
            "请按“（2025年度）”的写法填写评价年度。",
        ).add(f"A{self.r}")
        self.height(22)
        self.r += 1

    def header(self) -> None:
        form = self.form
        self.label(1, "项目名称", span=2)
        self.input(3, _text(form.project_name if form else None), span=7, align=_LEFT)
        self.height(24)
        self.r += 1
        for left, right, a, b in (
            ("主管部门", "实施单位", "department", "implementing_unit"),
            ("项目负责人", "联系电话", "manager", "phone"),
        ):
            self.label(1, left, span=2)
            self.input(3, _text(getattr(form, a) if form else None), span=3, align=_LEFT)
            self.label(6, right, span=2)
            self.input(8, _text(getattr(form, b) if form else None), span=2, align=_LEFT)
            self.height(24)
            self.r += 1

    def funds(self) -> None:
        policy = self.policy
        base = "E" if policy.execution.base == "annual_budget" else "D"
        self.label(1, LAYOUT.funds.label, span=2, rows=5)
        self.label(3, "")
        for c, text in enumerate(LAYOUT.funds.columns, start=4):
            self.label(c, text)
        self.height(30)
        self.r += 1
        funds = self.form.funds if self.form else None
        self.total_funds_row = self.r
        for text, key in FUNDS_ROWS:
            row: FundsRow | None = getattr(funds, key) if funds else None
            self.label(3, text, bold=False)
            for c, field in zip(
                (4, 5, 6), ("initial_budget", "annual_budget", "executed"), strict=True
            ):
                value = _number(getattr(row, field)) if row else None
                self.input(c, value, validation=self.money, number_format="0.00####")
            r, a, b = self.r, f"{base}{self.r}", f"F{self.r}"
            # the rate as the paper form writes it (“98.86%”), empty until A and B are there
            self.formula(8, f'=IFERROR(IF(OR(N({a})=0,{b}=""),"",TEXT({b}/{a},"0.00%")),"")')
            if key == "total":
                weight = _number(funds.weight) if funds else None
                self.input(
                    7,
                    weight if weight is not None else _plain(policy.weights.execution),
                    validation=self.points,
                )
                ratio = f"MIN({b}/{a},1)" if policy.execution.cap else f"{b}/{a}"
                decimals = policy.rounding.decimals
                self.formula(
                    9,
                    f'=IFERROR(IF(OR(N({a})=0,{b}="",G{r}=""),"",'
                    f'ROUND(G{r}*{ratio},{decimals})),"")',
                    "0.00",
                )
            else:
                self.label(7, "—", bold=False)
                self.label(9, "—", bold=False)
            self.height(22)
            self.r += 1

    def goals(self) -> None:
        goals = self.form.goals if self.form else None
        self.label(1, LAYOUT.goals.label, span=2, rows=2)
        self.label(3, LAYOUT.goals.expected, span=3)
        self.label(6, LAYOUT.goals.achieved, span=4)
        self.height(22)
        self.r += 1
        self.input(3, _text(goals.expected if goals else None), span=3, align=_TOP_LEFT)
        self.input(6, _text(goals.achieved if goals else None), span=4, align=_TOP_LEFT)
        self.height(max(110, self._text_height()))
        self.r += 1

    def indicators(self) -> None:
        self.label(1, LAYOUT.indicators.column, rows=self.rows + 1)
        for c, text in enumerate(INDICATOR_COLUMNS, start=2):
            self.label(c, text)
        self.height(30)
        self.header_row = self.r
        self.r += 1
        self.first = self.r
        self.last = self.r + self.rows - 1
        ref = self.choices.ref
        level1 = self._list(ref("A"), "一级指标", "从下拉列表选择一级指标。")
        level2 = self._list(ref("B"), "二级指标", "从下拉列表选择二级指标。")
        results = self._list(
            ref("C"),
            "实际完成值",
            "定量指标填数字和单位（如 36次、98%）；定性指标可从下拉列表选择。",
            strict=False,
        )
        given = self.form.indicators if self.form else []
        for i in range(self.rows):
            ind = given[i] if i < len(given) else None
            self.input(2, _level(ind, 1), validation=level1)
            self.input(3, _level(ind, 2), validation=level2)
            self.input(4, _text(ind.name if ind else None), align=_LEFT)
            self.input(5, _text(ind.target if ind else None))
            self.input(6, _text(ind.actual if ind else None), validation=results)
            self.input(7, _number(ind.weight) if ind else None, validation=self.points)
            self.input(8, _number(ind.score) if ind else None, validation=self.points)
            self.input(9, _text(ind.deviation if ind else None), align=_LEFT)
            self.height(max(30, self._text_height()))
            self.r += 1
        self.label(1, LAYOUT.indicators.total, span=6)
        f, t = self.first, self.last
        # empty until the indicators have weights (scores): a blank form declares no total
        funds = self.total_funds_row
        self.formula(7, f'=IF(COUNT(G{f}:G{t})=0,"",SUM(G{funds},G{f}:G{t}))')
        self.formula(8, f'=IF(COUNT(H{f}:H{t})=0,"",SUM(I{funds},H{f}:H{t}))', "0.00")
        # level-1 subtotals beside the totals, for the clerk to compare with the policy's split;
        # the reader takes only the two cells after 总分, and nothing here can pass for a row
        # (only for a split by 一级指标: a policy with no default split, or one by the groups
        # of another region's form, has nothing column B can sum)
        split = self.policy.weights
        if split.level1 and split.split_by == "level1":
            parts = '&"、"&'.join(
                f'"{name.removesuffix("指标")} "&SUMIF(B{f}:B{t},"{name}",G{f}:G{t})'
                for name in split.level1
            )
            self.formula(9, f'="分值小计："&{parts}')
            self.sheet.cell(row=self.r, column=9).font = Font(name=FONT_NAME, size=9)
        self.height(24)
        self.r += 1

    def _list(self, ref: str, title: str, prompt: str, *, strict: bool = True) -> DataValidation:
        dv = DataValidation(type="list", formula1=ref)  # no "=": OOXML stores it bare
        self._validation(dv, title, prompt, f"请从下拉列表中选择{title}。")
        # the actual column takes numbers too: the list only suggests, it does not refuse
        dv.showErrorMessage = strict
        return dv

    def finish(self) -> None:
        sheet = self.sheet
        for i, width in enumerate(WIDTHS, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = width
        sheet.freeze_panes = "A3"  # title and year stay in view
        _print_on_a4(sheet, f"A1:I{self.r - 1}")
        sheet.print_options.horizontalCentered = True
        sheet.print_title_rows = f"{self.header_row}:{self.header_row}"
        protection = sheet.protection
        protection.sheet = True
        protection.formatColumns = False  # allowed: widen a column, heighten a row
        protection.formatRows = False
        protection.selectLockedCells = False
        protection.selectUnlockedCells = False


def _print_on_a4(sheet: Worksheet, area: str) -> None:
    """A4 portrait, as wide as the page, as many pages down as it takes."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_PORTRAIT
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.print_area = area


def _text(value: Declared | None) -> str | None:
    return ILLEGAL_CHARACTERS_RE.sub("", value.text) if value and value.text else None


def _number(value: Declared | None) -> Decimal | str | None:
    """A declared plain number as a number cell, so the formulas use it; other text as written
    (“8.8分”, “145.40556.6”): the review rules flag it, the template does not hide it."""
    text = _text(value)
    if text is None:
        return None
    plain = text.replace(",", "").strip()
    return Decimal(plain) if _PLAIN_NUMBER.fullmatch(plain) else text


def _plain(value: Decimal) -> Decimal | int:
    return int(value) if value == value.to_integral_value() else value.normalize()


def _level(ind: Indicator | None, level: int) -> str | None:
    """The canonical level name the drop-down offers (the reader gives it for any spelling)."""
    if ind is None:
        return None
    return (ind.level1 if level == 1 else ind.level2) or None


# --- 填报说明 -------------------------------------------------------------------------------


def _write_help(sheet: Worksheet, policy: Policy, rows: int, choices: _Choices) -> None:
    """One column of sentences: no cell is a bare label the form reader would take for one."""
    sheet.column_dimensions["A"].width = HELP_WIDTH
    for r, (text, style) in enumerate(_help_lines(policy, rows, choices), start=1):
        cell = sheet.cell(row=r, column=1, value=text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.font = {
            "title": _TITLE_FONT,
            "head": Font(name=FONT_NAME, size=11, bold=True),
        }.get(style, Font(name=FONT_NAME, size=10.5))
        # LibreOffice keeps the default height for wrapped text it has not measured
        lines = -(-_display_width(text) // (HELP_WIDTH - 4))
        sheet.row_dimensions[r].height = 30 if style == "title" else 15 * lines + 4
    _print_on_a4(sheet, f"A1:A{sheet.max_row}")
    sheet.protection.sheet = True


def _help_lines(policy: Policy, rows: int, choices: _Choices) -> Iterable[tuple[str, str]]:
    w = policy.weights
    split = "、".join(f"{k} {_plain(v)} 分" for k, v in w.level1.items())
    indicators = w.total - w.execution
    base = "全年预算数（A）" if policy.execution.base == "annual_budget" else "年初预算数"
    cap = "，执行率超过 100% 的按 100% 计" if policy.execution.cap else ""
    bands = policy.qualitative.grade_bands or policy.qualitative.bands
    band_text = "；".join(f"{name} {_pct(b.low)}–{_pct(b.high)}" for name, b in bands.items())
    grades = "、".join(_grade_text(policy))
    parents: dict[str, list[str]] = {}
    for name, parent in vocabulary().level2_parents.items():
        parents.setdefault(parent, []).append(name)
    groups = "；".join(f"{p}：{'、'.join(names)}" for p, names in parents.items())
    yield "项目支出绩效自评表 填报说明", "title"
    yield (
        f"本工作簿由 jixiao 生成，评分规则：{policy.title}。请在“{FORM_SHEET}”工作表中填写，"
        "黄色单元格为填写处，绿色单元格由公式自动计算，灰色单元格为表格栏目（已锁定，不能改动）。",
        "",
    )
    yield "一、表头", "head"
    yield (
        "第二行的评价年度只改年份，保持“（2025年度）”的写法。然后依次填写项目名称、主管部门、"
        "实施单位、项目负责人和联系电话；项目名称必须填写，审核时按它识别表格。",
        "",
    )
    yield "二、项目资金（单位：万元）", "head"
    yield (
        "年度资金总额及其中的当年财政拨款、上年结转资金、其他资金，每行填写年初预算数、"
        "全年预算数（A）和全年执行数（B），只填数字，不写“万元”等文字；没有的填 0 或留空。"
        "三项来源之和应等于年度资金总额。",
        "",
    )
    yield (
        f"执行率（B/A）和得分由公式计算：执行率 = 全年执行数 ÷ {base}{cap}；"
        f"得分 = 分值 × 执行率，保留 {policy.rounding.decimals} 位小数。"
        f"分值按评分规则为 {_plain(w.execution)} 分。",
        "",
    )
    yield "三、年度总体目标", "head"
    yield (
        "预期目标填年初设定的总体目标；实际完成情况填全年实际完成的情况，写清数量、质量和效果。",
        "",
    )
    yield "四、绩效指标", "head"
    yield (
        f"表中留有 {rows} 行指标，每行填写一个三级指标，用不完的行留空即可（空行不计入）。"
        "每一行都从下拉列表选择一级指标和二级指标，即使与上一行相同也要选择。"
        f"二级指标与一级指标的对应关系：{groups}。",
        "",
    )
    yield (
        "年度指标值写年初设定的目标，尽量量化，如“≥35次”“≤430万元”“100%”“2025年12月前”；"
        "实际完成值写实际达到的数值和单位。定性指标的实际完成值可从下拉列表选择："
        f"{'、'.join(choices.results)}。",
        "",
    )
    yield (
        f"分值和得分只填数字。各三级指标分值之和应为 {_plain(indicators)} 分，"
        f"加上项目资金的 {_plain(w.execution)} 分，总分为 {_plain(w.total)} 分；"
        f"一级指标默认分配为 {split}（特殊情况可调整，总分行右侧的“分值小计”按各行所选一级指标自动汇总）。"
        "得分不能超过分值；得分低于分值时，必须在“偏差原因分析及改进措施”中说明原因和改进措施。",
        "",
    )
    yield "五、评分规则摘要", "head"
    yield (
        "定量指标：完成目标的得满分；未完成的按完成比例计分（正向指标 实际值 ÷ 目标值 × 分值，"
        "成本、时限等反向指标按超出的比例扣分）。",
        "",
    )
    yield f"定性指标：按结果在以下区间内给分（占分值的比例）：{band_text}。", ""
    yield f"总分等级：{grades}。", ""
    yield "六、自动计算与保护", "head"
    yield (
        "执行率、资金得分、总分的分值和得分都由公式自动计算，请勿改动。工作表已设保护（没有密码），"
        "只防止误改栏目；确需增加指标行时，可在“审阅—撤消工作表保护”后插入，"
        f"或用命令 jixiao template --rows 40 重新生成更多行的模板。“{LISTS_SHEET}”工作表是下拉列表的来源，请勿删除或改动。",
        "",
    )
    yield "七、提交", "head"
    yield (
        "填好后保存为 .xlsx 文件（不要改工作表名称，不要删除栏目行），文件名建议为“单位名称-项目名称.xlsx”，"
        "按主管部门的要求上传到 jixiao 系统或交给主管部门。提交前可用 jixiao check 文件名.xlsx 自查。",
        "",
    )


def _grade_text(policy: Policy) -> Iterable[str]:
    """“优 90 分及以上、良 80 分及以上 … 差 60 分以下”."""
    previous = None
    for grade in policy.grades:
        if grade.min or previous is None:
            yield f"{grade.name} {_plain(grade.min)} 分及以上"
        else:
            yield f"{grade.name} {_plain(previous)} 分以下"
        previous = grade.min


def _lines(value: object, width: int) -> int:
    """Lines a text takes wrapped in a column ``width`` characters wide (CJK count double)."""
    if not isinstance(value, str):
        return 1
    return sum(max(1, -(-_display_width(line) // max(width - 1, 1))) for line in value.split("\n"))


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pct(value: Decimal) -> str:
    return f"{_plain(value * 100)}%"
