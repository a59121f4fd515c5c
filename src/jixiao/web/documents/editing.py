"""The fields of a 绩效目标申报表 and a 绩效运行监控表 as the pages show and post them.

One description per kind (`SPECS`): its header, funds, text blocks and indicator columns, each
with its Chinese label. The detail page, the edit page and `from_post` all read it, so a field
is named once. A blank document, and a 申报表 started from last year's self-evaluation, are made
here too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from jixiao.model.diff import Change, diff_indicators, indicator_title, text
from jixiao.model.form import Form
from jixiao.model.monitoring import LIKELIHOODS, MonitoringForm, MonitoringIndicator
from jixiao.model.targets import TargetIndicator, TargetsForm
from jixiao.web.forms.editing import Fields
from jixiao.web.forms.models import FormRecord
from jixiao.web.services.documents import MODELS, Declared, typed_source

Field = tuple[str, str]  # (name in the document, label)


@dataclass(frozen=True)
class Spec:
    header: tuple[Field, ...]
    funds: tuple[Field, ...]
    texts: tuple[Field, ...]
    indicator: tuple[Field, ...]  # level1 and level2 first, as every indicator table


SPECS: dict[str, Spec] = {
    FormRecord.Kind.TARGETS: Spec(
        header=(
            ("project_name", "项目名称"),
            ("project_code", "项目编码"),
            ("department", "主管部门"),
            ("implementing_unit", "实施单位"),
            ("attribute", "项目属性"),
            ("period", "项目期"),
            ("manager", "项目负责人"),
            ("phone", "联系电话"),
        ),
        funds=(
            ("total", "资金总额"),
            ("appropriation", "其中：财政拨款"),
            ("other", "其他资金"),
            ("unit", "金额单位"),
        ),
        texts=(
            ("basis", "立项依据"),
            ("long_term_goal", "长期目标"),
            ("annual_goal", "年度目标"),
        ),
        indicator=(
            ("level1", "一级指标"),
            ("level2", "二级指标"),
            ("name", "三级指标"),
            ("target", "指标值"),
            ("weight", "分值"),
            ("note", "备注"),
        ),
    ),
    FormRecord.Kind.MONITORING: Spec(
        header=(
            ("project_name", "项目名称"),
            ("project_code", "项目编码"),
            ("department", "主管部门"),
            ("implementing_unit", "实施单位"),
            ("period", "监控期间"),
        ),
        funds=(
            ("annual_budget", "全年预算数"),
            ("executed", "执行数"),
            ("execution_rate", "执行率"),
            ("forecast", "全年预计执行数"),
            ("reason", "偏差原因"),
            ("unit", "金额单位"),
        ),
        texts=(
            ("annual_goal", "年度目标"),
            ("progress", "目标完成情况"),
            ("rectification", "整改措施"),
        ),
        indicator=(
            ("level1", "一级指标"),
            ("level2", "二级指标"),
            ("name", "三级指标"),
            ("target", "年度指标值"),
            ("actual", "实际完成值"),
            ("forecast", "全年预计完成值"),
            ("likelihood", "完成目标可能性"),
            ("cause", "偏差原因"),
            ("measures", "纠偏措施"),
        ),
    ),
}
# what the indicator table starts with on a blank document
GROUPS = (
    ("产出指标", "数量指标"),
    ("产出指标", "质量指标"),
    ("产出指标", "时效指标"),
    ("产出指标", "成本指标"),
    ("效益指标", "社会效益指标"),
    ("满意度指标", "服务对象满意度指标"),
)
EXTRA_ROWS = 3  # empty indicator rows the edit page offers for adding


@dataclass(frozen=True)
class Cell:
    name: str  # the posted field's name, and the dotted path in the document
    label: str
    value: str
    choices: tuple[str, ...] = ()


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key, "")
    return value if isinstance(value, str) else ""


def cells(kind: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """The document's fields as the pages lay them out: header, funds, texts, indicators."""
    spec = SPECS[kind]
    funds = data.get("funds") or {}
    rows = []
    for i, row in enumerate([*(data.get("indicators") or []), *([{}] * EXTRA_ROWS)]):
        rows.append(
            [
                Cell(
                    f"indicators.{i}.{key}",
                    label,
                    _text(row, key),
                    LIKELIHOODS if key == "likelihood" else (),
                )
                for key, label in spec.indicator
            ]
        )
    return {
        "year": data.get("year") or "",
        "header": [Cell(key, label, _text(data, key)) for key, label in spec.header],
        "funds": [Cell(f"funds.{key}", label, _text(funds, key)) for key, label in spec.funds],
        "texts": [Cell(key, label, _text(data, key)) for key, label in spec.texts],
        "indicators": rows,
        "indicator_columns": [label for _, label in spec.indicator],
        "count": len(rows),
    }


def _value(post: Mapping[str, Any], name: str) -> str:
    value = post.get(name, "")
    return str(value).replace("\r\n", "\n").strip()


def from_post(kind: str, post: Mapping[str, Any], base: Mapping[str, Any]) -> Declared:
    """The document as edited: every field the page shows, on top of the version it started
    from (what the page does not show — the source, the opinions — is kept). A value typed in
    the browser has no cell, so the edited document's locations are left out."""
    spec = SPECS[kind]
    data = {k: v for k, v in base.items() if k != "locations"}
    if "year" in post:
        year = _value(post, "year")
        data["year"] = int(year) if year.isdigit() and len(year) == 4 else None
    for key, _ in spec.header + spec.texts:  # a field the post leaves out is kept as it was
        if key in post:
            data[key] = _value(post, key)
    funds = dict(base.get("funds") or {})
    funds.update({k: _value(post, f"funds.{k}") for k, _ in spec.funds if f"funds.{k}" in post})
    data["funds"] = funds
    before = list(base.get("indicators") or [])
    count_text = _value(post, "indicator_count")
    if not count_text.isdigit():  # no indicator table posted: the indicators stay as they were
        return MODELS[kind].model_validate(data)
    count = int(count_text)
    indicators = []
    for i in range(min(count, 500)):
        if post.get(f"indicators.{i}.delete"):
            continue
        row: dict[str, Any] = {
            key: _value(post, f"indicators.{i}.{key}") for key, _ in spec.indicator
        }
        if _empty(kind, row):
            continue  # an empty row (or levels only) is no indicator
        old = before[i] if i < len(before) else {}
        for level in ("level1", "level2"):  # the label as the document wrote it stays with it
            row[f"{level}_text"] = (
                old.get(f"{level}_text", "") if old.get(level) == row[level] else ""
            )
        indicators.append(row)
    data["indicators"] = indicators
    return MODELS[kind].model_validate(data)


def blank(kind: str, unit_name: str, department_name: str, year: int | None) -> Declared:
    """An empty document of this kind for the unit, with the usual indicator groups."""
    source = typed_source(f"（在线填写的{FormRecord.Kind(kind).label}）")
    common: dict[str, Any] = {
        "source": source,
        "layout": kind,
        "year": year,
        "department": department_name,
        "implementing_unit": unit_name,
    }
    if kind == FormRecord.Kind.TARGETS:
        indicators: Sequence[Any] = [TargetIndicator(level1=a, level2=b) for a, b in GROUPS]
        return TargetsForm.model_validate({**common, "indicators": indicators})
    indicators = [MonitoringIndicator(level1=a, level2=b) for a, b in GROUPS]
    return MonitoringForm.model_validate({**common, "indicators": indicators})


def targets_from_self_evaluation(form: Form) -> TargetsForm:
    """Next year's 申报表 started from a self-evaluation: the same project and indicators with
    their targets; last year's actual beside each as a suggestion (备注), money and goals to be
    filled in. The year is the form's year plus one."""
    year = form.year + 1 if form.year else None
    indicators = []
    for ind in form.indicators:
        note = f"上年实际完成值：{ind.actual.text}" if ind.actual.text else ""
        indicators.append(
            TargetIndicator.model_validate(
                {
                    "level1": ind.level1,
                    "level2": ind.level2,
                    "level1_text": ind.level1_text.text,
                    "level2_text": ind.level2_text.text,
                    "name": ind.name.text,
                    "target": ind.target.text,
                    "weight": ind.weight.text,
                    "note": note,
                }
            )
        )
    return TargetsForm.model_validate(
        {
            "source": typed_source(f"（由{form.year or ''}年度自评表生成）"),
            "layout": "targets",
            "year": year,
            "project_name": form.project_name.text,
            "department": form.department.text,
            "implementing_unit": form.implementing_unit.text,
            "manager": form.manager.text,
            "phone": form.phone.text,
            "attribute": "延续",
            "annual_goal": form.goals.expected.text,
            "indicators": indicators,
        }
    )


# the groups of a 申报表's or 监控表's changes, in the order of the page
DIFF_GROUPS = ("基本信息", "项目资金", "目标与完成情况", "绩效指标")


def diff_documents(kind: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Change]:
    """Every place where the document ``new`` differs from ``old`` (two versions' JSON), with the
    labels of its page (`SPECS`); indicator rows matched as a 自评表's are (`model.diff`)."""
    spec = SPECS[kind]
    changes: list[Change] = []

    def compare(group: str, place: str, before: Any, after: Any, field: str) -> None:
        b, a = text(before), text(after)
        if b != a:
            changes.append(Change(group, place, b, a, field))

    compare("基本信息", "年度", old.get("year"), new.get("year"), "year")
    for key, label in spec.header:
        compare("基本信息", label, old.get(key), new.get(key), key)
    old_funds, new_funds = old.get("funds") or {}, new.get("funds") or {}
    for key, label in spec.funds:
        place = f"项目资金 · {label}"
        compare("项目资金", place, old_funds.get(key), new_funds.get(key), f"funds.{key}")
    for key, label in spec.texts:
        compare("目标与完成情况", label, old.get(key), new.get(key), key)
    changes.extend(
        diff_indicators(
            old.get("indicators") or [], new.get("indicators") or [], dict(spec.indicator)
        )
    )
    return changes


def merge_fields(kind: str) -> Fields:
    """What the edit page of this kind changes, for the three-way merge of two people's edits
    (`forms.editing.merge_forms`), each field's place named as the page names it."""
    spec = SPECS[kind]
    labels = {"year": "年度", **dict(spec.header)}  # in the page's order
    labels.update({f"funds.{key}": f"项目资金 · {label}" for key, label in spec.funds})
    labels.update(spec.texts)
    columns = dict(spec.indicator)

    def place_of(name: str, rows: Sequence[Mapping[str, Any]] = ()) -> str:
        parts = name.split(".")
        if parts[0] == "indicators" and len(parts) == 3 and parts[1].isdigit():
            i = int(parts[1])
            title = indicator_title(rows[i]) if i < len(rows) else f"绩效指标第 {i + 1} 行"
            return f"{title} · {columns.get(parts[2], parts[2])}"
        return labels.get(name, name)

    return Fields(tuple(labels), tuple(columns), place_of)


def _empty(kind: str, row: Mapping[str, Any]) -> bool:
    """An indicator row with nothing but its levels: no indicator (the page does not save it)."""
    return not any(text(row.get(key)) for key, _ in SPECS[kind].indicator[2:])


def as_saved(kind: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """A version's JSON as the edit page would save it: without the rows that hold only their
    levels (a blank document starts with some), so merging an edit with it does not take
    their going for a row removed."""
    rows = [r for r in data.get("indicators") or [] if not _empty(kind, r)]
    return {**data, "indicators": rows}
