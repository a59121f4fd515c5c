"""决算说明 pages: the list in scope, checking a new one (upload, paste or the sample), one narrative."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jixiao.web.final_accounts import services
from jixiao.web.final_accounts.display import layout
from jixiao.web.orgs.models import Organisation
from jixiao.web.scope import is_admin
from jixiao.web.services import samples

SAMPLE_CHOICE = "sample"


@login_required
def narrative_list(request: HttpRequest) -> HttpResponse:
    context = {
        "records": services.narratives_for(request.user),
        "organisations": services.organisations_for(request.user),
        "admin": is_admin(request.user),
    }
    return render(request, "final_accounts/list.html", context)


def _organisation(request: HttpRequest) -> Organisation | None:
    choice = request.POST.get("organisation", "")
    if choice == SAMPLE_CHOICE and is_admin(request.user):
        return samples.sample_department()
    allowed = services.organisations_for(request.user)
    if choice.isdigit():
        return allowed.filter(pk=choice).first()
    return allowed.first() if allowed.count() == 1 else None


def _year(request: HttpRequest) -> int | None:
    text = request.POST.get("year", "").strip()
    return int(text) if text.isdigit() and len(text) == 4 else None


@login_required
def narrative_new(request: HttpRequest) -> HttpResponse:
    organisations = services.organisations_for(request.user)
    context = {
        "organisations": organisations,
        "admin": is_admin(request.user),
        "text": request.POST.get("text", ""),
        "year": request.POST.get("year", ""),
    }
    if request.method != "POST":
        return render(request, "final_accounts/new.html", context)
    organisation = _organisation(request)
    if organisation is None:
        messages.error(request, "请选择这份决算说明所属的单位。")
        return render(request, "final_accounts/new.html", context, status=400)
    upload = request.FILES.get("file")
    try:
        if upload is not None:
            data = b"".join(upload.chunks())
            record = services.import_narrative(
                request.user, organisation, upload.name or "决算说明", data, _year(request)
            )
        else:
            record = services.import_pasted(
                request.user, organisation, request.POST.get("text", ""), _year(request)
            )
    except services.NarrativeError as exc:
        messages.error(request, exc.message)
        return render(request, "final_accounts/new.html", context, status=400)
    return redirect("final_accounts:detail", pk=record.pk)


@login_required
@require_POST
def narrative_sample(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    if organisation is None:
        messages.error(request, "请选择样例决算说明所属的单位。")
        return redirect("final_accounts:new")
    record = services.import_sample(request.user, organisation)
    messages.success(request, f"已导入样例决算说明：{record.name}")
    return redirect("final_accounts:detail", pk=record.pk)


@login_required
def narrative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = services.narrative_for(request.user, pk)
    result = record.result
    context = {
        "record": record,
        "result": result,
        "paragraphs": layout(result),
        "findings": result.get("findings", []),
    }
    return render(request, "final_accounts/detail.html", context)


@login_required
def narrative_original(request: HttpRequest, pk: int) -> FileResponse:
    record = services.narrative_for(request.user, pk)
    path = services.original_path(record)
    name = record.name if not record.pasted else f"{record.name}.txt"
    return FileResponse(path.open("rb"), as_attachment=True, filename=name)
