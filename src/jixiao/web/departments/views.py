"""The 部门整体评价 pages: departments × years, one department's year, its Word report."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from jixiao.department.evaluation import DepartmentEvaluation, money, percent
from jixiao.department.figures import FiguresError
from jixiao.model.finding import Severity
from jixiao.web.departments import services
from jixiao.web.departments.figures_form import FiguresForm
from jixiao.web.jobs.services import start_report
from jixiao.web.jobs.views import answer


@login_required
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "departments/index.html", {"rows": services.year_rows(request.user)})


@login_required
def detail(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    department = services.department_for(request.user, pk)
    row = services.stored_figures(department, year)
    form = FiguresForm(request.POST or None, row=row)
    if request.method == "POST":
        if form.is_valid():
            services.save_figures(request.user, department, year, form.cleaned_data)
            messages.success(request, "部门数据已保存。")
            return redirect("departments:detail", pk=pk, year=year)
        messages.error(
            request,
            "部门数据有误，未保存："
            + "；".join(str(e) for errors in form.errors.values() for e in errors),
        )
    try:
        evaluation, records = services.evaluate_with_records(request.user, department, year)
    except FiguresError as exc:  # stored figures of another year cannot happen; be plain anyway
        messages.error(request, exc.message)
        return redirect("departments:index")
    context = {
        "department": department,
        "year": year,
        "years": services.years_of(request.user, department),
        "ev": evaluation,
        "view": _view(evaluation, records),
        "form": form,
        "row": row,
    }
    return render(request, "departments/detail.html", context)


@login_required
def report(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    """The Word report, written in the background: the file, or the job's page until it is."""
    department = services.department_for(request.user, pk)
    job = start_report(request.user, department, year)
    return answer(request, job, reverse("departments:detail", args=[pk, year]))


SHOWN = 200  # projects listed and charted on the page; the rollup counts every one
RULE_PROJECTS = 20  # projects named beside a rule


def _view(ev: DepartmentEvaluation, records: list[Any]) -> dict[str, Any]:
    """What the template shows, formatted: two decimals, half-up, as in the report. A
    department of thousands of projects lists the first SHOWN by name (the forms list, linked,
    has them all); each rule names its first projects."""
    projects = [
        {
            "record": record,
            "name": p.name,
            "unit": p.unit,
            "budget": money(p.budget),
            "executed": money(p.executed),
            "rate": percent(p.rate),
            "declared": money(p.declared_score),
            "computed": money(p.computed_score),
            "grade": p.grade or "—",
            # 复核后总分 and its grade, when a reviewer gave scores
            "reviewed": (
                f"{money(record.reviewed_total)}（{record.reviewed_grade}）"
                if record.reviewed_total is not None
                else "—"
            ),
            "errors": p.counts[Severity.ERROR],
            "warnings": p.counts[Severity.WARNING],
        }
        for p, record in zip(ev.projects[:SHOWN], records[:SHOWN], strict=True)
    ]
    rates = [
        ("预算执行率", ev.execution_rate),
        ("结转结余率", ev.balance_rate),
        ("结转结余变动率", ev.balance_change_rate),
        ("预决算差异率", ev.difference_rate),
    ]
    shown = ev.projects[:SHOWN]
    chart = {
        "names": [p.name for p in shown],
        "rates": [_float(p.rate * 100 if p.rate is not None else None) for p in shown],
        "declared": [_float(p.declared_score) for p in shown],
        "computed": [_float(p.computed_score) for p in shown],
    }
    return {
        "projects": projects,
        "more": max(0, len(ev.projects) - SHOWN),
        "rates": [{"name": n, "value": percent(x.value), "how": x.explanation} for n, x in rates],
        "components": [
            {
                "name": c.name,
                "weight": money(c.weight),
                "score": money(c.score.value),
                "how": c.score.explanation,
            }
            for c in ev.components
        ],
        "score": money(ev.score.value),
        "totals": {
            "budget": money(ev.total_budget.value),
            "executed": money(ev.total_executed.value),
            "weighted": percent(ev.weighted_rate.value),
            "mean": percent(ev.mean_rate.value),
        },
        "stats": [
            {
                "label": label,
                "count": s.count,
                "mean": money(s.mean.value),
                "mean_how": s.mean.explanation,
                "min": money(s.minimum.value),
                "max": money(s.maximum.value),
                "median": money(s.median.value),
                "median_how": s.median.explanation,
            }
            for label, s in (("填报总分", ev.declared_scores), ("计算总分", ev.computed_scores))
        ],
        "rules": [
            {
                "rule": r,
                "projects": "、".join(r.projects[:RULE_PROJECTS])
                + (f" 等 {len(r.projects)} 个项目" if len(r.projects) > RULE_PROJECTS else ""),
            }
            for r in ev.rules
        ],
        "chart": chart,
        "findings": [(s.label, ev.findings[s]) for s in Severity],
    }


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)
