"""The version comparison page of any document (自评表, 申报表, 监控表): which two versions, what
changed between them (`model.diff` for a 自评表, `documents.editing.diff_documents` for the
others), one template (web/form_compare.html)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jixiao.model.diff import Change, grouped
from jixiao.web.forms.models import FormRecord

Diff = Callable[[Mapping[str, Any], Mapping[str, Any]], list[Change]]


def _number(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) < 9 else None


def compare_page(
    request: HttpRequest,
    record: FormRecord,
    back: str,
    diff: Diff,
    groups: Sequence[str],
) -> HttpResponse:
    """What changed from version ``a`` to ``b`` (by default the one before the latest to the
    latest); ``back``: the document's page."""
    noun = FormRecord.Kind(record.kind).label
    versions = list(record.versions.select_related("author").order_by("number"))
    by_number = {v.number: v for v in versions}
    context: dict[str, Any] = {"record": record, "versions": versions, "back": back}
    b = _number(request.GET.get("b")) if request.GET.get("b") else versions[-1].number
    if request.GET.get("a"):
        a = _number(request.GET.get("a"))
    else:
        a = max((v.number for v in versions if b is not None and v.number < b), default=None)
    if len(versions) < 2 and not request.GET.get("a"):
        context["error"] = f"这张{noun}只有一个版本，没有可比较的。"
        return render(request, "web/form_compare.html", context)
    if a not in by_number or b not in by_number:
        context["error"] = "没有这个版本：请从下面的列表中选择要比较的两个版本。"
        return render(request, "web/form_compare.html", context, status=404)
    old, new = by_number[a], by_number[b]
    changes = diff(old.data, new.data)
    context.update(old=old, new=new, changes=changes, groups=grouped(changes, groups))
    return render(request, "web/form_compare.html", context)
