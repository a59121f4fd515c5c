"""Pages of 专家评价: list, create, enter scores in a grid, upload a sheet, the computed sheet,
check a report's figures, download .xlsx/.docx. Thin: the work is in `services` and `jixiao.panel`.
"""

from __future__ import annotations

import io
import json
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jixiao.panel.compute import Result, fixed, percent, plain
from jixiao.panel.write import write_docx, write_xlsx
from jixiao.web.panels import services
from jixiao.web.panels.models import Panel

MAX_UPLOAD = 20 * 1024 * 1024


@login_required
def panel_list(request: HttpRequest) -> HttpResponse:
    panels = services.panels_for(request.user)
    return render(request, "panels/list.html", {"panels": panels[:500]})


@login_required
@require_POST
def panel_sample(request: HttpRequest) -> HttpResponse:
    try:
        panel = services.import_sample(request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("panels:list")
    messages.success(request, f"已导入样例专家评价：{panel.project}（{len(panel.experts)} 位专家）")
    return redirect("panels:detail", pk=panel.pk)


@login_required
def panel_new(request: HttpRequest) -> HttpResponse:
    organisations = services.organisations_for(request.user)
    error = ""
    if request.method == "POST":
        year = request.POST.get("year", "").strip()
        org = request.POST.get("organisation", "")
        try:
            panel = services.create_panel(
                request.user,
                project=request.POST.get("project", ""),
                year=int(year) if year.isdigit() else None,
                organisation_id=int(org) if org.isdigit() else None,
                framework=request.POST.get("framework", "project"),
                experts=request.POST.get("experts", "").splitlines(),
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            return redirect("panels:scores", pk=panel.pk)
    context = {
        "organisations": organisations,
        "frameworks": services.frameworks(),
        "error": error,
        "data": request.POST,
    }
    return render(request, "panels/new.html", context, status=400 if error else 200)


def _rows(
    panel: Panel,
    result: Result,
    values: dict[str, list[str]] | None = None,
    seen: dict[str, list[str]] | None = None,
) -> list[dict]:
    """The grid's rows: each level-3 indicator with its cells (text, error) per expert, and what
    the page is taken to have been opened on (``seen``, else what is stored): the save merges
    against it."""
    places = result.framework.settings.decimals
    standards = {l3.name: l3.standard for _, _, l3 in result.framework.indicators()}
    rows = []
    previous = None
    for r in result.rows:
        texts = (values or {}).get(r.name) or [
            "" if s is None else s for s in (panel.scores or {}).get(r.name, [])
        ]
        texts = list(texts) + [""] * (len(panel.experts) - len(texts))
        stored = ["" if s is None else s for s in (panel.scores or {}).get(r.name, [])]
        shown = list((seen or {}).get(r.name) or stored)
        shown += [""] * (len(panel.experts) - len(shown))
        rows.append(
            {
                "row": r,
                "cells": texts[: len(panel.experts)],
                "seen": shown[: len(panel.experts)],
                "level1": "" if previous and previous.level1 == r.level1 else r.level1,
                "level2": "" if previous and previous.level2 == r.level2 else r.level2,
                "sum": plain(r.sum),
                "standard": standards.get(r.name, ""),
                "average": "" if r.score is None else fixed(r.score, places),
                "loss_rate": "" if r.loss_rate is None else percent(r.loss_rate, places),
            }
        )
        previous = r
    return rows


@login_required
def panel_scores(request: HttpRequest, pk: int) -> HttpResponse:
    panel = services.panel_for(request.user, pk)
    errors: dict[str, str] = {}
    values = seen = None
    if request.method == "POST":
        names = [l3.name for _, _, l3 in services.framework_of(panel).indicators()]
        columns = range(len(panel.experts))

        def grid(prefix: str) -> dict[str, list[str]]:
            return {
                name: [request.POST.get(f"{prefix}-{r}-{i}", "") for i in columns]
                for r, name in enumerate(names)
            }

        values = grid("s")
        # what the page showed when opened (an older page without it replaces the grid)
        if "experts_seen" in request.POST:
            seen = grid("o")
            experts = json.loads(request.POST["experts_seen"] or "[]")
        errors = services.save_scores(
            request.user, panel, values, seen, experts if seen is not None else None
        )
        if not errors:
            messages.success(request, "评分已保存。")
            return redirect("panels:detail", pk=panel.pk)
        if seen is not None and "|experts" not in errors:
            values, seen = services.page_again(panel, values, seen)
    result = services.result_of(panel)
    rows = _rows(panel, result, values, seen)
    for index, row in enumerate(rows):
        row["index"] = index
        row["cells"] = [
            {
                "text": text,
                "seen": row["seen"][i],
                "error": errors.get(f"{row['row'].name}|{i}", ""),
                "i": i,
                "expert": panel.experts[i],
            }
            for i, text in enumerate(row["cells"])
        ]
    context = {
        "panel": panel,
        "rows": rows,
        "errors": errors,
        "result": result,
        "experts_seen": json.dumps(list(panel.experts), ensure_ascii=False),
    }
    return render(request, "panels/scores.html", context, status=400 if errors else 200)


@login_required
def panel_detail(request: HttpRequest, pk: int) -> HttpResponse:
    panel = services.panel_for(request.user, pk)
    try:
        result = services.result_of(panel)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("panels:list")
    places = result.framework.settings.decimals
    groups = [
        {
            "group": g,
            "score": fixed(g.score, places),
            "lost": fixed(g.lost, places),
            "loss_rate": percent(g.loss_rate, places),
            "score_rate": percent(g.score_rate, places),
        }
        for g in result.groups
    ]
    context = {
        "panel": panel,
        "result": result,
        "rows": _rows(panel, result),
        "groups": groups,
        "total": fixed(result.total, places),
        "scored": result.panel.is_scored(),
        "expert_totals": [(e, plain(e.total)) for e in result.experts],
        "grand_total": plain(result.grand_total),
        "average_total": fixed(result.average_total, places),
    }
    return render(request, "panels/detail.html", context)


@login_required
@require_POST
def panel_experts(request: HttpRequest, pk: int) -> HttpResponse:
    panel = services.panel_for(request.user, pk)
    try:
        services.set_experts(request.user, panel, request.POST.get("experts", "").splitlines())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "专家名单已保存。")
    return redirect("panels:scores", pk=panel.pk)


@login_required
@require_POST
def panel_upload(request: HttpRequest, pk: int) -> HttpResponse:
    panel = services.panel_for(request.user, pk)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "请选择要上传的评分表文件。")
    elif upload.size > MAX_UPLOAD:
        messages.error(request, f"{upload.name}：文件过大，评分表不应超过 20 MB")
    else:
        try:
            messages.success(
                request, services.fill_from_file(request.user, panel, upload.name, upload.read())
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect("panels:detail", pk=panel.pk)


@login_required
def panel_report(request: HttpRequest, pk: int) -> HttpResponse:
    panel = services.panel_for(request.user, pk)
    if request.method == "POST":
        text = request.POST.get("text", "")
        upload = request.FILES.get("file")
        try:
            if upload is not None:
                if upload.size > MAX_UPLOAD:
                    raise ValidationError(f"{upload.name}：文件过大，报告不应超过 20 MB")
                text = services.report_text_from_file(panel, upload.name, upload.read())
            result = services.check_report(request.user, panel, text)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            wrong = [f for f in result.findings if f.code.startswith("PANEL_")]
            messages.success(request, f"已核对报告中的数字：发现 {len(wrong)} 处问题。")
            return redirect("panels:detail", pk=panel.pk)
    return render(request, "panels/report.html", {"panel": panel})


@login_required
def panel_download(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    panel = services.panel_for(request.user, pk)
    if kind not in ("xlsx", "docx"):
        raise Http404("只能下载 .xlsx 或 .docx。")
    result = services.result_of(panel)
    buffer = io.BytesIO()
    if kind == "xlsx":
        write_xlsx(result, buffer)
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        write_docx(result, buffer)
        mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    response = HttpResponse(buffer.getvalue(), content_type=mime)
    filename = f"专家评分表-{panel.pk}.{kind}"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    services.record_download(request.user, panel, kind)
    return response
