"""The dashboard: where the money stands and how the forms score, per year and department."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jixiao.review.registry import RULES
from jixiao.web.scope import forms_for, remembering_scope
from jixiao.web.services.stats import Remembered, dashboard, years_of


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


@login_required
@remembering_scope
def dashboard_view(request: HttpRequest) -> HttpResponse:
    mine = forms_for(request.user)
    remembered = Remembered(request.user)
    years = remembered.get("years", lambda: years_of(mine))
    year = request.GET.get("year", "")
    records = mine.filter(year=int(year)) if year.isdigit() else mine
    figures = remembered.get(f"dashboard:{year}", lambda: dashboard(records))
    figures["codes"] = [
        {
            "code": code,
            "count": n,
            "title": RULES[code].title if code in RULES else code,
            "severity": RULES[code].severity.label if code in RULES else "",
        }
        for code, n in figures["codes"]
    ]
    context = {
        "years": years,
        "year": year,
        "figures": figures,
        "chart_data": _plain(figures),  # written with json_script, which escapes </script>
        "year_query": f"year={year}&" if year.isdigit() else "",
    }
    return render(request, "web/dashboard.html", context)
