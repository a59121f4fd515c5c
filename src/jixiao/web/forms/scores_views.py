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


# the session key of what a reviewer typed and could not save, shown again on the form page
TYPED = "reviewed-scores-typed:"


def reviewed_context(
    user: Any, record: FormRecord, version: FormVersion, typed: dict[str, Any] | None = None
) -> dict[str, Any]:
    """What _reviewed_scores.html shows: a row per item, the reviewed total and grade; with
    ``typed`` (what a save that stored nothing was given), those values in the inputs, and
    what is stored now as what the page shows, so that saving it again writes them."""
    result = reviewed_scores.outcome(record, version)
    have = reviewed_scores.stored(record)
    typed_values, typed_notes = (typed or {}).get("values", {}), (typed or {}).get("notes", {})
    rows = []
    for item in result.items:
        score = have.get(item.path)
        reviewed = _num(item.reviewed) if item.reviewed is not None else ""
        note = score.note if score else ""
        rows.append(
            {
                "path": item.path,
                "label": item.label,
                "weight": _num(item.weight),
                "declared": item.declared_text or "—",
                "computed": _num(item.computed),
                "reviewed": typed_values.get(item.path, reviewed),
                "note": typed_notes.get(item.path, note),
                "seen": reviewed,
                "seen_note": note,
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
    post = request.POST
    values = {k[6:]: v for k, v in post.items() if k.startswith("score:")}
    notes = {k[5:]: v for k, v in post.items() if k.startswith("note:")}
    # what the page showed when opened: only what was changed there is written
    seen = {k[5:]: v for k, v in post.items() if k.startswith("seen:")} or None
    seen_notes = {k[10:]: v for k, v in post.items() if k.startswith("seen-note:")}
    try:
        result = reviewed_scores.set_reviewed_scores(
            record, request.user, values, notes, seen, seen_notes
        )
    except ValidationError as exc:
        messages.error(request, "复核分未保存：" + "；".join(exc.messages))
        request.session[f"{TYPED}{record.pk}"] = {"values": values, "notes": notes}
    else:
        if result.reviewed_count:
            messages.success(
                request,
                f"复核分已保存：复核后总分 {record.reviewed_total}，等级 {record.reviewed_grade}。",
            )
        else:
            messages.success(request, "复核分已清除。")
    return redirect(reverse("forms:detail", args=[record.pk]) + "#reviewed-scores")
