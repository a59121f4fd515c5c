"""What changed between two versions of a form, place by place, in the words of the paper form.

Both sides are form JSON documents (as `jixiao parse --json` writes them and FormVersion.data
keeps them). Indicator rows are matched by their (一级, 二级, 三级) names first, then by position,
so a row moved or a row inserted above is not reported as every row below changing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

HEADER_LABELS: dict[str, str] = {
    "year": "年度",
    "project_name": "项目名称",
    "department": "主管部门",
    "implementing_unit": "实施单位",
    "manager": "项目负责人",
    "phone": "联系电话",
}
FUNDS_ROW_LABELS: dict[str, str] = {
    "total": "年度资金总额",
    "appropriation": "其中：当年财政拨款",
    "carryover": "上年结转资金",
    "other": "其他资金",
}
FUNDS_COLUMN_LABELS: dict[str, str] = {
    "initial_budget": "年初预算数",
    "annual_budget": "全年预算数",
    "executed": "全年执行数",
    "execution_rate": "执行率",
}
EDITABLE_FUNDS_COLUMNS = ("initial_budget", "annual_budget", "executed")
FUNDS_LABELS: dict[str, str] = {"weight": "分值", "execution_rate": "执行率", "score": "得分"}
GOAL_LABELS: dict[str, str] = {"expected": "预期目标", "achieved": "实际完成情况"}
INDICATOR_LABELS: dict[str, str] = {
    "level1": "一级指标",
    "level2": "二级指标",
    "name": "三级指标",
    "target": "年度指标值",
    "actual": "实际完成值",
    "weight": "分值",
    "score": "得分",
    "deviation": "偏差原因分析及改进措施",
}
TOTAL_LABELS: dict[str, str] = {"total_weight": "分值", "total_score": "得分"}

GROUPS = ("基本信息", "项目资金", "年度总体目标", "绩效指标", "总分")


@dataclass(frozen=True)
class Change:
    """One place that differs: where (in Chinese), what it was, what it became.

    ``field`` is the edit page's field name for the place ("" when the page has none);
    ``kind`` is "changed", or "added"/"removed" for a whole indicator row.
    """

    group: str
    place: str
    before: str
    after: str
    field: str = ""
    kind: str = "changed"


def text(value: Any) -> str:
    """A declared value as its text ("" for nothing); the JSON keeps texts, a few keep dicts."""
    if value is None:
        return ""
    if isinstance(value, Mapping):
        value = value.get("text", "")
    return str(value).replace("\r\n", "\n")  # a line break typed in a browser is a line break


def diff_forms(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Change]:
    """Every place where ``new`` differs from ``old``, in the order of the paper form."""
    changes: list[Change] = []

    def compare(group: str, place: str, before: Any, after: Any, field: str = "") -> None:
        b, a = text(before), text(after)
        if b != a:
            changes.append(Change(group, place, b, a, field))

    for key, label in HEADER_LABELS.items():
        compare("基本信息", label, old.get(key), new.get(key), key)

    old_funds, new_funds = old.get("funds") or {}, new.get("funds") or {}
    for row, row_label in FUNDS_ROW_LABELS.items():
        old_row, new_row = old_funds.get(row) or {}, new_funds.get(row) or {}
        for col, col_label in FUNDS_COLUMN_LABELS.items():
            field = f"funds.{row}.{col}" if col in EDITABLE_FUNDS_COLUMNS else ""
            place = f"项目资金 · {row_label} · {col_label}"
            compare("项目资金", place, old_row.get(col), new_row.get(col), field)
    for key, label in FUNDS_LABELS.items():
        compare(
            "项目资金",
            f"项目资金 · {label}",
            old_funds.get(key),
            new_funds.get(key),
            f"funds.{key}",
        )

    old_goals, new_goals = old.get("goals") or {}, new.get("goals") or {}
    for key, label in GOAL_LABELS.items():
        place = f"年度总体目标 · {label}"
        compare("年度总体目标", place, old_goals.get(key), new_goals.get(key), f"goals.{key}")

    changes.extend(diff_indicators(old.get("indicators") or [], new.get("indicators") or []))

    for key, label in TOTAL_LABELS.items():
        compare("总分", f"总分 · {label}", old.get(key), new.get(key), key)
    return changes


def indicator_title(row: Mapping[str, Any]) -> str:
    name = text(row.get("name"))
    if name:
        return f"绩效指标“{name}”"
    levels = " · ".join(t for t in (text(row.get("level1")), text(row.get("level2"))) if t)
    return f"绩效指标（{levels or '无名称'}）"


def _key(row: Mapping[str, Any]) -> tuple[str, str, str]:
    return (text(row.get("level1")), text(row.get("level2")), text(row.get("name")))


def match_rows(
    old: Sequence[Mapping[str, Any]], new: Sequence[Mapping[str, Any]]
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pairs (old index, new index) of the same indicator row, then the old rows removed and
    the new rows added. Same (一级, 二级, 三级) first, in order; then rows left at one position."""
    waiting: dict[tuple[str, str, str], list[int]] = {}
    for i, row in enumerate(old):
        waiting.setdefault(_key(row), []).append(i)
    pairs: list[tuple[int, int]] = []
    unmatched_new: list[int] = []
    for j, row in enumerate(new):
        same = waiting.get(_key(row))
        if same:
            pairs.append((same.pop(0), j))
        else:
            unmatched_new.append(j)
    matched_old = {i for i, _ in pairs}
    unmatched_old = [i for i in range(len(old)) if i not in matched_old]
    added: list[int] = []
    for j in unmatched_new:
        if j in unmatched_old:  # the row at this position had its name changed
            pairs.append((j, j))
            unmatched_old.remove(j)
        else:
            added.append(j)
    return sorted(pairs, key=lambda p: p[1]), unmatched_old, added


_NAMES = ("level1", "level2", "name", "deviation")  # not in a removed or added row's summary


def _summary(row: Mapping[str, Any], labels: Mapping[str, str]) -> str:
    parts = []
    for key, label in labels.items():
        value = text(row.get(key))
        if value and key not in _NAMES:
            parts.append(f"{label} {value}")
    return "；".join(parts) or "（空行）"


def diff_indicators(
    old: Sequence[Mapping[str, Any]],
    new: Sequence[Mapping[str, Any]],
    labels: Mapping[str, str] = INDICATOR_LABELS,
) -> list[Change]:
    """The indicator rows' changes; ``labels``: the table's columns (a 自评表's by default; a
    申报表 or 监控表 gives its own)."""
    pairs, removed, added = match_rows(old, new)
    out: list[Change] = []
    for i, j in pairs:
        a, b = old[i], new[j]
        title = indicator_title(b)
        for key, label in labels.items():
            before, after = text(a.get(key)), text(b.get(key))
            if before != after:
                place = f"{indicator_title(a) if key == 'name' else title} · {label}"
                out.append(Change("绩效指标", place, before, after, f"indicators.{j}.{key}"))
    for i in removed:
        out.append(
            Change(
                "绩效指标",
                f"{indicator_title(old[i])} · 整行",
                _summary(old[i], labels),
                "",
                "",
                "removed",
            )
        )
    for j in added:
        out.append(
            Change(
                "绩效指标",
                f"{indicator_title(new[j])} · 整行",
                "",
                _summary(new[j], labels),
                f"indicators.{j}.name",
                "added",
            )
        )
    return out


def grouped(
    changes: Sequence[Change], groups: Sequence[str] = GROUPS
) -> list[tuple[str, list[Change]]]:
    """The changes under their group's name, in the paper form's order; empty groups left out."""
    return [
        (g, [c for c in changes if c.group == g])
        for g in groups
        if any(c.group == g for c in changes)
    ]
