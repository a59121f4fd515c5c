"""Grid → declared 绩效目标申报表 (project performance targets, domain.md §13).

Read like the self-evaluation form (`jixiao.extract.forms`): the document as one stream of rows
(merged cells as empty placeholders), a 申报表 starting at its 项目名称 row with its title and
year just above, every block found by its labels (labels.toml, section ``[targets]``), never by
a fixed row number:

- header fields: a label cell and the first non-empty cell after it on the row (项目名称,
  项目编码, 主管部门, 实施单位, 项目属性, 项目期, 项目负责人, 联系电话, 立项依据);
- funds: 年度资金总额 / 其中：财政拨款 / 其他资金 with the amount beside the label or after a
  colon in the same cell ("年度资金总额：480"); the unit from the block's label (项目资金（万元）);
- goals: 长期目标 and 年度目标 as a pair of column labels with the texts below them, or each
  label with its text beside it on its own row;
- indicators: the header row (一级 / 二级 / 三级指标, 指标值 — or 指标性质 / 指标值 / 度量单位 —,
  分值, 备注), cells taken under their header cell by grid column;
- 审核意见 rows (主管部门 / 第三方 / 财政部门).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from jixiao.extract.forms import _FUNDS_UNIT, _YEAR, _declared, _joined_target, _Row, _stream
from jixiao.extract.vocabulary import _invert, clean, normalise, vocabulary
from jixiao.model.form import EMPTY, Declared, FormSource
from jixiao.model.grid import Cell, Document
from jixiao.model.targets import TargetFunds, TargetIndicator, TargetsForm

_INDICATOR_VALUES = ("name", "target", "weight", "note")
# "年度资金总额：480.00万元" — a label and its amount in one cell
_INLINE = re.compile(r"^([^:：]{2,12})[:：]\s*(\S.*)$", re.S)
_AMOUNT_UNIT = re.compile(r"(万元|元)\s*$")


@dataclass(frozen=True)
class TargetsVocabulary:
    titles: tuple[str, ...]
    header: dict[str, str]  # normalised label → TargetsForm field
    funds: dict[str, str]  # → TargetFunds field
    goals: dict[str, str]  # → "long_term_goal" / "annual_goal"
    goals_block: frozenset[str]
    indicator_columns: dict[str, str]
    opinions: dict[str, str]  # → "department" / "third_party" / "finance"
    sections: dict[str, str]  # 长期绩效指标 → "long_term", 年度绩效指标 → "annual"

    def is_label(self, text: str) -> bool:
        n = normalise(text)
        return (
            n in self.header
            or n in self.funds
            or n in self.goals
            or n in self.goals_block
            or n in self.opinions
        )


@cache
def targets_vocabulary() -> TargetsVocabulary:
    raw = tomllib.loads(
        resources.files("jixiao.extract").joinpath("labels.toml").read_text("utf-8")
    )["targets"]
    goals = {k: v for k, v in raw["goals"].items() if k != "block"}
    return TargetsVocabulary(
        titles=tuple(normalise(t) for t in raw["titles"]),
        header=_invert(raw["header"]),
        funds=_invert(raw["funds"]),
        goals=_invert(goals),
        goals_block=frozenset(normalise(x) for x in raw["goals"]["block"]),
        indicator_columns=_invert(raw["indicators"]),
        opinions=_invert(raw["opinions"]),
        sections=_invert(raw["sections"]),
    )


def is_targets_title(text: str) -> bool:
    """A line that names a 申报表: "项目支出绩效目标申报表", "项目支出绩效目标表（2025年度）"."""
    n = normalise(text)
    return len(n) <= 40 and any(t in n for t in targets_vocabulary().titles)


def extract_targets(document: Document) -> list[TargetsForm]:
    """Every 绩效目标申报表 in the document, in order; [] when it holds none (a table counts
    when it has a 项目名称 row and an indicator table or a 年度目标, under a 申报表 title or with
    申报表 labels: 项目属性, 长期目标)."""
    voc = targets_vocabulary()
    rows = _stream(document)
    starts = [
        i
        for i, row in enumerate(rows)
        if voc.header.get(normalise(row.first_text())) == "project_name"
    ]
    out: list[TargetsForm] = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(rows)
        floor = starts[n - 1] + 1 if n else 0
        head = _title_start(rows, start, floor)
        if n + 1 < len(starts):  # the next 申报表's title rows are not this one's
            end = _title_start(rows, end, start + 1)
        found = _extract_one(rows[head:end], start - head, document, len(out), voc)
        if found is not None:
            out.append(found)
    return out


def _is_title_row(row: _Row) -> bool:
    text = "".join(row.texts)
    filled = sum(bool(c.text.strip()) for c in row.cells)
    if filled > 2 or len(text) >= 60:
        return False
    # 填报单位（盖章）：… between the title and the table (88号-style forms)
    return is_targets_title(text) or bool(_YEAR.search(text)) or text.startswith("填报单位")


def _title_start(rows: list[_Row], start: int, floor: int) -> int:
    """The first of the title / year rows just above the 项目名称 row at ``start``."""
    i = start
    while i - 1 >= floor and start - (i - 1) <= 4 and _is_title_row(rows[i - 1]):
        i -= 1
    return i


def _extract_one(
    rows: list[_Row], name_row: int, doc: Document, index: int, voc: TargetsVocabulary
) -> TargetsForm | None:
    first = rows[name_row].cells[0]
    loc = first.loc
    table = rows[name_row].table
    source = FormSource(
        file=doc.file,
        sha256=doc.sha256,
        format=doc.format,
        index=index,
        table=loc.table if loc else None,
        row=loc.row if loc else None,
        page=loc.page if loc else (table.page if table else None),
        sheet=loc.sheet if loc else None,
    )
    form = TargetsForm(source=source, layout="targets")
    titled = False
    for row in rows[:name_row]:
        text = clean("\n".join(row.texts))
        match = _YEAR.search(text)
        if match and form.year is None:
            form.year = int(match.group(1) or match.group(2))
        for line in text.split("\n"):
            if is_targets_title(line) and not form.title:
                form.title = Declared(text=line, loc=row.cells[0].loc)
                titled = True
    header_at = next(
        (i for i, r in enumerate(rows) if _indicator_columns(r, voc) is not None), len(rows)
    )
    labels = _read_header(rows[:header_at], form, voc)
    _read_funds(rows[:header_at], form, voc)
    _read_goals(rows[:header_at], form, voc)
    if header_at < len(rows):
        _read_indicators(rows, _annual_header(rows, header_at, voc), form, voc)
    _read_opinions(rows, form, voc)
    if form.year is None:  # "2024年基本公共卫生服务项目": the year the project name starts with
        match = re.match(r"(\d{4})年", form.project_name.text)
        if match:
            form.year = int(match.group(1))
    has_body = bool(form.indicators) or bool(form.annual_goal)
    own_labels = bool(labels & {"attribute", "period"}) or bool(form.long_term_goal)
    if not has_body or not (titled or own_labels):
        return None
    return form


def _value_after(cells: list[Cell], i: int, voc: TargetsVocabulary) -> Cell | None:
    """The first non-empty cell after cell ``i`` on its row, unless a label comes first."""
    for nxt in cells[i + 1 :]:
        if nxt.text.strip() and voc.is_label(nxt.text):
            return None
        if nxt.text.strip():
            return nxt
    return None


def _inline(cell: Cell) -> tuple[str, Declared] | None:
    """A label and its value written in one cell: "年度资金总额：480.00"."""
    match = _INLINE.match(unicodedata.normalize("NFKC", cell.text).strip())
    if match is None:
        return None
    return normalise(match.group(1)), Declared(text=clean(match.group(2)), loc=cell.loc)


def _read_header(rows: list[_Row], form: TargetsForm, voc: TargetsVocabulary) -> set[str]:
    """The header fields; returns the fields whose label was met."""
    met: set[str] = set()
    for row in rows:
        cells = row.cells
        for i, cell in enumerate(cells):
            if not cell.text.strip():
                continue
            field = voc.header.get(normalise(cell.text))
            inline = None
            if field is None:
                inline = _inline(cell)
                field = voc.header.get(inline[0]) if inline else None
            if field is None:
                continue
            met.add(field)
            if getattr(form, field):
                continue
            if inline is not None:
                setattr(form, field, inline[1])
                continue
            value = _value_after(cells, i, voc)
            if value is not None:
                setattr(form, field, _declared(value))
            elif i + 1 < len(cells):  # an empty cell: its location is kept
                setattr(form, field, Declared(text="", loc=cells[i + 1].loc))
    return met


def _read_funds(rows: list[_Row], form: TargetsForm, voc: TargetsVocabulary) -> None:
    funds: dict[str, Declared] = {}
    unit: Declared = EMPTY
    for at, row in enumerate(rows):
        labels = [
            (c, voc.funds[normalise(c.text)]) for c in row.cells if normalise(c.text) in voc.funds
        ]
        if len(labels) >= 2 and at + 1 < len(rows):
            # 年度资金总额 | 其中：财政拨款 | 其他资金 as column labels: the amounts below them
            below = _picked(rows[at + 1], {field: label.col for label, field in labels})
            for field, value in below.items():
                funds.setdefault(field, _declared(value))
        for i, cell in enumerate(row.cells):
            text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", cell.text))
            if not text:
                continue
            match = _FUNDS_UNIT.search(text)
            if match and not unit:
                unit = Declared(text=match.group(1) or match.group(2), loc=cell.loc)
            field = voc.funds.get(normalise(cell.text))
            value: Declared | None = None
            if field is not None:
                after = _value_after(row.cells, i, voc)
                value = _declared(after) if after is not None else None
                if value is None and i + 1 < len(row.cells):
                    value = Declared(text="", loc=row.cells[i + 1].loc)
            elif (inline := _inline(cell)) is not None and inline[0] in voc.funds:
                field, value = voc.funds[inline[0]], inline[1]
            if field is not None and value is not None and field not in funds:
                funds[field] = value
    if not unit:  # no unit in a label: the one written after the amounts ("480万元")
        for value in funds.values():
            match = _AMOUNT_UNIT.search(value.text)
            if match:
                unit = Declared(text=match.group(1), loc=value.loc)
                break
    form.funds = TargetFunds(**funds, unit=unit)


def _read_goals(rows: list[_Row], form: TargetsForm, voc: TargetsVocabulary) -> None:
    for i, row in enumerate(rows):
        block = next((c for c in row.cells if normalise(c.text) in voc.goals_block), None)
        if block is not None and not form.long_term_goal:
            # 总体目标 | 目标1：… 目标2：… (the 参考模板): the overall goal, beside its label
            text = _value_after(row.cells, row.cells.index(block), voc)
            if text is not None:
                form.long_term_goal = _declared(text)
        labelled = [
            (c, voc.goals[normalise(c.text)]) for c in row.cells if normalise(c.text) in voc.goals
        ]
        if not labelled:
            continue
        if len(labelled) >= 2 and i + 1 < len(rows):
            # 长期目标 | 年度目标 as column labels: the texts below, by grid column
            below = {c.col: c for c in rows[i + 1].cells}
            for label, field in labelled:
                value = below.get(label.col)
                if value is not None and not getattr(form, field):
                    setattr(form, field, _declared(value))
            continue
        label, field = labelled[0]
        if getattr(form, field):
            continue
        at = row.cells.index(label)
        value = _value_after(row.cells, at, voc)
        if value is not None:
            setattr(form, field, _declared(value))
        elif i + 1 < len(rows) and not any(voc.is_label(c.text) for c in rows[i + 1].cells):
            below = next((c for c in rows[i + 1].cells if c.text.strip()), None)
            setattr(form, field, _declared(below))
        elif at + 1 < len(row.cells):  # an empty cell beside the label: its location is kept
            setattr(form, field, Declared(text="", loc=row.cells[at + 1].loc))


def _indicator_columns(row: _Row, voc: TargetsVocabulary) -> dict[str, int] | None:
    """The header row's columns: key → grid column; None when the row is no indicator header."""
    cols: dict[str, int] = {}
    for cell in row.cells:
        key = voc.indicator_columns.get(normalise(cell.text))
        if key is not None and key not in cols:
            cols[key] = cell.col
    if "level1" in cols and ("name" in cols or "level2" in cols) and "target" in cols:
        return cols
    return None


def _section(row: _Row, voc: TargetsVocabulary) -> str | None:
    """ "long_term" / "annual" for a row that opens an indicator table of its own."""
    return voc.sections.get(normalise(row.first_text()))


def _annual_header(rows: list[_Row], header_at: int, voc: TargetsVocabulary) -> int:
    """The indicator header to read: the one of the 年度绩效指标 when the 申报表 also sets
    长期绩效指标 in a table of their own, else the first."""
    for i in range(header_at, len(rows)):
        if _section(rows[i], voc) == "annual":
            return next(
                (j for j in range(i, len(rows)) if _indicator_columns(rows[j], voc) is not None),
                header_at,
            )
    return header_at


def _picked(row: _Row, cols: dict[str, int]) -> dict[str, Cell]:
    """The row's cell under each header cell: the one whose span covers the header's column."""
    out: dict[str, Cell] = {}
    for key, col in cols.items():
        for cell in row.cells:
            if cell.col <= col < cell.col + cell.colspan:
                out[key] = cell
                break
    return out


def _read_indicators(
    rows: list[_Row], header_at: int, form: TargetsForm, voc: TargetsVocabulary
) -> None:
    cols = _indicator_columns(rows[header_at], voc)
    assert cols is not None
    words = vocabulary()
    split = "nature" in cols or "unit" in cols
    level1 = level2 = ""
    level1_text = level2_text = EMPTY
    for row in rows[header_at + 1 :]:
        if row.table is None:
            continue  # loose text between tables
        if any(normalise(c.text) in voc.opinions for c in row.cells) or voc.header.get(
            normalise(row.first_text())
        ):
            break  # 审核意见 rows, or the next form
        if _section(row, voc) is not None:
            break  # the other indicator table (长期 / 年度绩效指标)
        if _indicator_columns(row, voc) is not None:
            continue  # the header repeated on the next page
        picked = _picked(row, cols)
        if picked.get("name") is not None and picked.get("name") is picked.get("target"):
            break  # one cell across the table (填报人…, 注：…): the table has ended
        l1 = picked.get("level1")
        if l1 is not None and l1.text.strip() and not l1.continued:
            name = words.level1_name(l1.text)
            level1, level1_text = name or clean(l1.text), _declared(l1)
            level2, level2_text = "", EMPTY
        l2 = picked.get("level2")
        if l2 is not None and l2.text.strip() and not l2.continued:
            name2 = words.level2_name(l2.text)
            level2, level2_text = name2 or clean(l2.text), _declared(l2)
            parent = words.level2_parents.get(level2)
            if parent and not level1:
                level1 = parent
        values = {key: _declared(picked.get(key)) for key in _INDICATOR_VALUES}
        parts: dict[str, Declared] = {}
        if split:
            parts = {
                "nature": _declared(picked.get("nature")),
                "value": values["target"],
                "unit": _declared(picked.get("unit")),
            }
            values["target"] = _joined_target(parts)
        if _carries_no_indicator(values):
            continue
        form.indicators.append(
            TargetIndicator(
                level1=level1,
                level2=level2,
                level1_text=level1_text,
                level2_text=level2_text,
                target_parts=parts,
                **values,
            )
        )


def _carries_no_indicator(values: dict[str, Declared]) -> bool:
    """A placeholder row ("指标1：", "……", empty) with nothing else, or a 不涉及 row."""
    words = vocabulary()
    name = values["name"].text
    rest = [values[k].text for k in ("target", "weight")]
    if words.is_placeholder(name) and not any(rest):
        return True
    if normalise(name) in words.not_applicable:
        return all(not v or normalise(v) in words.not_applicable for v in rest)
    return False


def _read_opinions(rows: list[_Row], form: TargetsForm, voc: TargetsVocabulary) -> None:
    for row in rows:
        for i, cell in enumerate(row.cells):
            key = voc.opinions.get(normalise(cell.text)) if cell.text.strip() else None
            if key is None or key in form.opinions:
                continue
            value = _value_after(row.cells, i, voc)
            if value is not None:
                form.opinions[key] = _declared(value)
            elif i + 1 < len(row.cells):
                form.opinions[key] = Declared(text="", loc=row.cells[i + 1].loc)
