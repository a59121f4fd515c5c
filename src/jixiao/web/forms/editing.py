"""Turning the edit page's fields into a Form and back, merging two people's edits of one form,
and a blank or next year's form to start from."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from django.http import QueryDict

from jixiao.model.diff import (
    FUNDS_COLUMN_LABELS,
    FUNDS_LABELS,
    FUNDS_ROW_LABELS,
    GOAL_LABELS,
    HEADER_LABELS,
    INDICATOR_LABELS,
    TOTAL_LABELS,
    indicator_title,
    match_rows,
    text,
)
from jixiao.model.form import Form, FormSource, Indicator

HEADER = ("project_name", "department", "implementing_unit", "manager", "phone")
FUNDS_ROWS = ("total", "appropriation", "carryover", "other")
AMOUNTS = ("initial_budget", "annual_budget", "executed")
FUNDS_TOTAL = ("weight", "execution_rate", "score")
INDICATOR = ("level1", "level2", "name", "target", "actual", "weight", "score", "deviation")


def _value(post: QueryDict, name: str) -> str:
    """A posted value as the form keeps it: a browser's CRLF line breaks as the documents' LF,
    so that a text nobody changed is not a change."""
    return post.get(name, "").replace("\r\n", "\n").strip()


def form_from_post(post: QueryDict, base: dict[str, Any]) -> Form:
    """The form as edited: every field the page shows, on top of the version it started from."""
    data = dict(base)
    data.pop("locations", None)
    year = _value(post, "year")
    data["year"] = int(year) if year.isdigit() else None
    for key in HEADER:
        data[key] = _value(post, key)
    funds = dict(data.get("funds", {}))
    for row in FUNDS_ROWS:
        funds[row] = {
            **funds.get(row, {}),
            **{col: _value(post, f"funds.{row}.{col}") for col in AMOUNTS},
        }
    for key in FUNDS_TOTAL:
        funds[key] = _value(post, f"funds.{key}")
    data["funds"] = funds
    data["goals"] = {k: _value(post, f"goals.{k}") for k in ("expected", "achieved")}
    count = int(post.get("indicator_count", "0") or 0)
    before = base.get("indicators", [])
    indicators = []
    for i in range(count):
        if post.get(f"indicators.{i}.delete"):
            continue
        row = {key: _value(post, f"indicators.{i}.{key}") for key in INDICATOR}
        old = before[i] if i < len(before) else {}
        for level in ("level1", "level2"):  # the label as the document wrote it stays with it
            if old.get(level) == row[level] and old.get(f"{level}_text"):
                row[f"{level}_text"] = old[f"{level}_text"]
        if any(row[k] for k in ("name", "target", "actual", "weight", "score")):
            indicators.append(row)
    data["indicators"] = indicators
    data["total_weight"] = _value(post, "total_weight")
    data["total_score"] = _value(post, "total_score")
    return Form.model_validate(data)


def blank_form(unit_name: str, department_name: str, year: int | None) -> Form:
    groups = [
        ("产出指标", "数量指标"),
        ("产出指标", "质量指标"),
        ("产出指标", "时效指标"),
        ("产出指标", "成本指标"),
        ("效益指标", "社会效益指标"),
        ("满意度指标", "服务对象满意度指标"),
    ]
    return Form(
        source=FormSource(file="（在线填写）", sha256="", format="web", index=0),
        year=year,
        department=department_name,  # type: ignore[arg-type]
        implementing_unit=unit_name,  # type: ignore[arg-type]
        indicators=[Indicator(level1=l1, level2=l2) for l1, l2 in groups],
        funds={"weight": "10"},  # type: ignore[arg-type]
        total_weight="100",  # type: ignore[arg-type]
    )


def next_years_form(data: dict[str, Any]) -> Form:
    """Last year's form as a start: same project and indicators; money, results and scores empty."""
    form = Form.from_json_dict(data)
    form.year = (form.year or 0) + 1 or None
    form.source = FormSource(file="（由上年自评表复制）", sha256="", format="web", index=0)
    empty = {"initial_budget": "", "annual_budget": "", "executed": "", "execution_rate": ""}
    funds = form.funds.model_dump()
    for row in FUNDS_ROWS:
        funds[row] = dict(empty)
    funds.update({"execution_rate": "", "score": ""})
    form.funds = type(form.funds).model_validate(funds)
    form.goals = type(form.goals).model_validate(
        {"expected": form.goals.expected.text, "achieved": ""}
    )
    form.indicators = [
        ind.model_copy(
            update={
                "actual": Indicator().actual,
                "score": Indicator().score,
                "deviation": Indicator().deviation,
            }
        )
        for ind in form.indicators
    ]
    form.total_score = Indicator().score
    return form


# ---- the edit page's fields of a version, and a three-way merge of two people's edits ----

SCALARS = (
    ("year",)
    + HEADER
    + tuple(f"funds.{row}.{col}" for row in FUNDS_ROWS for col in AMOUNTS)
    + tuple(f"funds.{key}" for key in FUNDS_TOTAL)
    + ("goals.expected", "goals.achieved", "total_weight", "total_score")
)


def _scalar(data: Mapping[str, Any], name: str) -> str:
    node: Any = data
    for part in name.split("."):
        node = node.get(part) if isinstance(node, Mapping) else None
    return text(node)


def fields_of(data: Mapping[str, Any]) -> dict[str, str]:
    """The edit page's fields (name → value) showing a version's data: the inverse of
    `form_from_post` for everything the page lets one edit."""
    fields = {name: _scalar(data, name) for name in SCALARS}
    rows = data.get("indicators") or []
    fields["indicator_count"] = str(len(rows))
    for i, row in enumerate(rows):
        for key in INDICATOR:
            fields[f"indicators.{i}.{key}"] = text(row.get(key))
    return fields


def place_of(name: str, rows: Sequence[Mapping[str, Any]] = ()) -> str:
    """A field's place on the paper form, in Chinese (``rows``: the indicator rows it is in)."""
    parts = name.split(".")
    if name in HEADER_LABELS:
        return HEADER_LABELS[name]
    if name in TOTAL_LABELS:
        return f"总分 · {TOTAL_LABELS[name]}"
    if parts[0] == "funds" and len(parts) == 3:
        return f"项目资金 · {FUNDS_ROW_LABELS[parts[1]]} · {FUNDS_COLUMN_LABELS[parts[2]]}"
    if parts[0] == "funds":
        return f"项目资金 · {FUNDS_LABELS[parts[1]]}"
    if parts[0] == "goals":
        return f"年度总体目标 · {GOAL_LABELS[parts[1]]}"
    if parts[0] == "indicators" and len(parts) == 3 and parts[1].isdigit():
        i = int(parts[1])
        title = indicator_title(rows[i]) if i < len(rows) else f"绩效指标第 {i + 1} 行"
        return f"{title} · {INDICATOR_LABELS.get(parts[2], parts[2])}"
    return name


@dataclass(frozen=True)
class Fields:
    """What a document's edit page lets one change, for the three-way merge: its single fields
    (dotted paths), its indicator rows' columns, and each field's place in words."""

    scalars: tuple[str, ...]
    indicator: tuple[str, ...]
    place_of: Callable[[str, Sequence[Mapping[str, Any]]], str]


FORM_FIELDS = Fields(SCALARS, INDICATOR, place_of)


@dataclass
class FieldMerge:
    """One field someone changed: the common original, their value, mine, and the result.

    ``side`` says where the result comes from: "mine" or "theirs" when only one side changed
    it, "both" when both made the same change, "conflict" when both changed it differently
    (the result is mine until the user chooses).
    """

    field: str
    place: str
    base: str
    theirs: str
    mine: str
    result: str
    side: str

    @property
    def conflict(self) -> bool:
        return self.side == "conflict"


@dataclass
class Merge:
    fields: dict[str, str]  # the merged edit page, name → value
    items: list[FieldMerge] = dataclass_field(default_factory=list)  # fields someone changed
    notes: list[str] = dataclass_field(default_factory=list)  # what was decided about rows
    my_rows: bool = False  # I added or removed indicator rows

    @property
    def anything_of_mine(self) -> bool:
        """Whether my edit brings anything their version lacks."""
        return self.my_rows or any(item.side in ("mine", "conflict") for item in self.items)

    @property
    def conflicts(self) -> list[FieldMerge]:
        return [item for item in self.items if item.conflict]


def _merge_value(name: str, place: str, base: str, theirs: str, mine: str) -> FieldMerge:
    if theirs == mine:
        side = "same" if theirs == base else "both"
        return FieldMerge(name, place, base, theirs, mine, mine, side)
    if theirs == base:
        return FieldMerge(name, place, base, theirs, mine, mine, "mine")
    if mine == base:
        return FieldMerge(name, place, base, theirs, mine, theirs, "theirs")
    return FieldMerge(name, place, base, theirs, mine, mine, "conflict")


def _row(row: Mapping[str, Any] | None, keys: Sequence[str] = INDICATOR) -> dict[str, str]:
    return {key: text((row or {}).get(key)) for key in keys}


def _names(row: Mapping[str, Any]) -> tuple[str, ...]:
    return tuple(text(row.get(key)) for key in ("level1", "level2", "name"))


def merge_forms(
    base: Mapping[str, Any],
    theirs: Mapping[str, Any],
    mine: Mapping[str, Any],
    fields: Fields = FORM_FIELDS,
) -> Merge:
    """Both people's changes to ``base`` together: a field changed by one side takes that
    side's value; a field both changed differently is a conflict (mine until chosen).
    Indicator rows are matched to the original by their names, then by position, so rows
    added or removed on either side keep their place and their cells. ``fields``: what the
    edit page changes (a 自评表's by default; a 申报表's or 监控表's from documents.editing)."""
    merge = Merge(fields={})
    place = fields.place_of

    def row(data: Mapping[str, Any] | None) -> dict[str, str]:
        return _row(data, fields.indicator)

    for name in fields.scalars:
        item = _merge_value(
            name, place(name, ()), _scalar(base, name), _scalar(theirs, name), _scalar(mine, name)
        )
        merge.fields[name] = item.result
        if item.side != "same":
            merge.items.append(item)

    b_rows = list(base.get("indicators") or [])
    t_rows = list(theirs.get("indicators") or [])
    m_rows = list(mine.get("indicators") or [])
    t_pairs, t_removed, _ = match_rows(b_rows, t_rows)
    m_pairs, m_removed, m_added = match_rows(b_rows, m_rows)
    base_of_theirs = {j: i for i, j in t_pairs}
    mine_of_base = dict(m_pairs)
    # (base row, their row, my row) in the result's order: their order, then my new rows
    rows: list[tuple[dict[str, str], dict[str, str], dict[str, str]]] = []
    their_new: dict[tuple[str, ...], list[int]] = {}  # rows they added, by name: position
    for j, t_row in enumerate(t_rows):
        i = base_of_theirs.get(j)
        if i is None:  # a row they added
            their_new.setdefault(_names(t_row), []).append(len(rows))
            rows.append((row(None), row(t_row), row(t_row)))
        elif i in mine_of_base:
            rows.append((row(b_rows[i]), row(t_row), row(m_rows[mine_of_base[i]])))
        elif row(t_row) == row(b_rows[i]):  # I removed it, they left it alone
            continue
        else:
            merge.notes.append(
                f"您删除了{indicator_title(b_rows[i])}，他人修改了它：已保留他人的修改，"
                "如仍要删除，请保存后在修改页勾选删除。"
            )
            rows.append((row(t_row), row(t_row), row(t_row)))
    for i in t_removed:
        if i in mine_of_base and row(m_rows[mine_of_base[i]]) != row(b_rows[i]):
            merge.notes.append(
                f"他人删除了{indicator_title(b_rows[i])}，您修改了它：已保留您的修改，"
                "如同意删除，请保存后在修改页勾选删除。"
            )
            mine_row = row(m_rows[mine_of_base[i]])
            rows.append((mine_row, mine_row, mine_row))
    for j in m_added:
        same = their_new.get(_names(m_rows[j]))
        if same:  # both added the row of this name: one row, its cells merged
            k = same.pop(0)
            rows[k] = (rows[k][0], rows[k][1], row(m_rows[j]))
        else:
            rows.append((row(None), row(None), row(m_rows[j])))
    if t_removed or len(t_rows) != len(b_rows):
        merge.notes.append("他人增删了绩效指标行：已按指标名称对齐，各行的修改分别合并。")
    merge.my_rows = bool(m_removed or m_added)
    if m_removed or m_added:
        merge.notes.append("您增删了绩效指标行：已按指标名称对齐，各行的修改分别合并。")

    titled: list[dict[str, str]] = []
    for k, (b_row, t_row, m_row) in enumerate(rows):
        result: dict[str, str] = {}
        for key in fields.indicator:
            name = f"indicators.{k}.{key}"
            item = _merge_value(name, "", b_row[key], t_row[key], m_row[key])
            result[key] = item.result
            merge.fields[name] = item.result
            if item.side != "same":
                merge.items.append(item)
        titled.append(result)
    for item in merge.items:
        if item.field.startswith("indicators."):
            item.place = place(item.field, titled)
    merge.fields["indicator_count"] = str(len(rows))
    return merge
