"""Grid → declared forms.

The document is read as one stream of rows — every table's rows (merged cells appearing as
empty placeholders, see `Table.rows`) and every paragraph as a one-cell row — so a form split
over two tables or two pages reads like one. A form starts at its 项目名称 row (its title and
year just above it) and runs to the next form. Inside a form every block is found by its
labels, never by a fixed row number: the header fields, the funds block, the goals, the
indicator table and the 总分 row.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from jixiao.extract.vocabulary import (
    Vocabulary,
    block_label,
    clean,
    nfkc,
    normalise,
    stated_points,
    vocabulary,
    without_points,
)
from jixiao.model.form import (
    EMPTY,
    Declared,
    Form,
    FormSource,
    FundsRow,
    Goals,
    Indicator,
    declared,
)
from jixiao.model.grid import Cell, Document, Loc, Paragraph, Table

_YEAR = re.compile(r"[（(]\s*(\d{4})\s*年\s*度?\s*[)）]|(\d{4})\s*年度")
_TITLE = "自评表"
_FUNDS_COLUMNS = (
    "initial_budget",
    "annual_budget",
    "executed",
    "weight",
    "execution_rate",
    "score",
)
_INDICATOR_VALUES = ("name", "target", "actual", "weight", "score", "deviation", "reviewed_score")
_REPORT_NUMBER = re.compile(r"报表编号\s*[:：]?\s*(\S*)")
# a 指标性质 that is a comparator goes before the value when a split target is joined
_COMPARATORS = frozenset({"≥", "≤", "=", ">", "<", ">=", "<=", "＞", "＜", "＝", "≧", "≦"})


_UNSET: Any = object()


@dataclass(slots=True)
class _Row:
    cells: list[Cell]
    table: Table | None  # None for a paragraph
    # what the row's cells say as labels, worked out once: every block's finder asks
    _labels: list[str] | None = None
    _columns: dict[str, int] | None = _UNSET

    @property
    def labels(self) -> list[str]:
        """The cells' texts normalised (see `normalise`), in order."""
        if self._labels is None:
            self._labels = [normalise(c.text) for c in self.cells]
        return self._labels

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]

    def first_text(self) -> str:
        for cell in self.cells:
            if cell.text.strip():
                return cell.text
        return ""

    def first_label(self) -> str:
        """``normalise(self.first_text())``, from the labels worked out once."""
        for cell, label in zip(self.cells, self.labels, strict=True):
            if cell.text.strip():
                return label
        return ""


def extract_forms(doc: Document) -> list[Form]:
    """Every 项目支出绩效自评表 in the document, in order."""
    voc = vocabulary()
    rows = list(_stream(doc))
    starts = [
        i for i, row in enumerate(rows) if voc.header.get(row.first_label()) == "project_name"
    ]
    forms: list[Form] = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(rows)
        head = _title_rows(rows, start, starts[n - 1] if n else -1)
        if n + 1 < len(starts):  # the next form's title rows are not this form's
            end = _title_rows(rows, end, start)
        form = _extract_one(rows[head:end], start - head, doc, len(forms), voc)
        if form is not None:
            forms.append(form)
    return forms


def _stream(doc: Document) -> list[_Row]:
    out: list[_Row] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            out.append(_Row([Cell(text=block.text, row=0, col=0)], None))
        else:
            out.extend(_Row(cells, block) for cells in block.rows())
    return out


def _is_title_row(row: _Row) -> bool:
    text = "".join(row.texts)
    if "报表编号" in text:  # 四川: its row may run over the table's empty cells
        return sum(bool(c.text.strip()) for c in row.cells) <= 2 and len(text) < 60
    marked = _TITLE in text or bool(_YEAR.search(text))
    return len(row.cells) <= 2 and marked and len(text) < 60


def _title_rows(rows: list[_Row], start: int, floor: int) -> int:
    """The first of the title/year rows just above a form's 项目名称 row."""
    i = start
    while i - 1 > floor and start - (i - 1) <= 4 and _is_title_row(rows[i - 1]):
        i -= 1
    return i


def _declared(cell: Cell | None) -> Declared:
    if cell is None:
        return EMPTY
    return declared(clean(cell.text), cell.loc)


def _extract_one(
    rows: list[_Row], name_row: int, doc: Document, index: int, voc: Vocabulary
) -> Form | None:
    first = rows[name_row].cells[0]
    loc: Loc | None = first.loc
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
    form = Form(source=source)
    for row in rows[:name_row]:
        text = clean("\n".join(row.texts))
        match = _YEAR.search(text)
        if match and form.year is None:
            form.year = int(match.group(1) or match.group(2))
        if _TITLE in text and not form.title:
            title_line = next(line for line in text.split("\n") if _TITLE in line)
            form.title = declared(title_line, row.cells[0].loc)
        number = _REPORT_NUMBER.search(text)
        if number and not form.report_number:
            form.report_number = declared(number.group(1), row.cells[0].loc)
    # the header and the funds block come before the goals and the indicator table; looking
    # only there keeps an indicator named "其他" or a 合计 row from passing for a funds row
    body = next(
        (i for i, r in enumerate(rows) if _is_goals_row(r, voc) or _is_indicator_header(r, voc)),
        len(rows),
    )
    # the funds block may follow the goals (四川), never the indicator table
    table_at = next((i for i, r in enumerate(rows) if _is_indicator_header(r, voc)), len(rows))
    labels = _read_header(rows[:body], form, voc)
    found_funds = _read_funds(rows[:table_at], form, voc)
    _read_goals(rows, form, voc)
    columns = _read_indicators(rows, form, voc)
    _read_text_blocks(rows[name_row:], form, voc)
    if not (found_funds or columns is not None):
        return None
    form.layout = _layout(form, labels, columns or {})
    return form


def _read_header(rows: list[_Row], form: Form, voc: Vocabulary) -> set[str]:
    """Reads the header fields; returns the normalised labels met (the layout tells by them)."""
    labels: set[str] = set()
    for row in rows:
        cells = row.cells
        for i, (cell, label) in enumerate(zip(cells, row.labels, strict=True)):
            field = voc.header.get(label) if cell.text else None
            if field is not None:
                labels.add(label)
            if field is None or getattr(form, field):
                continue
            value: Cell | None = None
            for nxt in cells[i + 1 :]:
                if nxt.text.strip() and normalise(nxt.text) in voc.header:
                    break
                if nxt.text.strip():
                    value = nxt
                    break
            if value is not None:
                setattr(form, field, _declared(value))
            elif i + 1 < len(cells):
                setattr(form, field, declared("", cells[i + 1].loc))
    return labels


# the unit in the funds block's label: 项目资金（万元）, 资金（单位：元）, 单位:元
_FUNDS_UNIT = re.compile(
    r"(?:资金|金额|单位|预算数)[^()]{0,6}\((?:单位:)?(万元|元)\)|单位:(万元|元)"
)


def _read_funds_unit(rows: list[_Row], form: Form) -> None:
    for row in rows:
        for cell in row.cells:
            if not cell.text:
                continue
            text = "".join(nfkc(cell.text).split())  # as re.sub(r"\s+", "", …), sooner
            match = _FUNDS_UNIT.search(text)
            if match:
                form.funds.unit = declared(match.group(1) or match.group(2), cell.loc)
                return


def _read_funds(rows: list[_Row], form: Form, voc: Vocabulary) -> bool:
    columns = list(_FUNDS_COLUMNS)
    found = False
    _read_funds_unit(rows, form)
    for row in rows:
        keys = [voc.funds_columns.get(n) for n in row.labels]
        if sum(k is not None for k in keys) >= 3 and "executed" in keys:
            columns = [k for k in keys if k is not None]
            for cell in row.cells:  # 预算执行情况（10分）: the points the block is worth
                points = stated_points(cell.text)
                if points and normalise(cell.text).startswith("预算执行"):
                    form.stated_weights["预算执行"] = declared(points, cell.loc)
            continue
        for i, (cell, label) in enumerate(zip(row.cells, row.labels, strict=True)):
            key = voc.funds_rows.get(label) if cell.text.strip() else None
            if key is None:
                continue
            values = row.cells[i + 1 : i + 1 + len(columns)]
            found = True
            extra = key.removeprefix("extra:") if key.startswith("extra:") else None
            target: FundsRow = (
                form.funds.extra.get(extra, FundsRow()) if extra else getattr(form.funds, key)
            )
            updates: dict[str, Declared] = {}
            for column, value in zip(columns, values, strict=False):
                if column in ("initial_budget", "annual_budget", "executed", "reason"):
                    updates[column] = _declared(value)
                elif key == "total":
                    setattr(form.funds, column, _declared(value))
                elif column == "execution_rate":
                    updates[column] = _declared(value)
            if extra:
                form.funds.extra[extra] = target.model_copy(update=updates)
            else:
                setattr(form.funds, key, target.model_copy(update=updates))
    return found


def _is_goals_row(row: _Row, voc: Vocabulary) -> bool:
    labels = set(row.labels)
    if labels & voc.goals_block:
        return True
    # 项目年度目标 | 年度目标完成情况 (四川), with no 年度总体目标 cell
    return bool(labels & voc.goals_expected) and bool(labels & voc.goals_achieved)


def _read_goals(rows: list[_Row], form: Form, voc: Vocabulary) -> None:
    for i, row in enumerate(rows):
        if not _is_goals_row(row, voc):
            continue
        under = _goals_under_labels(rows, i, voc)
        if under is not None:
            form.goals = under
            return
        texts: list[Cell] = []
        for cell, n in zip(row.cells, row.labels, strict=True):
            if cell.text.strip() and n not in voc.goals_block and n not in voc.goals_labels:
                texts.append(cell)
        for nxt in rows[i + 1 :]:
            if _is_indicator_header(nxt, voc) or _row_has_label(nxt, voc):
                break
            texts.extend(c for c in nxt.cells if c.text.strip())
        if texts:
            form.goals = Goals(
                expected=_declared(texts[0]),
                achieved=_declared(texts[-1]) if len(texts) > 1 else EMPTY,
            )
        return


def _goals_under_labels(rows: list[_Row], i: int, voc: Vocabulary) -> Goals | None:
    """The goals read by column: the cells under the 预期目标 and 实际完成情况 labels of row
    ``i``, so an empty 预期目标 stays empty instead of taking the achieved text.

    None, and the goals are read in order, when the row below has no cell under each label, has
    text elsewhere, or more goals text follows (a layout whose cells do not line up).
    """
    row = rows[i]
    expected = next((c for c in row.cells if normalise(c.text) in voc.goals_expected), None)
    achieved = next((c for c in row.cells if normalise(c.text) in voc.goals_achieved), None)
    if expected is None or achieved is None or i + 1 >= len(rows):
        return None
    below = rows[i + 1]
    by_col = {c.col: c for c in below.cells}
    value, result = by_col.get(expected.col), by_col.get(achieved.col)
    if value is None or result is None or value.continued or result.continued:
        return None
    if any(c.text.strip() and c is not value and c is not result for c in below.cells):
        return None
    for nxt in rows[i + 2 :]:
        if _is_indicator_header(nxt, voc) or _row_has_label(nxt, voc):
            break
        if any(c.text.strip() for c in nxt.cells):
            return None
    return Goals(expected=_declared(value), achieved=_declared(result))


def _text_block(row: _Row, voc: Vocabulary) -> str | None:
    """The field of the text block (评价结论, 存在问题 …) this row's first cell names, if any."""
    return voc.text_blocks.get(block_label(row.first_text()))


def _row_has_label(row: _Row, voc: Vocabulary) -> bool:
    if _text_block(row, voc) is not None:
        return True
    for n in row.labels:
        if n in voc.header or n in voc.total or n in voc.funds_rows:
            return True
        if n.startswith("绩效指标"):
            return True
    return False


def _indicator_columns(row: _Row, voc: Vocabulary) -> dict[str, int] | None:
    """The indicator table header's columns (key → index in the row), if the row is one."""
    cols = _header_columns(row, voc)
    return None if cols is None else dict(cols)


def _is_indicator_header(row: _Row, voc: Vocabulary) -> bool:
    return _header_columns(row, voc) is not None


def _header_columns(row: _Row, voc: Vocabulary) -> dict[str, int] | None:
    """What `_find_indicator_columns` says of the row, worked out once per row (not a copy)."""
    if row._columns is _UNSET:
        row._columns = _find_indicator_columns(row, voc)
    return row._columns


def _find_indicator_columns(row: _Row, voc: Vocabulary) -> dict[str, int] | None:
    cols: dict[str, int] = {}
    for i, n in enumerate(row.labels):
        key = voc.indicator_columns.get(n)
        if key is None and n.startswith("绩效指标"):
            key = "column"
        if key is not None and key not in cols:
            cols[key] = i
    # the 转移支付 form has no 分值 column: its target column tells the header
    if "level1" in cols and ("name" in cols or "level2" in cols):
        if "weight" in cols or "target" in cols:
            return cols
    return None


def _read_indicators(rows: list[_Row], form: Form, voc: Vocabulary) -> dict[str, int] | None:
    """Reads the indicator table; returns its header's columns (None when there is none)."""
    header_at = next((i for i, r in enumerate(rows) if _is_indicator_header(r, voc)), None)
    if header_at is None:
        return None
    header = rows[header_at]
    cols = _indicator_columns(header, voc)
    assert cols is not None
    column_cell = next((c for c in header.cells if normalise(c.text).startswith("绩效指标")), None)
    if column_cell is None and header_at > 0:  # "绩效指标" alone on the row above
        above = rows[header_at - 1]
        if above.first_label().startswith("绩效指标"):
            column_cell = above.cells[0]
    if column_cell is not None:
        points = stated_points(column_cell.text)
        if points:
            form.stated_weights["绩效指标"] = declared(points, column_cell.loc)

    body: list[_Row] = []
    for row in rows[header_at + 1 :]:
        if row.first_label() in voc.total:
            _read_total(row, form, voc, header, cols)
            break
        if _text_block(row, voc) is not None:
            break  # 评价结论, 存在问题 …: the table has ended (the 转移支付 form has no 总分 row)
        if _is_indicator_header(row, voc) or row.table is None:
            continue  # a header repeated on the next page, or loose text between tables
        body.append(row)

    # Data rows carry the 绩效指标 column even when the header row left it out.
    offset = 0
    if "column" not in cols:
        widths = Counter(len(r.cells) for r in body)
        if widths and widths.most_common(1)[0][0] == len(header.cells) + 1:
            offset = 1
    order = sorted((i, k) for k, i in cols.items())

    level1 = level2 = group = ""
    level1_text = level2_text = EMPTY
    for row in body:
        cells = row.cells
        picked: dict[str, Cell] = {}
        for i, key in order:
            j = i + offset
            if j < len(cells):
                picked[key] = cells[j]
        g = picked.get("column")
        if g is not None and g.text.strip() and not normalise(g.text).startswith("绩效指标"):
            # 年度绩效目标1（40分）, 共性指标（30分）: the group the rows below belong to
            group = re.sub(r"\s+", "", without_points(g.text))
            points = stated_points(g.text)
            if points:
                form.stated_weights[group] = declared(points, g.loc)
        l1 = picked.get("level1")
        if l1 is not None and l1.text.strip():
            name = voc.level1_name(l1.text)
            level1 = name or clean(l1.text)
            level1_text = _declared(l1)
            level2, level2_text = "", EMPTY
            points = stated_points(l1.text)
            if points and not name:  # 决策（10分）: a name the vocabulary does not know
                level1 = re.sub(r"\s+", "", without_points(l1.text))
                name = level1
            if points and name:
                form.stated_weights[name] = declared(points, l1.loc)
        l2 = picked.get("level2")
        if l2 is not None and l2.text.strip():
            name2 = voc.level2_name(l2.text)
            level2 = name2 or clean(l2.text)
            level2_text = _declared(l2)
            parent = voc.level2_parents.get(level2)
            # (not under a level-1 name of another scheme: 绩效 → 满意度指标 in a 决策/管理/绩效 form)
            known = not level1 or voc.level1_name(level1) is not None
            if parent and parent != level1 and known and not (l1 is not None and l1.text.strip()):
                # this row's level-1 cell is empty (or merged from a group the level-2 name
                # does not belong to): the level-2 name tells the group
                level1 = parent
                level1_text = _declared(l1)
            points = stated_points(l2.text)
            if points and name2:
                form.stated_weights[name2] = declared(points, l2.loc)
        values = {key: _declared(picked.get(key)) for key in _INDICATOR_VALUES}
        parts: dict[str, Declared] = {}
        if "nature" in cols or "unit" in cols:
            parts = {
                "nature": _declared(picked.get("nature")),
                "value": values["target"],
                "unit": _declared(picked.get("unit")),
            }
            values["target"] = _joined_target(parts)
        if _carries_no_indicator(values, voc):
            continue
        form.indicators.append(
            Indicator(
                level1=level1,
                level2=level2,
                level1_text=level1_text,
                level2_text=level2_text,
                target_parts=parts,
                group=group,
                **values,
            )
        )
    return cols


def _joined_target(parts: dict[str, Declared]) -> Declared:
    """指标性质 / 指标值 / 度量单位 as one target: "≥" "95" "%" → "≥95%"; a nature that is no
    comparator (定性, 定量) is left out; the value's cell is the target's cell."""
    nature = nfkc(parts["nature"].text).strip()
    value, unit = parts["value"].text, parts["unit"].text
    if not value:
        return declared("", parts["value"].loc)
    prefix = parts["nature"].text.strip() if nature in _COMPARATORS else ""
    suffix = unit if unit and not value.endswith(unit) else ""
    return declared(f"{prefix}{value}{suffix}", parts["value"].loc)


def _read_text_blocks(rows: list[_Row], form: Form, voc: Vocabulary) -> None:
    """评价结论 / 存在问题 / 改进措施 / 未完成原因分析 …: the text beside the label, or in the
    row below when the label has a row of its own."""
    for i, row in enumerate(rows):
        field = _text_block(row, voc)
        if field is None or getattr(form, field):
            continue
        label = next(c for c in row.cells if c.text.strip())
        value = next((c for c in row.cells if c.col > label.col and c.text.strip()), None)
        if value is None and i + 1 < len(rows):
            below = rows[i + 1]
            if not _row_has_label(below, voc) and not _is_indicator_header(below, voc):
                value = next((c for c in below.cells if c.text.strip()), None)
        setattr(form, field, _declared(value))


def _carries_no_indicator(values: dict[str, Declared], voc: Vocabulary) -> bool:
    name = values["name"].text
    rest = [values[k].text for k in ("target", "actual", "weight", "score")]
    if voc.is_placeholder(name) and not any(rest):
        return True
    n = normalise(name)
    if n in voc.not_applicable:
        return all(not v or normalise(v) in voc.not_applicable for v in rest)
    return False


def _read_total(row: _Row, form: Form, voc: Vocabulary, header: _Row, cols: dict[str, int]) -> None:
    cells = row.cells
    at = next(i for i, c in enumerate(cells) if normalise(c.text) in voc.total)
    after = cells[at + 1 :]
    # the values under their header cells, by grid column, when the header puts 分值 before the
    # target (a county layout) or has a 复核分 column; otherwise in order after the label
    by_col = {c.col: c for c in after}
    under = {
        key: by_col.get(header.cells[i].col)
        for key, i in cols.items()
        if key in ("weight", "score", "reviewed_score") and i < len(header.cells)
    }
    aligned = under.get("weight") is not None and under.get("score") is not None
    weight_first = "target" in cols and "weight" in cols and cols["weight"] < cols["target"]
    if aligned and weight_first:
        form.total_weight = _declared(under["weight"])
        form.total_score = _declared(under["score"])
    else:
        if after:
            form.total_weight = _declared(after[0])
        if len(after) > 1:
            form.total_score = _declared(after[1])
    if "reviewed_score" in cols:
        reviewed = under.get("reviewed_score") if aligned else None
        if reviewed is None and len(after) > 2:
            reviewed = after[2]
        form.total_reviewed_score = _declared(reviewed)


# level-1 names of the older forms scored 决策 / 管理 / 绩效 (共性指标 30 + 个性指标 70)
_DMP_LEVEL1 = frozenset({"决策", "管理", "过程", "项目决策", "项目管理"})


def _layout(form: Form, labels: set[str], cols: dict[str, int]) -> str:
    """The template the form follows, told by what only that template has (see
    tests/fixtures/regions/README.md for each template's form)."""
    title = form.title.text
    if "转移支付" in title or ("target" in cols and "weight" not in cols):
        return "transfer"
    if (
        form.report_number
        or "部门预算项目支出绩效自评表" in title
        or "财政专户管理资金" in form.funds.extra
        or "单位资金" in form.funds.extra
    ):
        return "sichuan"
    if "reviewed_score" in cols:
        return "hubei"
    if "nature" in cols or "unit" in cols:
        return "yunnan"
    if any(i.level1 in _DMP_LEVEL1 for i in form.indicators):
        return "dmp"
    if "target" in cols and "weight" in cols and cols["weight"] < cols["target"]:
        return "county"
    if form.funds.unit.text == "元" or title.startswith("财政项目支出绩效自评表"):
        return "shanghai"
    if labels & {"项目负责人", "负责人", "联系电话"}:
        return "beijing"
    return "mof-2020"
