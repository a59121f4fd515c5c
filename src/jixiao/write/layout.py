"""A form laid out as the paper 项目支出绩效自评表: one table with merged cells, from a layout file.

Nine grid columns, as in the published Word forms: the vertical 项目资金 and 绩效指标 cells on the
left, level-1 and level-2 cells merged down over their rows, the 总分 row at the bottom. What
differs between the official forms — which header rows there are, the wording of every label,
column widths, fonts, the page — is data: one TOML file per layout in `jixiao/write/layouts/`
(a province's variant is a new file, not new code). Writers for Word, Excel, HTML and PDF turn
the Table into a file; a reader given that file must give the same form back, so a layout whose
labels jixiao's own reader would not recognise is refused when it is loaded.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from jixiao.extract.vocabulary import normalise, vocabulary
from jixiao.model.form import Declared, Form, FundsRow, Indicator
from jixiao.model.grid import Cell, Table

WIDTH = 9
FUNDS_KEYS = ("total", "appropriation", "carryover", "other")
FUNDS_COLUMN_KEYS = (
    "initial_budget",
    "annual_budget",
    "executed",
    "weight",
    "execution_rate",
    "score",
)
INDICATOR_KEYS = ("level1", "level2", "name", "target", "actual", "weight", "score", "deviation")
HEADER_FIELDS = ("project_name", "department", "implementing_unit", "manager", "phone")
PAGE_MM = {"A4": (210, 297)}
DEFAULT = "beijing"


class LayoutError(Exception):
    """A layout file that cannot be used; the message says in Chinese which file and why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Font(_Strict):
    name: str = Field(min_length=1)
    size_pt: float = Field(gt=0, le=72)
    bold: bool = False


class Fonts(_Strict):
    title: Font
    year: Font
    body: Font


class Margins(_Strict):
    top: float = Field(ge=0, le=100)
    bottom: float = Field(ge=0, le=100)
    left: float = Field(ge=0, le=100)
    right: float = Field(ge=0, le=100)


class Page(_Strict):
    size: Literal["A4"] = "A4"
    orientation: Literal["portrait", "landscape"] = "portrait"
    margins_mm: Margins

    @property
    def size_mm(self) -> tuple[float, float]:
        width, height = PAGE_MM[self.size]
        return (height, width) if self.orientation == "landscape" else (width, height)

    @property
    def text_width_mm(self) -> float:
        return self.size_mm[0] - self.margins_mm.left - self.margins_mm.right


class Grid(_Strict):
    column_widths_mm: list[float] = Field(min_length=WIDTH, max_length=WIDTH)

    @model_validator(mode="after")
    def _positive(self) -> Grid:
        if any(w <= 0 for w in self.column_widths_mm):
            raise ValueError("每列宽度都必须大于 0 毫米")
        return self


class HeaderRow(_Strict):
    labels: list[str] = Field(min_length=1)
    fields: list[Literal[HEADER_FIELDS]]  # type: ignore[valid-type]
    spans: list[int]

    @model_validator(mode="after")
    def _shape(self) -> HeaderRow:
        if len(self.fields) != len(self.labels):
            raise ValueError("labels 与 fields 的个数必须相同")
        if len(self.spans) != 2 * len(self.labels) or any(s < 1 for s in self.spans):
            raise ValueError("spans 须为每个标签及其取值各给一个不小于 1 的列数")
        if sum(self.spans) != WIDTH:
            raise ValueError(
                f"spans 之和必须是 {WIDTH}（表格共 {WIDTH} 列），实际为 {sum(self.spans)}"
            )
        return self


class FundsBlock(_Strict):
    label: str
    columns: list[str] = Field(min_length=6, max_length=6)
    rows: list[str] = Field(min_length=4, max_length=4)
    not_applicable: str = "—"


class GoalsBlock(_Strict):
    label: str
    expected: str
    achieved: str


class IndicatorBlock(_Strict):
    column: str
    heads: list[str] = Field(min_length=8, max_length=8)
    total: str


class Layout(_Strict):
    """One official layout of the form, as its TOML file describes it."""

    id: str = Field(min_length=1)
    title: str = Field(min_length=1)  # the layout's Chinese name, shown to users
    form_title: str  # written when the form declares no title of its own
    year_line: str = "（{year}年度）"
    page: Page
    fonts: Fonts
    grid: Grid
    header: list[HeaderRow] = Field(min_length=1)
    funds: FundsBlock
    goals: GoalsBlock
    indicators: IndicatorBlock

    @model_validator(mode="after")
    def _readable(self) -> Layout:
        """Every label must be one jixiao's reader recognises, or a written form won't read back."""
        problems = _unreadable_labels(self)
        if problems:
            raise ValueError("；".join(problems))
        room = self.page.text_width_mm
        if sum(self.grid.column_widths_mm) > room + 0.01:
            raise ValueError(
                f"grid.column_widths_mm 之和 {sum(self.grid.column_widths_mm):g} 毫米"
                f"超过版心宽度 {room:g} 毫米"
            )
        return self

    @property
    def fields(self) -> set[str]:
        """The header fields this layout has a place for (others are not written)."""
        return {field for row in self.header for field in row.fields}


def _unreadable_labels(layout: Layout) -> list[str]:
    voc = vocabulary()
    out: list[str] = []

    def expect(where: str, label: str, got: str | None, want: str) -> None:
        if got != want:
            out.append(f"{where}“{label}”不是 jixiao 认得的标签（应能读作 {want}）")

    if "自评表" not in layout.form_title:
        out.append(f"form_title“{layout.form_title}”必须含“自评表”，否则读不回表名")
    if "{year}" not in layout.year_line or "年" not in layout.year_line:
        out.append("year_line 必须含 {year} 和“年”，例如“（{year}年度）”")
    for n, row in enumerate(layout.header):
        for label, field in zip(row.labels, row.fields, strict=False):
            expect(f"header[{n}].labels 中的", label, voc.header.get(normalise(label)), field)
    fields = [f for row in layout.header for f in row.fields]
    if "project_name" not in fields:
        out.append("header 必须有 project_name（项目名称）一行：读取时以它找到一张表")
    if len(fields) != len(set(fields)):
        out.append("header 中同一字段出现了不止一次")
    for label, key in zip(layout.funds.columns, FUNDS_COLUMN_KEYS, strict=False):
        expect("funds.columns 中的", label, voc.funds_columns.get(normalise(label)), key)
    for label, key in zip(layout.funds.rows, FUNDS_KEYS, strict=False):
        expect("funds.rows 中的", label, voc.funds_rows.get(normalise(label)), key)
    if normalise(layout.goals.label) not in voc.goals_block:
        out.append(f"goals.label“{layout.goals.label}”不是 jixiao 认得的目标标签")
    for name in ("expected", "achieved"):
        label = getattr(layout.goals, name)
        if normalise(label) not in voc.goals_labels:
            out.append(f"goals.{name}“{label}”不是 jixiao 认得的目标标签")
    if not normalise(layout.indicators.column).startswith("绩效指标"):
        out.append(f"indicators.column“{layout.indicators.column}”必须读作“绩效指标”")
    for label, key in zip(layout.indicators.heads, INDICATOR_KEYS, strict=False):
        expect("indicators.heads 中的", label, voc.indicator_columns.get(normalise(label)), key)
    if normalise(layout.indicators.total) not in voc.total:
        out.append(f"indicators.total“{layout.indicators.total}”不是 jixiao 认得的总分标签")
    return out


def available() -> list[str]:
    """Ids of the layouts shipped with jixiao."""
    folder = resources.files("jixiao.write").joinpath("layouts")
    return sorted(
        p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml")
    )


def load_layout(name_or_path: str | Path | Layout = DEFAULT) -> Layout:
    """A shipped layout by id ("beijing", "mof-2020") or a layout file by path."""
    if isinstance(name_or_path, Layout):
        return name_or_path
    path = Path(name_or_path)
    if isinstance(name_or_path, str) and name_or_path in available():
        return _shipped(name_or_path)
    if not path.exists() and path.suffix != ".toml" and str(name_or_path) in available():
        return _shipped(str(name_or_path))
    if path.suffix == ".toml" or path.exists():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise LayoutError(f"版式文件 {path} 不是 UTF-8 编码的文本") from exc
        except OSError as exc:
            raise LayoutError(f"无法读取版式文件 {path}：{exc.strerror or exc}") from exc
        return parse_layout(text, str(path))
    raise LayoutError(
        f"没有名为“{name_or_path}”的版式；可用：{'、'.join(available())}，或给出 .toml 文件路径"
    )


@cache
def _shipped(name: str) -> Layout:
    text = resources.files("jixiao.write").joinpath("layouts", f"{name}.toml").read_text("utf-8")
    return parse_layout(text, f"{name}（内置）")


def parse_layout(text: str, label: str = "版式") -> Layout:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LayoutError(f"版式文件 {label} 格式错误（TOML）：{exc}") from exc
    try:
        return Layout.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            where = ".".join(str(p) for p in error["loc"])
            problems.append(f"{where}：{_zh(error)}" if where else _zh(error))
        raise LayoutError(f"版式文件 {label} 有误：" + "；".join(problems)) from exc


def _zh(error: dict) -> str:  # type: ignore[type-arg]
    kind = error.get("type", "")
    ctx = error.get("ctx", {})
    if kind == "missing":
        return "缺少此项"
    if kind == "extra_forbidden":
        return "不认识的设置项（拼写错误？）"
    if kind in ("float_parsing", "int_parsing", "float_type", "int_type", "int_from_float"):
        return f"应为数字，实际为 {error.get('input')!r}"
    if kind in ("string_type", "list_type", "bool_type", "bool_parsing", "model_type"):
        wanted = {"string_type": "文字", "list_type": "列表", "model_type": "表（[...]）"}
        return f"应为{wanted.get(kind, '真假值 true/false')}，实际为 {error.get('input')!r}"
    if kind == "literal_error":
        return f"取值只能是 {ctx.get('expected', '')}"
    if kind in ("too_short", "too_long"):
        return f"个数不对：应为 {ctx.get('min_length', ctx.get('max_length', ''))} 个，实际 {ctx.get('actual_length', '')} 个"
    if kind in ("greater_than", "greater_than_equal"):
        return (
            f"必须大于{'或等于' if kind.endswith('equal') else ''} {ctx.get('gt', ctx.get('ge'))}"
        )
    if kind in ("less_than", "less_than_equal"):
        return f"不能大于 {ctx.get('lt', ctx.get('le'))}"
    if kind == "string_too_short":
        return "不能为空"
    if kind == "value_error":
        return str(error.get("msg", "")).removeprefix("Value error, ")
    return str(error.get("msg", kind))


def title_lines(form: Form, layout: str | Path | Layout = DEFAULT) -> list[str]:
    """The lines printed above the table: the form's title and, if it has one, its year."""
    chosen = load_layout(layout)
    lines = [form.title.text or chosen.form_title]
    if form.year:
        lines.append(chosen.year_line.format(year=form.year))
    return lines


def form_table(
    form: Form, index: int = 0, layout: str | Path | Layout = DEFAULT, *, with_title: bool = True
) -> Table:
    """The form as one table of anchored cells with spans.

    ``with_title`` puts the title and year in the table's first two rows, as the plain grid
    writers need; the form writers print them as paragraphs above the table instead.
    Header fields the layout has no place for (项目负责人 in the 财政部 layout) are left out.
    """
    chosen = load_layout(layout)
    table = Table(index=index)
    r = 0

    def put(text: str, col: int, colspan: int = 1, rowspan: int = 1) -> None:
        table.cells.append(Cell(text=text, row=r, col=col, rowspan=rowspan, colspan=colspan))

    if with_title:
        put(form.title.text or chosen.form_title, 0, WIDTH)
        r += 1
        put(chosen.year_line.format(year=form.year) if form.year else "", 0, WIDTH)
        r += 1
    for header in chosen.header:
        col = 0
        for label, field, (label_span, value_span) in zip(
            header.labels,
            header.fields,
            zip(header.spans[::2], header.spans[1::2], strict=True),
            strict=True,
        ):
            put(label, col, label_span)
            put(getattr(form, field).text, col + label_span, value_span)
            col += label_span + value_span
        r += 1

    funds = form.funds
    dash = chosen.funds.not_applicable
    # the label names the unit the form declares (项目资金（元）), 万元 unless it declares 元
    unit_label = chosen.funds.label
    if funds.unit.text == "元":
        unit_label = unit_label.replace("万元", "元")
    put(unit_label, 0, 2, rowspan=5)
    put("", 2)
    for c, label in enumerate(chosen.funds.columns, start=3):
        put(label, c)
    r += 1
    for label, key in zip(chosen.funds.rows, FUNDS_KEYS, strict=True):
        row: FundsRow = getattr(funds, key)
        put(label, 2)
        put(row.initial_budget.text, 3)
        put(row.annual_budget.text, 4)
        put(row.executed.text, 5)
        if key == "total":
            put(funds.weight.text, 6)
            put(funds.execution_rate.text, 7)
            put(funds.score.text, 8)
        else:
            put(dash, 6)
            put(row.execution_rate.text, 7)
            put(dash, 8)
        r += 1

    put(chosen.goals.label, 0, 2, rowspan=2)
    put(chosen.goals.expected, 2, 3)
    put(chosen.goals.achieved, 5, 4)
    r += 1
    put(form.goals.expected.text, 2, 3)
    put(form.goals.achieved.text, 5, 4)
    r += 1

    indicators = form.indicators or [Indicator()]
    column = chosen.indicators.column
    if "绩效指标" in form.stated_weights:
        column += f"\n（{form.stated_weights['绩效指标'].text}分）"
    put(column, 0, rowspan=len(indicators) + 1)
    for c, label in enumerate(chosen.indicators.heads, start=1):
        put(label, c)
    r += 1
    start = r
    # a run of rows shares one merged cell only where the label is written the same way
    for group, span in _runs([(i.level1, _label(i.level1_text, i.level1)) for i in indicators]):
        first = indicators[group]
        r = start + group
        put(_label(first.level1_text, first.level1), 1, rowspan=span)
        members = indicators[group : group + span]
        for sub, subspan in _runs([(i.level2, _label(i.level2_text, i.level2)) for i in members]):
            r = start + group + sub
            ind = indicators[group + sub]
            put(_label(ind.level2_text, ind.level2), 2, rowspan=subspan)
    for i, ind in enumerate(indicators):
        r = start + i
        for c, value in enumerate(
            (ind.name, ind.target, ind.actual, ind.weight, ind.score, ind.deviation), start=3
        ):
            put(value.text, c)
    r = start + len(indicators)
    put(chosen.indicators.total, 0, 6)
    put(form.total_weight.text, 6)
    put(form.total_score.text, 7)
    put("", 8)
    return table


def _label(text: Declared, canonical: str) -> str:
    """The label as the document wrote it (even empty); the canonical name for a typed form."""
    return text.text if text.text or text.loc is not None else canonical


def _runs(keys: list[tuple[str, str]]) -> list[tuple[int, int]]:
    """(start, length) of each run of equal neighbouring keys."""
    out: list[tuple[int, int]] = []
    for i, key in enumerate(keys):
        if out and keys[out[-1][0]] == key:
            out[-1] = (out[-1][0], out[-1][1] + 1)
        else:
            out.append((i, 1))
    return out
