"""Editing a form without losing an edit: the edit page with its base version, the conflict page
when someone saved meanwhile, autosaved drafts, comparing versions and restoring an old one.

Thin views: the merge is `editing.merge_forms`, drafts and restoring are `services.edits`,
saving is `services.versions.save_version`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jixiao.model.diff import GROUPS, diff_forms
from jixiao.web.forms import editing
from jixiao.web.forms.compare import compare_page
from jixiao.web.forms.models import FormRecord, FormVersion
from jixiao.web.jobs.services import recheck_beside
from jixiao.web.scope import form_for
from jixiao.web.services import edits
from jixiao.web.services.versions import StaleVersion, save_version

KEPT = "jixiao_kept_edits"  # session key: typing posted after the login had expired, by form
EXPIRED = "登录已过期：已在本机保存，请在新标签页重新登录后继续"


def _number(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) < 9 else None


def form_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return _keep_for_login(request, pk)
    record = form_for(request.user, pk)
    if not edits.editable(request.user, record):
        raise PermissionDenied("这张自评表现在不能修改。")
    latest = record.latest
    if request.method == "POST":
        if request.POST.get("discard"):
            edits.discard_draft(record, request.user)
            messages.success(request, "已丢弃未保存的修改。")
            return redirect("forms:detail", pk=record.pk)
        response = _save(request, record, latest)
        if response is not None:
            return response
    else:
        _take_back_kept(request, record, latest)
    draft = edits.draft_of(record, request.user)
    context: dict[str, Any] = {
        "record": record,
        "data": latest.data,
        "base_version": latest.number,
        "draft": draft_offer(draft) if draft else None,
        "expired_message": EXPIRED,
    }
    return render(request, "web/form_edit.html", context)


def _save(request: HttpRequest, record: FormRecord, latest: FormVersion) -> HttpResponse | None:
    """Save the posted form as a new version; the conflict page when a newer version was
    saved since the page was opened; None (stay on the page) when the form cannot be read."""
    fields = edits.posted_fields(request.POST)
    based_on = _number(request.POST.get("base_version"))
    base = latest if based_on is None else record.versions.filter(number=based_on).first()
    if base is None:
        edits.keep_draft(record, request.user, latest.number, fields)
        messages.error(
            request, f"修改所基于的第 {based_on} 版不存在；您的修改已暂存，可在下方恢复。"
        )
        return None
    try:
        form = editing.form_from_post(request.POST, base.data)
    except (ValueError, ValidationError) as exc:
        edits.keep_draft(record, request.user, base.number, fields)
        messages.error(request, f"无法保存：{exc}。您的修改已暂存，可在下方恢复。")
        return None
    note = request.POST.get("note", "")[:300]
    try:
        version = save_version(record, form, request.user, note=note, based_on=based_on)
    except StaleVersion:
        edits.keep_draft(record, request.user, base.number, fields)
        return _conflict(request, record, base, form.to_json_dict(), note)
    except ValidationError as exc:  # e.g. renamed to another form's project
        edits.keep_draft(record, request.user, base.number, fields)
        messages.error(
            request, f"无法保存：{'；'.join(exc.messages)}。您的修改已暂存，可在下方恢复。"
        )
        return None
    edits.discard_draft(record, request.user)
    recheck_beside(request.user, record)  # with the unit's other forms of the year, queued
    messages.success(request, f"已保存为第 {version.number} 版。")
    return redirect("forms:detail", pk=record.pk)


def _conflict(
    request: HttpRequest, record: FormRecord, base: FormVersion, mine: dict[str, Any], note: str
) -> HttpResponse:
    latest = record.versions.select_related("author").order_by("-number").first()
    assert latest is not None
    merge = editing.merge_forms(base.data, latest.data, mine)
    if not merge.anything_of_mine:  # their version already holds all of it: nothing to save
        edits.discard_draft(record, request.user)
        messages.info(request, f"您没有改动他人第 {latest.number} 版之外的内容，无需保存。")
        return redirect("forms:detail", pk=record.pk)
    urls = (reverse("forms:edit", args=[record.pk]), reverse("forms:compare", args=[record.pk]))
    return conflict_page(request, record, base, latest, merge, note, *urls)


def conflict_page(
    request: HttpRequest,
    record: FormRecord,
    base: FormVersion,
    latest: FormVersion,
    merge: editing.Merge,
    note: str,
    edit_url: str,
    compare_url: str,
) -> HttpResponse:
    """Both people's edits side by side (any document's): what merged by itself, the places
    both changed to choose, posted back to the edit page as the next version of ``latest``."""
    chosen = {item.field for item in merge.conflicts}
    between = list(
        record.versions.select_related("author").filter(number__gt=base.number).order_by("number")
    )
    context = {
        "record": record,
        "base": base,
        "latest": latest,
        "between": between,
        "merge": merge,
        "changed": [item for item in merge.items if not item.conflict],
        "hidden": [(k, v) for k, v in merge.fields.items() if k not in chosen],
        "note": note or f"合并第 {latest.number} 版的修改",
        "edit_url": edit_url,
        "compare_url": compare_url,
    }
    return render(request, "web/form_conflict.html", context, status=409)


def _keep_for_login(request: HttpRequest, pk: int) -> HttpResponse:
    """A logged-out browser: keep what it posted in its session (kept across the login, which
    keeps the data of a session without a user), then send it to log in and come back."""
    if request.method == "POST":
        kept = dict(request.session.get(KEPT, {}))
        kept[str(pk)] = {
            "base": _number(request.POST.get("base_version")),
            "fields": edits.posted_fields(request.POST),
        }
        request.session[KEPT] = dict(list(kept.items())[-5:])
        messages.warning(request, "登录已过期：您填写的内容已暂存，重新登录后可在修改页恢复。")
    return redirect_to_login(reverse("forms:edit", args=[pk]))


def _take_back_kept(request: HttpRequest, record: FormRecord, latest: FormVersion) -> None:
    """After the login: what was posted while logged out becomes this person's draft."""
    kept = dict(request.session.get(KEPT, {}))
    entry = kept.pop(str(record.pk), None)
    if not isinstance(entry, dict) or not isinstance(entry.get("fields"), dict):
        return
    request.session[KEPT] = kept
    base = entry.get("base") if isinstance(entry.get("base"), int) else latest.number
    edits.keep_draft(record, request.user, base, entry["fields"])
    messages.info(request, "找到您登录过期前填写的内容，可在下方恢复。")


def draft_offer(draft: Any) -> dict[str, Any]:
    """A person's draft as the edit page offers it back (static/web/autosave.js)."""
    return {
        "base": draft.base_number,
        "fields": draft.fields,
        "saved": edits.saved_at(draft),
        "at": int(draft.updated.timestamp() * 1000),
    }


@require_POST
def form_autosave(request: HttpRequest, pk: int) -> JsonResponse:
    """Keep the edit page's fields as the person's draft, every few seconds while they type."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": EXPIRED}, status=401)
    return autosave(request, form_for(request.user, pk))


def autosave(request: HttpRequest, record: FormRecord) -> JsonResponse:
    """The autosave of any document's edit page (a 自评表's, a 申报表's, a 监控表's): the posted
    fields kept as the person's draft, or the draft discarded."""
    if not edits.editable(request.user, record):
        noun = FormRecord.Kind(record.kind).label
        return JsonResponse({"error": f"这张{noun}现在不能修改。"}, status=403)
    if request.POST.get("discard"):
        edits.discard_draft(record, request.user)
        return JsonResponse({"discarded": True, "message": "已丢弃未保存的修改"})
    base = _number(request.POST.get("base_version")) or record.latest.number
    draft = edits.keep_draft(record, request.user, base, edits.posted_fields(request.POST))
    saved = edits.saved_at(draft)
    return JsonResponse({"saved": saved, "base": base, "message": f"已自动保存 {saved}"})


@login_required
def form_compare(request: HttpRequest, pk: int) -> HttpResponse:
    """What changed from one version to another (default: the previous one to the latest)."""
    record = form_for(request.user, pk)
    back = reverse("forms:detail", args=[record.pk])
    return compare_page(request, record, back, diff_forms, GROUPS)


@login_required
@require_POST
def restore_version(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    record = form_for(request.user, pk)
    if not edits.can_restore(request.user, record):
        raise PermissionDenied("只有填报单位（草稿或已退回时）或管理员可以恢复旧版本。")
    old = record.versions.filter(number=number).first()
    if old is None:
        return render(request, "web/not_found.html", status=404)
    try:
        version = edits.restore_version(record, old, request.user)
    except ValidationError as exc:  # e.g. its project name is now another form's
        messages.error(request, f"无法恢复：{'；'.join(exc.messages)}")
    else:
        messages.success(request, f"已将第 {number} 版恢复为第 {version.number} 版。")
    return redirect("forms:detail", pk=record.pk)
