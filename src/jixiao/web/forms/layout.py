"""A stored version arranged for the page: the paper form's blocks, declared beside computed,
each finding numbered and pinned to the cell its path names, each reviewer's comment at its cell.

Every cell carries its `path` (the edit page's field name, "indicators.3.actual"), so the page
can give it an anchor ("cell-indicators.3.actual") and a reviewer a 写意见 input for it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jixiao.web.services.comments import field_of

if TYPE_CHECKING:
    from jixiao.web.services.comments import Shown

FUNDS_ROWS = (
    ("total", "年度资金总额"),
    ("appropriation", "其中：当年财政拨款"),
    ("carryover", "上年结转资金"),
    ("other", "其他资金"),
)
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}


def _number(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def _rate(value: Any) -> str:
    return "—" if value is None else f"{value * 100:.2f}%"


def paper_form(
    data: dict[str, Any],
    computed: dict[str, Any],
    findings: list[dict[str, Any]],
    comments: dict[str, list[Shown]] | None = None,
) -> dict[str, Any]:
    """Everything the form page shows, in the order of the paper form.

    `comments` are the reviewers' comments by cell (`jixiao.web.services.comments.by_field`);
    each is shown at its cell."""
    comments = comments or {}
    marks: dict[str, list[int]] = {}
    numbered = []
    for n, finding in enumerate(findings, start=1):
        path = finding.get("path", "")
        marks.setdefault(field_of(path) or path, []).append(n)
        numbered.append({**finding, "n": n, "label": SEVERITY_LABELS.get(finding["severity"], "")})
    rank = {"info": 0, "warning": 1, "error": 2}
    worst: dict[str, str] = {}
    for finding in findings:
        path = field_of(finding.get("path", "")) or finding.get("path", "")
        if rank[finding["severity"]] >= rank.get(worst.get(path, "info"), 0):
            worst[path] = finding["severity"]

    made: list[str] = []

    def cell(path: str, text: Any) -> dict[str, Any]:
        made.append(path)
        return {
            "text": text if text not in (None, "") else "",
            "marks": marks.get(path, []),
            "severity": worst.get(path, ""),
            "path": path,
            "comments": comments.get(path, []),
        }

    funds = data.get("funds", {})
    explanations = computed.get("explanations", {})
    funds_rows = []
    for key, label in FUNDS_ROWS:
        row = funds.get(key, {})
        funds_rows.append(
            {
                "label": label,
                "cells": [
                    cell(f"funds.{key}.{c}", row.get(c, ""))
                    for c in ("initial_budget", "annual_budget", "executed")
                ],
                "total": key == "total",
            }
        )
    indicators = []
    computed_indicators = computed.get("indicators", [])
    for i, ind in enumerate(data.get("indicators", [])):
        c = computed_indicators[i] if i < len(computed_indicators) else {}
        indicators.append(
            {
                "i": i,
                "level1": ind.get("level1", ""),
                "level2": ind.get("level2", ""),
                "cells": {
                    k: cell(f"indicators.{i}.{k}", ind.get(k, ""))
                    for k in ("name", "target", "actual", "weight", "score", "deviation")
                },
                "computed": _number(c.get("score")),
                "explanation": c.get("explanation", ""),
            }
        )
    _span(indicators)
    funds_cells = {
        "weight": cell("funds.weight", funds.get("weight", "")),
        "rate": cell("funds.execution_rate", funds.get("execution_rate", "")),
        "score": cell("funds.score", funds.get("score", "")),
    }
    total = {
        "weight": cell("total_weight", data.get("total_weight", "")),
        "score": cell("total_score", data.get("total_score", "")),
    }
    # the cells the page draws through web/cell.html, with an anchor "cell-<path>" each
    anchors = set(made)
    return {
        "title": data.get("title") or "项目支出绩效自评表",
        "year": data.get("year"),
        "header": {
            k: cell(k, data.get(k, ""))
            for k in ("project_name", "department", "implementing_unit", "manager", "phone")
        },
        "funds_rows": funds_rows,
        "funds": {
            **funds_cells,
            "computed_rate": _rate(computed.get("execution_rate")),
            "computed_score": _number(computed.get("funds_score")),
            "rate_explanation": explanations.get("execution_rate", ""),
            "score_explanation": explanations.get("funds_score", ""),
            # a form filled in 元: how its amounts were converted to 万元 for totals and charts
            "amount_explanations": [
                f"{what}：{explanations.get(key, '')}"
                for key, what in (("annual_budget", "全年预算数"), ("executed", "全年执行数"))
            ]
            if computed.get("funds_unit") == "元"
            else [],
        },
        "goals": data.get("goals", {}),
        "indicators": indicators,
        "total": {
            **total,
            "computed_weight": _number(computed.get("total_weight")),
            "computed_score": _number(computed.get("total_score")),
            "weight_explanation": explanations.get("total_weight", ""),
            "score_explanation": explanations.get("total_score", ""),
            "grade": computed.get("grade") or "—",
            "grade_explanation": explanations.get("grade", ""),
        },
        "findings": numbered,
        "anchors": anchors,
    }


def _span(rows: list[dict[str, Any]]) -> None:
    """Level-1 and level-2 cells merged down over their rows, as on paper (rowspan counts)."""
    for key in ("level1", "level2"):
        start = 0
        for i in range(1, len(rows) + 1):
            same = (
                i < len(rows)
                and rows[i][key] == rows[start][key]
                and (key == "level1" or rows[i]["level1"] == rows[start]["level1"])
            )
            if not same:
                rows[start][f"{key}_span"] = i - start
                for j in range(start + 1, i):
                    rows[j][f"{key}_span"] = 0
                start = i
