"""Pages for 绩效目标申报表 and 绩效运行监控表: lists, a document with its findings and review,
typing one in the browser, a 申报表 from last year's self-evaluation, downloads, and the
monitoring board.

Thin views: scope comes from `jixiao.web.scope` (`documents_for` / `document_for`), every change
from `jixiao.web.services` (`documents`, `workflow`); uploads go through the one import page.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jixiao.model.form import Form
from jixiao.web.documents import editing
from jixiao.web.documents.board import monitoring_board
from jixiao.web.forms.compare import compare_page
from jixiao.web.forms.edit_views import EXPIRED, autosave, conflict_page, draft_offer
from jixiao.web.forms.editing import merge_forms
from jixiao.web.forms.models import FormRecord, FormVersion
from jixiao.web.paging import one_page
from jixiao.web.scope import (
    can_fill,
    can_review,
    document_for,
    documents_for,
    form_for,
    forms_for,
    units_for,
)
from jixiao.web.services import documents, edits, voiding, workflow
from jixiao.web.services.edits import editable
from jixiao.web.services.imports import original_path
from jixiao.web.services.stats import years_of
from jixiao.web.services.versions import StaleVersion
from jixiao.write import targets as writers

Kind = FormRecord.Kind
DOWNLOADS = {
    # fmt → (content type, writer name in jixiao.write.targets)
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "targets_docx",
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "targets_xlsx"),
}
XLSX = DOWNLOADS["xlsx"][0]


def _label(kind: str) -> str:
    return documents.label(kind)


@login_required
def document_list(request: HttpRequest, kind: str) -> HttpResponse:
    get = {k: v.strip() for k, v in request.GET.items() if v.strip()}
    rows = documents_for(request.user, kind).select_related("project")
    if get.get("year", "").isdigit():
        rows = rows.filter(year=int(get["year"]))
    if get.get("status") in FormRecord.Status.values:
        rows = rows.filter(status=get["status"])
    if get.get("light") in FormRecord.Light.values:
        rows = rows.filter(light=get["light"])
    if get.get("unit", "").isdigit():
        rows = rows.filter(unit_id=int(get["unit"]))
    if "q" in get:
        rows = rows.filter(project_name__icontains=get["q"])
    if get.get("file", "").isdigit():  # read from one uploaded file (任务页)
        versions = FormVersion.objects.filter(source_file_id=int(get["file"]))
        rows = rows.filter(pk__in=versions.values("record_id"))
    rows = rows.order_by("-year", "project_name", "pk")
    context = {
        "kind": kind,
        "label": _label(kind),
        # a page at a time, counted by the database
        **one_page(request, rows, rows.order_by().count()),
        "get": get,
        "years": years_of(documents_for(request.user, kind)),
        "statuses": FormRecord.Status.choices,
        "lights": [c for c in FormRecord.Light.choices if c[0]],
        "units": units_for(request.user).order_by("name"),
    }
    return render(request, "documents/list.html", context)


def _findings(version: Any, record: FormRecord) -> list[dict[str, Any]]:
    """The version's findings, each with the link to the document it points at (if any)."""
    out = []
    for finding in version.findings:
        item = dict(finding)
        item["related_label"], item["related_url"] = documents.related_link(record, finding)
        out.append(item)
    return out


@login_required
def document_detail(
    request: HttpRequest, kind: str, pk: int, number: int | None = None
) -> HttpResponse:
    record = document_for(request.user, pk, kind)
    versions = list(record.versions.select_related("author"))
    version = next((v for v in versions if v.number == number), None) if number else None
    version = version or (versions[0] if versions and number is None else None)
    if version is None:
        return render(request, "web/not_found.html", status=404)
    marks: dict[str, str] = {}
    for finding in version.findings:  # the worst severity on each path, for the cell's colour
        path, sev = finding.get("path", ""), finding.get("severity", "")
        if path and (marks.get(path) != "error"):
            marks[path] = sev
    context = {
        "kind": kind,
        "label": _label(kind),
        "record": record,
        "version": version,
        "versions": versions,
        "latest": version.number == versions[0].number,
        "doc": editing.cells(kind, version.data),
        "marks": marks,
        "findings": _findings(version, record),
        "computed": version.computed,
        "can_edit": editable(request.user, record),
        "can_fill": record.voided_at is None and can_fill(request.user, record),
        "can_review": record.voided_at is None and can_review(request.user, record),
        "review": workflow.review_state(request.user, record),
        "comments": list(record.comments.select_related("author", "version")),
        "downloads": kind == Kind.TARGETS,
    }
    return render(request, "documents/detail.html", context)


@login_required
def document_compare(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """What changed from one version of the 申报表 or 监控表 to another."""
    record = document_for(request.user, pk, kind)
    back = reverse("documents:detail", args=[kind, record.pk])
    return compare_page(
        request, record, back, lambda a, b: editing.diff_documents(kind, a, b), editing.DIFF_GROUPS
    )


@login_required
def document_new(request: HttpRequest, kind: str) -> HttpResponse:
    units = units_for(request.user)
    if request.method == "POST":
        unit = units.filter(pk=request.POST.get("unit", "")).first()
        if unit is None:
            raise PermissionDenied("请选择您所在的预算单位。")
        year = request.POST.get("year", "").strip()
        document = editing.blank(
            kind,
            unit.name,
            unit.parent.name if unit.parent else "",
            int(year) if year.isdigit() and len(year) == 4 else None,
        )
        record = documents.create_document(unit, kind, document, request.user, note="新建")
        return redirect("documents:edit", kind=kind, pk=record.pk)
    context = {
        "kind": kind,
        "label": _label(kind),
        "units": units,
        "previous": forms_for(request.user).order_by("-year", "project_name")[:200]
        if kind == Kind.TARGETS
        else [],
    }
    return render(request, "documents/new.html", context)


@login_required
@require_POST
def from_last_year(request: HttpRequest) -> HttpResponse:
    """从上年自评表生成: next year's 申报表 of the form's unit and project."""
    source = request.POST.get("from", "").strip()
    if not source.isdigit():
        messages.error(request, "请选择上年的自评表。")
        return redirect("documents:new", kind=Kind.TARGETS)
    last = form_for(request.user, int(source))
    if not can_fill(request.user, last):
        raise PermissionDenied("只有本单位的填报人可以为这个项目新建申报表。")
    targets = editing.targets_from_self_evaluation(Form.from_json_dict(last.latest.data))
    try:
        with transaction.atomic():
            record = documents.create_document(
                last.unit,
                Kind.TARGETS,
                targets,
                request.user,
                note=f"由{last.year or ''}年度自评表“{last.project_name}”生成",
            )
    except ValidationError as exc:  # that year's 申报表 of the project exists already
        messages.error(request, "；".join(exc.messages))
        return redirect("documents:new", kind=Kind.TARGETS)
    messages.success(
        request, "已由上年自评表生成申报表：指标与指标值沿用上年，上年实际完成值写在备注中供参考。"
    )
    return redirect("documents:edit", kind=Kind.TARGETS, pk=record.pk)


@login_required
def document_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """The edit page, as a 自评表's: what one types is kept as one's draft (autosave), a save
    that fails keeps it too, and a save after someone else's merges both people's edits."""
    record = document_for(request.user, pk, kind)
    if not editable(request.user, record):
        raise PermissionDenied(f"这张{_label(kind)}现在不能修改。")
    latest = record.latest
    if request.method == "POST":
        if request.POST.get("discard"):
            edits.discard_draft(record, request.user)
            messages.success(request, "已丢弃未保存的修改。")
            return redirect("documents:detail", kind=kind, pk=record.pk)
        response = _save(request, record, latest)
        if response is not None:
            return response
    draft = edits.draft_of(record, request.user)
    context = {
        "kind": kind,
        "label": _label(kind),
        "record": record,
        "base_version": latest.number,
        "doc": editing.cells(kind, latest.data),
        "draft": draft_offer(draft) if draft else None,
        "expired_message": EXPIRED,
    }
    return render(request, "documents/edit.html", context)


def _save(request: HttpRequest, record: FormRecord, latest: FormVersion) -> HttpResponse | None:
    """Save the posted document as the next version; the merge page when another version was
    saved since the page was opened; None (stay on the page, the typing kept as the person's
    draft) when it cannot be saved."""
    kind = record.kind
    fields = edits.posted_fields(request.POST)
    based_on = request.POST.get("base_version", "")
    number = int(based_on) if based_on.isdigit() and len(based_on) < 9 else None
    base = latest if number is None else record.versions.filter(number=number).first()
    if base is None:
        edits.keep_draft(record, request.user, latest.number, fields)
        messages.error(
            request, f"修改所基于的第 {based_on} 版不存在；您的修改已暂存，可在下方恢复。"
        )
        return None
    note = request.POST.get("note", "").strip()[:300]
    try:
        document = editing.from_post(kind, request.POST, base.data)
        documents.save_document(
            record, document, request.user, note=note or "在线修改", based_on=number
        )
    except StaleVersion:
        edits.keep_draft(record, request.user, base.number, fields)
        return _merge(request, record, base, document.to_json_dict(), note)
    except (ValueError, ValidationError) as exc:
        edits.keep_draft(record, request.user, base.number, fields)
        text = "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        messages.error(request, f"未保存：{text}。您的修改已暂存，可在下方恢复。")
        return None
    edits.discard_draft(record, request.user)
    messages.success(request, "已保存为新版本。")
    return redirect("documents:detail", kind=kind, pk=record.pk)


def _merge(
    request: HttpRequest, record: FormRecord, base: FormVersion, mine: dict[str, Any], note: str
) -> HttpResponse:
    latest = record.versions.select_related("author").order_by("-number").first()
    assert latest is not None
    kind = record.kind
    merge = merge_forms(
        editing.as_saved(kind, base.data),
        editing.as_saved(kind, latest.data),
        mine,
        editing.merge_fields(kind),
    )
    if not merge.anything_of_mine:  # their version already holds all of it: nothing to save
        edits.discard_draft(record, request.user)
        messages.info(request, f"您没有改动他人第 {latest.number} 版之外的内容，无需保存。")
        return redirect("documents:detail", kind=record.kind, pk=record.pk)
    args = [record.kind, record.pk]
    urls = (reverse("documents:edit", args=args), reverse("documents:compare", args=args))
    return conflict_page(request, record, base, latest, merge, note, *urls)


@require_POST
def document_autosave(request: HttpRequest, kind: str, pk: int) -> JsonResponse:
    """Keep the edit page's fields as the person's draft, every few seconds while they type."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": EXPIRED}, status=401)
    return autosave(request, document_for(request.user, pk, kind))


@login_required
def document_original(request: HttpRequest, kind: str, pk: int) -> FileResponse:
    record = document_for(request.user, pk, kind)
    if record.source_file is None:
        raise PermissionDenied(f"这张{_label(kind)}是在线填写的，没有原始文件。")
    stored = record.source_file
    path = original_path(stored.sha256)
    return FileResponse(path.open("rb"), as_attachment=True, filename=stored.name)


@login_required
def document_download(request: HttpRequest, kind: str, pk: int, fmt: str) -> HttpResponse:
    """The document as JSON (both kinds), or a 申报表 in the official layout (Word / Excel)."""
    record = document_for(request.user, pk, kind)
    version = record.latest
    filename = f"{record.project_name}（{record.year or ''}年度{_label(kind)}）"
    if fmt == "json":
        data = {**version.data, "computed": version.computed, "findings": version.findings}
        body = json.dumps(data, ensure_ascii=False, indent=2).encode()
        content_type = "application/json"
    elif fmt in DOWNLOADS and kind == Kind.TARGETS:
        content_type, writer = DOWNLOADS[fmt]
        body = getattr(writers, writer)(documents.document_of(record, version))
    else:
        return render(request, "web/not_found.html", status=404)
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = _attachment(f"{filename}.{fmt}")
    return response


def _attachment(name: str) -> str:
    return f"attachment; filename=\"download\"; filename*=UTF-8''{quote(name)}"


@login_required
def targets_template(request: HttpRequest) -> HttpResponse:
    """The Excel fill-in template of a 申报表 (what the import reads back)."""
    response = HttpResponse(writers.targets_template_xlsx(), content_type=XLSX)
    response["Content-Disposition"] = _attachment("绩效目标申报表填报模板.xlsx")
    return response


@login_required
@require_POST
def document_action(request: HttpRequest, kind: str, pk: int, action: str) -> HttpResponse:
    """提交 / 退回 / 审核通过 / 重新打开, as for forms (`services/workflow.py`); 作废 / 恢复
    (`services/voiding.py`)."""
    record = document_for(request.user, pk, kind)
    if action in ("void", "restore"):
        return _void_or_restore(request, record, action)
    if record.voided_at is not None:
        messages.error(request, f"这张{_label(kind)}已作废，不能提交、退回或审核。")
        return redirect("documents:detail", kind=kind, pk=record.pk)
    try:
        if action == "submit":
            workflow.submit_form(record, request.user)
            messages.success(request, "已提交，等待审核。")
        elif action == "return":
            on_paths = workflow.path_comments(request.POST)
            workflow.return_form(record, request.user, request.POST.get("comment", ""), on_paths)
            messages.success(request, "已退回填报单位。")
        elif action == "approve":
            workflow.approve_form(
                record,
                request.user,
                request.POST.get("comment", ""),
                request.POST.get("reason", ""),
            )
            messages.success(request, f"已审核通过。现在：{workflow.status_label(record)}。")
        elif action == "reopen":
            workflow.reopen_form(record, request.user, request.POST.get("reason", ""))
            messages.success(request, f"已重新打开。现在：{workflow.status_label(record)}。")
        else:
            raise PermissionDenied("未知操作。")
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("documents:detail", kind=kind, pk=record.pk)


def _void_or_restore(request: HttpRequest, record: FormRecord, action: str) -> HttpResponse:
    label = _label(record.kind)
    try:
        if action == "void":
            voiding.void_form(record, request.user, request.POST.get("reason", ""))
            messages.success(
                request,
                f"已作废：这张{label}不再计入列表和统计，项目的自评表也不再与它核对；"
                "仍可按编号查看，需要时可以恢复。",
            )
        else:
            voiding.restore_form(record, request.user)
            messages.success(request, f"已恢复：这张{label}重新计入列表和统计。")
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("documents:detail", kind=record.kind, pk=record.pk)


@login_required
def board(request: HttpRequest) -> HttpResponse:
    """监控预警看板: per department the count of 红 / 黄 / 绿 projects and each project."""
    year = request.GET.get("year", "").strip()
    rows = documents_for(request.user, Kind.MONITORING)
    years = sorted({y for y in rows.values_list("year", flat=True) if y}, reverse=True)
    chosen = int(year) if year.isdigit() else (years[0] if years else None)
    context = {
        "departments": monitoring_board(rows, chosen),
        "years": years,
        "year": chosen,
    }
    return render(request, "documents/board.html", context)
