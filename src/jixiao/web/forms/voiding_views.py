"""Pages that void a form and restore it (POST only); the work is `services.voiding`'s."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from jixiao.web.scope import form_for
from jixiao.web.services import voiding


@login_required
@require_POST
def void(request: HttpRequest, pk: int) -> HttpResponse:
    record = form_for(request.user, pk)
    try:
        voiding.void_form(record, request.user, request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(
            request, "已作废：这张自评表不再计入列表和统计，仍可按编号查看，需要时可以恢复。"
        )
    return redirect("forms:detail", pk=record.pk)


@login_required
@require_POST
def unvoid(request: HttpRequest, pk: int) -> HttpResponse:
    record = form_for(request.user, pk)
    try:
        voiding.restore_form(record, request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "已恢复：这张自评表重新计入列表和统计。")
    return redirect("forms:detail", pk=record.pk)
