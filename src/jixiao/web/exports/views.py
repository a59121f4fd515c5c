"""Downloads: a form in an official layout, the list's selection in any export format, the template.

Thin views: scope from `jixiao.web.scope` (through the list's filters), the work in
`jixiao.web.services.exports`.
"""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from jixiao.web.forms.views import filtered
from jixiao.web.jobs.services import start_export
from jixiao.web.jobs.views import answer
from jixiao.web.scope import form_for
from jixiao.web.services import exports
from jixiao.web.services.exports import ExportError, ExportFile, Options


def _file(export: ExportFile) -> FileResponse:
    return FileResponse(
        io.BytesIO(export.data),
        as_attachment=True,
        filename=export.name,
        content_type=export.content_type,
    )


def _options(request: HttpRequest) -> Options:
    return Options(
        layout=request.GET.get("layout", "beijing"), table=request.GET.get("table", "indicators")
    )


FILTER_TITLES = {
    "year": "年度",
    "department": "主管部门",
    "unit": "预算单位编号",
    "status": "状态",
    "grade": "等级",
    "severity": "审核发现",
    "code": "规则代码",
    "q": "项目名称含",
    "score_min": "总分不低于",
    "score_max": "总分低于",
}


@login_required
def export_page(request: HttpRequest) -> HttpResponse:
    """The options for exporting the list's current selection, and the fill-in template."""
    records, get = filtered(request)
    filters = {k: v for k, v in get.items() if k in FILTER_TITLES}
    context = {
        "count": records.count(),
        "filters": filters,
        "described": [(FILTER_TITLES[k], v) for k, v in filters.items()],
        "exporters": exports.EXPORTERS,
        "layouts": exports.layouts(),
        "tables": exports.DATASET_TABLES,
        "max_forms": exports.MAX_FORMS,
        "list_query": request.GET.urlencode(),
    }
    return render(request, "exports/export.html", context)


@login_required
def download(request: HttpRequest) -> HttpResponse:
    """The list's selection (same filters as the list) in the chosen format, written in the
    background: the file, or the job's page until it is."""
    records, get = filtered(request)
    ids = list(records.values_list("pk", flat=True)[: exports.MAX_FORMS + 1])
    options = _options(request)
    job = start_export(request.user, ids, get.get("format", ""), options.layout, options.table)
    return answer(request, job, reverse("exports:page") + "?" + request.GET.urlencode())


@login_required
def form_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """One form, in an official layout (.docx or .xlsx)."""
    record = form_for(request.user, pk)
    try:
        export = exports.export_records(request.user, [record], fmt, _options(request))
    except ExportError as exc:
        messages.error(request, str(exc))
        return redirect("forms:detail", pk=record.pk)
    return _file(export)


@login_required
def template(request: HttpRequest) -> HttpResponse:
    """The Excel fill-in template: blank, or next year's form started from one the user can see."""
    start = request.GET.get("from", "")
    record = form_for(request.user, int(start)) if start.isdigit() else None
    return _file(exports.export_template(request.user, record))


@login_required
def columns(request: HttpRequest) -> HttpResponse:
    """What each column of the datasets means (the same definitions as docs/datasets.md)."""
    from jixiao.write import datasets

    tables = [
        (datasets.TABLE_TITLES[t], t, datasets.TABLE_DESCRIPTIONS[t], datasets.COLUMNS[t])
        for t in datasets.TABLES
    ]
    return render(request, "exports/columns.html", {"tables": tables})
