"""Grid → declared 绩效运行监控表 (mid-year monitoring, domain.md §13).

Read like the self-evaluation form (`jixiao.extract.forms`): the document as one stream of rows,
a table starting at its 项目名称 row with its title and period just above, every block found by
its labels (labels.toml, section ``[monitoring]``), never by a fixed row number. Labels are
compared with the period left out, so "1-7月执行数" and "1-6月执行数" are both 执行数.

Two ways of answering 完成目标可能性 and 偏差原因 are read: a text column ("完全不可能",
"人员保障"), and the tick columns of 财预〔2019〕136号 (确定能 / 有可能 / 完全不可能 and 经费保障 /
制度保障 / 人员保障 / 硬件条件保障 / 其他 under one merged label, a "√" in the one that applies);
a tick becomes its column's label, located at the ticked cell.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from jixiao.extract.forms import _FUNDS_UNIT, _declared, _Row, _stream
from jixiao.extract.vocabulary import block_label, clean, normalise, vocabulary
from jixiao.model.form import EMPTY, Declared, FormSource
from jixiao.model.grid import Cell, Document
from jixiao.model.monitoring import (
    LIKELIHOODS,
    MonitoringForm,
    MonitoringFunds,
    MonitoringIndicator,
)

# the months a table covers: "1-7月", "1—7月", "1至7月份"
PERIOD = re.compile(r"(\d{1,2})\s*[-—–~～至到]\s*(\d{1,2})\s*月(?:份)?(?:底|末)?")
_UNTIL = re.compile(r"截[至止]\s*(\d{1,2})\s*月(?:份)?(?:底|末)?")
_YEAR = re.compile(r"(\d{4})\s*年")
# what people put in a tick column
TICKS = frozenset({"√", "✓", "✔", "☑", "■", "●", "v", "V", "y", "Y", "是", "对"})
_INDICATOR_VALUES = (
    "name",
    "target",
    "actual",
    "forecast",
    "likelihood",
    "cause",
    "measures",
    "needs_rectification",
)


@dataclass(frozen=True)
class MonitoringVocabulary:
    title: tuple[str, ...]
    header: dict[str, str]
    funds_rows: dict[str, str]
    funds_columns: dict[str, str]
    goals_block: frozenset[str]
    goals_expected: frozenset[str]
    goals_progress: frozenset[str]
    indicator_columns: dict[str, str]
    causes: dict[str, str]  # normalised label → category (经费 …)
    text_blocks: dict[str, str]


def label(text: str) -> str:
    """A monitoring label reduced for comparison: `normalise` with the period left out."""
    plain = unicodedata.normalize("NFKC", text)
    plain = _UNTIL.sub("", PERIOD.sub("", plain))
    return normalise(plain)


def _invert(table: dict[str, list[str]]) -> dict[str, str]:
    return {label(variant): key for key, variants in table.items() for variant in variants}


@cache
def monitoring_vocabulary() -> MonitoringVocabulary:
    raw = tomllib.loads(
        resources.files("jixiao.extract").joinpath("labels.toml").read_text("utf-8")
    )["monitoring"]
    return MonitoringVocabulary(
        title=tuple(raw["title"]),
        header=_invert(raw["header"]),
        funds_rows=_invert(raw["funds"]),
        funds_columns=_invert(raw["funds_columns"]),
        goals_block=frozenset(label(x) for x in raw["goals"]["block"]),
        goals_expected=frozenset(label(x) for x in raw["goals"]["expected"]),
        goals_progress=frozenset(label(x) for x in raw["goals"]["progress"]),
        indicator_columns=_invert(raw["indicator_columns"]),
        causes=_invert(raw["causes"]),
        text_blocks=_invert(raw["text"]),
    )


def extract_monitoring(doc: Document) -> list[MonitoringForm]:
    """Every 绩效运行监控表 in the document, in order; [] when it holds none (a self-evaluation
    form or a 申报表 is not one: a table counts only with a monitoring column — 全年预计执行数,
    全年预计完成值, 完成目标可能性 — or a monitoring title)."""
    voc = monitoring_vocabulary()
    rows = _stream(doc)
    starts = [
        i for i, row in enumerate(rows) if voc.header.get(label(row.first_text())) == "project_name"
    ]
    out: list[MonitoringForm] = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(rows)
        head = _title_start(rows, start, starts[n - 1] + 1 if n else 0)
        if n + 1 < len(starts):  # the next table's title rows are not this table's
            end = _title_start(rows, end, start + 1)
        form = _extract_one(rows[head:end], start - head, doc, len(out), voc)
        if form is not None:
            out.append(form)
    return out


# words of the lines a table ends with (填报人：… 填报日期：2020年8月10日), never a title
_SIGNATURE = ("填报", "联系电话", "负责人", "审核人", "日期")


def _title_start(rows: list[_Row], start: int, floor: int) -> int:
    """The first of the title lines just above a table's 项目名称 row (at most four)."""
    i = start
    while i - 1 >= floor and start - (i - 1) <= 4 and _is_title_row(rows[i - 1]):
        i -= 1
    return i


def _is_title_row(row: _Row) -> bool:
    text = "".join(row.texts)
    filled = [c for c in row.cells if c.text.strip()]
    if len(filled) != 1 or len(text) >= 60 or any(w in text for w in _SIGNATURE):
        return False
    return bool(_YEAR.search(text) or _title_word(text))


def _title_word(text: str) -> bool:
    return any(word in text for word in monitoring_vocabulary().title)


def _extract_one(
    rows: list[_Row], name_row: int, doc: Document, index: int, voc: MonitoringVocabulary
) -> MonitoringForm | None:
    first = rows[name_row].cells[0]
    loc = first.loc
    table = rows[name_row].table
    form = MonitoringForm(
        source=FormSource(
            file=doc.file,
            sha256=doc.sha256,
            format=doc.format,
            index=index,
            table=loc.table if loc else None,
            row=loc.row if loc else None,
            page=loc.page if loc else (table.page if table else None),
            sheet=loc.sheet if loc else None,
        ),
        layout="monitoring",
    )
    titled = _read_title(rows[:name_row], form, voc)
    body = rows[name_row:]
    indicators_at = next(
        (i for i, r in enumerate(body) if _indicator_columns(r, voc) is not None), len(body)
    )
    _read_header(body[:indicators_at], form, voc)
    funds_columns = _read_funds(body[:indicators_at], form, voc)
    _read_goals(body[:indicators_at], form, voc)
    indicator_columns = _read_indicators(body, indicators_at, form, voc)
    _read_text_blocks(body, form, voc)
    if not form.period:
        _period_from_labels(body, form)
    monitoring_columns = {"forecast", "likelihood"} & set(indicator_columns or {})
    if not (titled or monitoring_columns or "forecast" in funds_columns):
        return None
    if not funds_columns and indicator_columns is None:
        return None
    return form


def _read_title(rows: list[_Row], form: MonitoringForm, voc: MonitoringVocabulary) -> bool:
    """Title, year and period from the rows above 项目名称; True when a title names a 监控表."""
    titled = False
    for row in reversed(rows):  # the lines nearest the table first
        cell = next((c for c in row.cells if c.text.strip()), None)
        if cell is None:
            continue
        text = clean(cell.text)
        if _title_word(text) and not form.title:
            form.title = Declared(text=text, loc=cell.loc)
            titled = True
        year = _YEAR.search(text)
        if year and form.year is None:
            form.year = int(year.group(1))
        _take_period(cell, form)
    return titled


def _take_period(cell: Cell, form: MonitoringForm) -> None:
    if form.period:
        return
    text = unicodedata.normalize("NFKC", cell.text)
    match = PERIOD.search(text) or _UNTIL.search(text)
    if match:
        form.period = Declared(text=re.sub(r"\s+", "", match.group(0)), loc=cell.loc)


def _period_from_labels(rows: list[_Row], form: MonitoringForm) -> None:
    """No period in the title: the one a column label names ("1-7月执行数")."""
    for row in rows:
        for cell in row.cells:
            if len(cell.text) <= 20:
                _take_period(cell, form)
            if form.period:
                return


def _read_header(rows: list[_Row], form: MonitoringForm, voc: MonitoringVocabulary) -> None:
    for row in rows:
        cells = row.cells
        for i, cell in enumerate(cells):
            field = voc.header.get(label(cell.text)) if cell.text.strip() else None
            if field is None or getattr(form, field):
                continue
            value: Cell | None = None
            for nxt in cells[i + 1 :]:
                if nxt.text.strip() and label(nxt.text) in voc.header:
                    break
                if nxt.text.strip():
                    value = nxt
                    break
            if value is not None:
                setattr(form, field, _declared(value))
            elif i + 1 < len(cells):
                setattr(form, field, Declared(text="", loc=cells[i + 1].loc))


def _under(header: dict[int, tuple[str, int]], cell: Cell) -> str | None:
    """The key of the header cell whose columns cover ``cell``'s first column."""
    for col, (key, span) in header.items():
        if col <= cell.col < col + span:
            return key
    return None


def _read_funds(rows: list[_Row], form: MonitoringForm, voc: MonitoringVocabulary) -> set[str]:
    """The 年度资金总额 row under its column labels; returns the columns found."""
    for row in rows:
        for cell in row.cells:
            text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", cell.text))
            match = _FUNDS_UNIT.search(text)
            if match and not form.funds.unit:
                form.funds.unit = Declared(text=match.group(1) or match.group(2), loc=cell.loc)
    header: dict[int, tuple[str, int]] = {}
    for i, row in enumerate(rows):
        keys = {
            c.col: (key, c.colspan)
            for c in row.cells
            if c.text.strip() and (key := voc.funds_columns.get(label(c.text))) is not None
        }
        if "executed" in {k for k, _ in keys.values()} and len(keys) >= 2:
            header = keys
            body = rows[i + 1 :]
            break
    else:
        return set()
    for row in body:
        at = next(
            (j for j, c in enumerate(row.cells) if voc.funds_rows.get(label(c.text)) == "total"),
            None,
        )
        if at is None:
            continue
        values: dict[str, Declared] = {}
        for cell in row.cells[at + 1 :]:
            key = _under(header, cell)
            if key is not None and key not in values:
                values[key] = _declared(cell) if not cell.continued else Declared(loc=cell.loc)
        if "annual_budget" not in values and "initial_budget" in values:
            values["annual_budget"] = values["initial_budget"]  # only 年初预算数 is given
        values.pop("initial_budget", None)
        form.funds = MonitoringFunds(unit=form.funds.unit, **values)
        break
    return {key for key, _ in header.values()}


def _read_goals(rows: list[_Row], form: MonitoringForm, voc: MonitoringVocabulary) -> None:
    for i, row in enumerate(rows):
        labels = [label(c.text) for c in row.cells]
        if not any(lab in voc.goals_block for lab in labels):
            continue
        expected = next((c for c in row.cells if label(c.text) in voc.goals_expected), None)
        progress = next((c for c in row.cells if label(c.text) in voc.goals_progress), None)
        if expected is not None and i + 1 < len(rows):
            below = {c.col: c for c in rows[i + 1].cells}
            form.annual_goal = _declared(below.get(expected.col))
            if progress is not None:
                form.progress = _declared(below.get(progress.col))
            return
        # 年度总体目标 | the goal text (| 1-7月完成情况 | its text)
        texts = [
            c
            for c in row.cells
            if c.text.strip() and label(c.text) not in voc.goals_block | voc.goals_progress
        ]
        if texts:
            form.annual_goal = _declared(texts[0])
        if progress is not None:
            after = [c for c in row.cells if c.col > progress.col and c.text.strip()]
            form.progress = _declared(after[0] if after else None)
        return


def _indicator_columns(row: _Row, voc: MonitoringVocabulary) -> dict[int, tuple[str, int]] | None:
    cols: dict[int, tuple[str, int]] = {}
    for cell in row.cells:
        key = voc.indicator_columns.get(label(cell.text)) if cell.text.strip() else None
        if key is not None and key not in {k for k, _ in cols.values()}:
            cols[cell.col] = (key, cell.colspan)
    keys = {k for k, _ in cols.values()}
    if "level1" in keys and ("name" in keys or "level2" in keys) and "target" in keys:
        return cols
    return None


def _tick_options(
    row: _Row, cols: dict[int, tuple[str, int]], voc: MonitoringVocabulary
) -> dict[int, tuple[str, Cell]]:
    """Column → (field, option label cell) for the tick columns a second header row names under a
    merged 完成目标可能性 / 偏差原因分析 label; {} when the row is no such header."""
    out: dict[int, tuple[str, Cell]] = {}
    for cell in row.cells:
        if not cell.text.strip():
            continue
        key = _under(cols, cell)
        text = label(cell.text)
        if key == "likelihood" and text in LIKELIHOODS:
            out[cell.col] = ("likelihood", cell)
        elif key == "cause" and text in voc.causes:
            out[cell.col] = ("cause", cell)
        else:
            return {}
    return out


def _read_indicators(
    rows: list[_Row], at: int, form: MonitoringForm, voc: MonitoringVocabulary
) -> dict[str, int] | None:
    if at >= len(rows):
        return None
    cols = _indicator_columns(rows[at], voc)
    assert cols is not None
    start = at + 1
    ticks: dict[int, tuple[str, Cell]] = {}
    if start < len(rows):
        ticks = _tick_options(rows[start], cols, voc)
        if ticks:
            start += 1
    gen = vocabulary()
    level1 = level2 = ""
    level1_text = level2_text = EMPTY
    for row in rows[start:]:
        if row.table is None:
            continue  # loose text between tables
        if _text_block(row, voc) is not None or voc.header.get(label(row.first_text())):
            break
        if _indicator_columns(row, voc) is not None:
            continue  # a header repeated on the next page
        picked: dict[str, Cell] = {}
        ticked: dict[str, list[Cell]] = {}
        for cell in row.cells:
            if cell.col in ticks:
                field, option = ticks[cell.col]
                if cell.text.strip() in TICKS:
                    ticked.setdefault(field, []).append(
                        Cell(text=option.text, row=cell.row, col=cell.col, loc=cell.loc)
                    )
                continue
            key = _under(cols, cell)
            if key is not None and key not in picked:
                picked[key] = cell
        l1 = picked.get("level1")
        if l1 is not None and l1.text.strip():
            level1 = gen.level1_name(l1.text) or clean(l1.text)
            level1_text = _declared(l1)
            level2, level2_text = "", EMPTY
        l2 = picked.get("level2")
        if l2 is not None and l2.text.strip():
            level2 = gen.level2_name(l2.text) or clean(l2.text)
            level2_text = _declared(l2)
            parent = gen.level2_parents.get(level2)
            if parent and not level1:
                level1 = parent
        values = {key: _declared(picked.get(key)) for key in _INDICATOR_VALUES}
        for field, cells in ticked.items():
            values[field] = Declared(text="、".join(clean(c.text) for c in cells), loc=cells[0].loc)
        if not any(values[k].text for k in ("name", "target", "actual", "forecast")):
            continue
        form.indicators.append(
            MonitoringIndicator(
                level1=level1,
                level2=level2,
                level1_text=level1_text,
                level2_text=level2_text,
                **values,
            )
        )
    return {key: col for col, (key, _) in cols.items()}


def _text_block(row: _Row, voc: MonitoringVocabulary) -> str | None:
    return voc.text_blocks.get(block_label(row.first_text())) if row.first_text() else None


def _read_text_blocks(rows: list[_Row], form: MonitoringForm, voc: MonitoringVocabulary) -> None:
    """整改要求 …: the text beside the label, or in the row below."""
    for i, row in enumerate(rows):
        field = _text_block(row, voc)
        if field is None or getattr(form, field):
            continue
        name = next(c for c in row.cells if c.text.strip())
        value = next((c for c in row.cells if c.col > name.col and c.text.strip()), None)
        if value is None and i + 1 < len(rows):
            value = next((c for c in rows[i + 1].cells if c.text.strip()), None)
        setattr(form, field, _declared(value))
