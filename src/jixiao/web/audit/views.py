"""The 操作记录 page: who did what and when, filtered, paginated, downloadable as CSV."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header

from jixiao.web.audit import log


@login_required
def log_page(request: HttpRequest) -> HttpResponse:
    visible = log.events_for(request.user)
    chosen = log.LogFilter.from_query(request.user, request.GET)
    events = chosen.apply(visible)
    if request.GET.get("export") == "csv":
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        response = HttpResponse(
            log.export_csv(request.user, events, chosen), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = content_disposition_header(True, f"操作记录-{stamp}.csv")
        return response
    page = Paginator(events, log.PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    for key in ("page", "export"):
        query.pop(key, None)
    context = {
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2),
        "lines": [log.line(e) for e in page.object_list],
        "chosen": chosen,
        "get": request.GET,
        "organisations": log.organisation_choices(request.user),
        "actions": log.action_choices(visible),
        "query": query.urlencode(),
        "columns": log.COLUMNS,
    }
    return render(request, "audit/log.html", context)
