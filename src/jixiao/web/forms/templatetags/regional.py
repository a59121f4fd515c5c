"""`{% regional_extras version.data paper.findings as rx %}`: what other regions' templates declare
beside the Beijing form's blocks, arranged for the form page (issue 12).

报表编号, the declared 复核分 (of each indicator, the funds block and the total: the form's own
value, not the reviewer's `ReviewedScore`), split targets (指标性质 / 指标值 / 度量单位), the
group an indicator belongs to, the extra funds rows with the unit the block declares, the 原因 a
funds row gives, and the text blocks. Only what the form has is returned: a Beijing form gives
None and its page is what it was. Scores and amounts are formatted by `display` (one home), the
funds rows' names come from `jixiao.web.forms.layout`, the template's name from the layouts
reference.
"""

from __future__ import annotations

from typing import Any

from django import template

from jixiao.scoring.layout_reference import LAYOUTS
from jixiao.web.forms.layout import FUNDS_ROWS, SEVERITY_LABELS
from jixiao.web.forms.templatetags.display import amount, score
from jixiao.web.services.comments import field_of

register = template.Library()

# the text blocks, in the order a form writes them
TEXT_BLOCKS = (
    ("overview", "项目实施内容及过程概述"),
    ("conclusion", "评价结论"),
    ("problems", "存在问题"),
    ("unfinished", "未完成原因分析"),
    ("measures", "改进措施"),
)
TARGET_PARTS = (("nature", "指标性质"), ("value", "指标值"), ("unit", "度量单位"))
LAYOUT_NAMES = {layout.key: layout.name for layout in LAYOUTS}
LAYOUT_NOTES = {layout.key: layout.notes for layout in LAYOUTS}


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


@register.simple_tag
def regional_extras(
    data: dict[str, Any], findings: list[dict[str, Any]] | None = None
) -> dict[str, Any] | None:
    """The regional values of a stored version's JSON document, or None when it has none."""
    if not isinstance(data, dict):
        return None
    marks: dict[str, list[dict[str, Any]]] = {}
    for finding in findings or []:
        path = finding.get("path", "")
        marks.setdefault(field_of(path) or path, []).append(finding)

    def cell(path: str, text: str, shown: str | None = None) -> dict[str, Any]:
        found = marks.get(path, [])
        rank = {"info": 0, "warning": 1, "error": 2}
        worst = max((f.get("severity", "info") for f in found), key=rank.get, default="")
        return {
            "path": path,
            "text": text if shown is None else shown,
            "marks": [f.get("n") for f in found],
            "severity": worst,
            "severity_label": SEVERITY_LABELS.get(worst, ""),
        }

    funds = data.get("funds") if isinstance(data.get("funds"), dict) else {}
    stated = data.get("stated_weights") if isinstance(data.get("stated_weights"), dict) else {}

    reviewed = []
    for path, label, value in (
        ("funds.reviewed_score", "预算执行", funds.get("reviewed_score")),
        ("total_reviewed_score", "总分", data.get("total_reviewed_score")),
    ):
        if _text(value):
            reviewed.append({"label": label, **cell(path, _text(value), score(_text(value)))})

    indicators = []
    for i, ind in enumerate(data.get("indicators") or []):
        if not isinstance(ind, dict):
            continue
        parts = ind.get("target_parts") if isinstance(ind.get("target_parts"), dict) else {}
        group = _text(ind.get("group"))
        points = _text(stated.get(group)) if group else ""
        row = {
            "i": i,
            "name": _text(ind.get("name")),
            "group": f"{group}（{score(points)}分）" if points else group,
            "parts": {
                key: cell(f"indicators.{i}.target_parts.{key}", _text(parts.get(key)))
                for key, _ in TARGET_PARTS
            },
            "target": _text(ind.get("target")),
            "reviewed": cell(
                f"indicators.{i}.reviewed_score",
                _text(ind.get("reviewed_score")),
                score(_text(ind.get("reviewed_score"))) if _text(ind.get("reviewed_score")) else "",
            ),
        }
        if group or any(_text(v) for v in parts.values()) or row["reviewed"]["text"]:
            indicators.append(row)
    columns = {
        "group": any(r["group"] for r in indicators),
        "parts": any(any(c["text"] for c in r["parts"].values()) for r in indicators),
        "reviewed": any(r["reviewed"]["text"] for r in indicators),
    }

    funds_rows = []
    for key, label in FUNDS_ROWS:
        row = funds.get(key) if isinstance(funds.get(key), dict) else {}
        if _text(row.get("reason")):
            funds_rows.append(_funds_row(f"funds.{key}", label, row, cell, extra=False))
    extra = funds.get("extra") if isinstance(funds.get("extra"), dict) else {}
    # in the document's order (a JSON object in PostgreSQL's jsonb keeps no order of its own)
    locations = data.get("locations") if isinstance(data.get("locations"), dict) else {}

    def read_at(label: str) -> int:
        rows = [
            loc["row"]
            for path, loc in locations.items()
            if path.startswith(f"funds.extra.{label}.")
            and isinstance(loc, dict)
            and isinstance(loc.get("row"), int)
        ]
        return min(rows, default=1 << 30)

    for label, row in sorted(extra.items(), key=lambda item: read_at(item[0])):
        if isinstance(row, dict):
            funds_rows.append(_funds_row(f"funds.extra.{label}", label, row, cell, extra=True))

    texts = [
        {"label": label, **cell(key, _text(data.get(key)))}
        for key, label in TEXT_BLOCKS
        if _text(data.get(key))
    ]
    report_number = _text(data.get("report_number"))
    if not (report_number or reviewed or indicators or funds_rows or texts):
        return None
    layout = _text(data.get("layout"))
    return {
        "layout": layout,
        "layout_name": LAYOUT_NAMES.get(layout, ""),
        "layout_notes": LAYOUT_NOTES.get(layout, ""),
        "report_number": cell("report_number", report_number) if report_number else None,
        "reviewed": reviewed,
        "indicators": indicators,
        "columns": columns,
        "target_parts": TARGET_PARTS,
        "funds_rows": funds_rows,
        "funds_extra": any(r["extra"] for r in funds_rows),
        "unit": _text(funds.get("unit")) or "万元",
        "texts": texts,
    }


def _funds_row(
    path: str, label: str, row: dict[str, Any], cell: Any, *, extra: bool
) -> dict[str, Any]:
    """A funds row as the extras show it: its amounts when it is a row the paper form has no
    line for, and the 原因 it gives either way."""
    values = [
        cell(f"{path}.{key}", _text(row.get(key)), amount(_text(row.get(key))))
        for key in ("initial_budget", "annual_budget", "executed")
    ]
    return {
        "label": label,
        "extra": extra,
        "values": values if extra else [],
        "rate": cell(f"{path}.execution_rate", _text(row.get("execution_rate"))),
        "reason": cell(f"{path}.reason", _text(row.get("reason"))),
    }
