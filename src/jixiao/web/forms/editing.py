"""Turning the edit page's fields into a Form, and a blank or next year's form to start from."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict

from jixiao.model.form import Form, FormSource, Indicator

HEADER = ("project_name", "department", "implementing_unit", "manager", "phone")
FUNDS_ROWS = ("total", "appropriation", "carryover", "other")
AMOUNTS = ("initial_budget", "annual_budget", "executed")
FUNDS_TOTAL = ("weight", "execution_rate", "score")
INDICATOR = ("level1", "level2", "name", "target", "actual", "weight", "score", "deviation")


def form_from_post(post: QueryDict, base: dict[str, Any]) -> Form:
    """The form as edited: every field the page shows, on top of the version it started from."""
    data = dict(base)
    data.pop("locations", None)
    year = post.get("year", "").strip()
    data["year"] = int(year) if year.isdigit() else None
    for key in HEADER:
        data[key] = post.get(key, "").strip()
    funds = dict(data.get("funds", {}))
    for row in FUNDS_ROWS:
        funds[row] = {
            **funds.get(row, {}),
            **{col: post.get(f"funds.{row}.{col}", "").strip() for col in AMOUNTS},
        }
    for key in FUNDS_TOTAL:
        funds[key] = post.get(f"funds.{key}", "").strip()
    data["funds"] = funds
    data["goals"] = {k: post.get(f"goals.{k}", "").strip() for k in ("expected", "achieved")}
    count = int(post.get("indicator_count", "0") or 0)
    before = base.get("indicators", [])
    indicators = []
    for i in range(count):
        if post.get(f"indicators.{i}.delete"):
            continue
        row = {key: post.get(f"indicators.{i}.{key}", "").strip() for key in INDICATOR}
        old = before[i] if i < len(before) else {}
        for level in ("level1", "level2"):  # the label as the document wrote it stays with it
            if old.get(level) == row[level] and old.get(f"{level}_text"):
                row[f"{level}_text"] = old[f"{level}_text"]
        if any(row[k] for k in ("name", "target", "actual", "weight", "score")):
            indicators.append(row)
    data["indicators"] = indicators
    data["total_weight"] = post.get("total_weight", "").strip()
    data["total_score"] = post.get("total_score", "").strip()
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
