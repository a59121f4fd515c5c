"""The review queue: the forms waiting at the reviewer's level, passed or returned many at once.

Thin views: the forms come from `workflow.waiting_for` (the user's scope and level), every
decision from `workflow.batch`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from jixiao.web.forms.models import FormRecord
from jixiao.web.inbox.todo import roles_of
from jixiao.web.paging import one_page
from jixiao.web.scope import in_scope, remembering_scope
from jixiao.web.services import workflow


def chosen_forms(user: object, ids: list[str]) -> list[FormRecord]:
    """The forms picked by id, each in the user's scope; 404 if any is not (no hint which)."""
    if not ids:
        raise ValidationError("请先勾选自评表。")
    if not all(i.strip().isdigit() for i in ids):
        raise ValidationError("勾选的自评表编号有误。")
    wanted = {int(i) for i in ids}
    documents = in_scope(user, FormRecord.documents.all(), "unit_id")  # type: ignore[arg-type]
    found = list(documents.filter(pk__in=wanted).order_by("pk"))
    if len(found) != len(wanted):
        raise Http404("没有这张自评表，或您无权查看。")
    return found


@login_required
@remembering_scope
def review_queue(request: HttpRequest) -> HttpResponse:
    if not roles_of(request.user).reviewer:
        raise PermissionDenied("只有审核人可以查看审核队列。")
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            records = chosen_forms(request.user, request.POST.getlist("ids"))
            result = workflow.batch(
                records,
                request.user,
                action,
                request.POST.get("comment" if action == "approve" else "return_comment", ""),
                request.POST.get("reason", ""),
            )
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            verb = "通过" if action == "approve" else "退回"
            messages.success(
                request,
                f"{workflow.BATCH_ACTIONS[action]}：已{verb} {len(result.done)} 张"
                + (f"，跳过 {len(result.skipped)} 张。" if result.skipped else "。"),
            )
            for record, why in result.skipped:
                messages.warning(request, f"跳过《{record.project_name}》：{why}")
        return redirect("forms:queue")
    rows = (
        workflow.waiting_for(request.user)
        .select_related("unit", "submitted_by")
        .order_by(F("submitted_at").asc(nulls_first=True), "pk")
    )
    # one page at a time, counted and summed by the database
    totals = rows.order_by().aggregate(
        count=Count("pk"), with_errors=Count("pk", filter=Q(errors__gt=0))
    )
    context = {
        **one_page(request, rows, totals["count"]),
        "with_errors": totals["with_errors"],
        "pager_prefix": "本页",
        "pager_note": "；批量操作只作用于本页勾选的表",
    }
    return render(request, "web/review_queue.html", context)
