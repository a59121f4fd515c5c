"""复核评分 on the form page: the table's figures, and the POST that stores a reviewer's scores.

Thin: the rules (who, when, bounds) and the storing live in
`jixiao.web.services.reviewed_scores`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from jixiao.web.forms.models import FormRecord, FormVersion
from jixiao.web.scope import form_for
from jixiao.web.services import reviewed_scores


def _num(value: Any) -> str:
    return "—" if value is None else format(value.normalize(), "f")


def reviewed_context(user: Any, record: FormRecord, version: FormVersion) -> dict[str, Any]:
    """What _reviewed_scores.html shows: a row per item, the reviewed total and grade."""
    result = reviewed_scores.outcome(record, version)
    have = reviewed_scores.stored(record)
    rows = []
    for item in result.items:
        score = have.get(item.path)
        rows.append(
            {
                "path": item.path,
                "label": item.label,
                "weight": _num(item.weight),
                "declared": item.declared_text or "—",
                "computed": _num(item.computed),
                "reviewed": _num(item.reviewed) if item.reviewed is not None else "",
                "note": score.note if score else "",
                "author": score.author if score else None,
            }
        )
    return {
        "rows": rows,
        "total": _num(result.total) if result.reviewed_count else "",
        "grade": result.grade if result.reviewed_count else "",
        "count": result.reviewed_count,
        "explanation": result.explanation,
        # scores are given on the latest version; an old one's table is read-only
        "may_score": reviewed_scores.may_score(user, record)
        and version.number == record.latest.number,
    }


@login_required
@require_POST
def reviewed_scores_view(request: HttpRequest, pk: int) -> HttpResponse:
    record = form_for(request.user, pk)
    values = {k[6:]: v for k, v in request.POST.items() if k.startswith("score:")}
    notes = {k[5:]: v for k, v in request.POST.items() if k.startswith("note:")}
    try:
        result = reviewed_scores.set_reviewed_scores(record, request.user, values, notes)
    except ValidationError as exc:
        messages.error(request, "复核分未保存：" + "；".join(exc.messages))
    else:
        if result.reviewed_count:
            messages.success(
                request,
                f"复核分已保存：复核后总分 {record.reviewed_total}，等级 {record.reviewed_grade}。",
            )
        else:
            messages.success(request, "复核分已清除。")
    return redirect(reverse("forms:detail", args=[record.pk]) + "#reviewed-scores")
