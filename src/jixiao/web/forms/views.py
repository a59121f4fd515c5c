"""Pages for forms: the list, a form laid out like the paper form, editing, workflow, uploads.

Thin views: scope comes from `jixiao.web.scope`, every change from `jixiao.web.services`.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from itertools import islice
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, QuerySet
from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponse,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.utils.timezone import localtime
from django.views.decorators.http import require_POST

from jixiao.web.forms import editing
from jixiao.web.forms.layout import paper_form
from jixiao.web.forms.models import FormRecord, FormVersion
from jixiao.web.forms.scores_views import TYPED, reviewed_context
from jixiao.web.jobs.models import State
from jixiao.web.jobs.services import start_import, start_samples
from jixiao.web.orgs.models import Organisation
from jixiao.web.orgs.services import who
from jixiao.web.paging import one_page
from jixiao.web.scope import (
    can_fill,
    can_review,
    form_for,
    forms_for,
    is_admin,
    remembering_scope,
    units_for,
)
from jixiao.web.services import comments as comment_service
from jixiao.web.services import samples, tokens, workflow
from jixiao.web.services.exports import layouts
from jixiao.web.services.imports import original_path
from jixiao.web.services.stats import Remembered, departments_of, years_of
from jixiao.web.services.versions import _load as policy_by_name
from jixiao.web.services.versions import check_one, policy_names, save_version
from jixiao.web.upload_limit import refused_uploads
from jixiao.write.datasets import csv_chunks

SORTS = {
    "project": "project_name",
    "-project": "-project_name",
    "year": "year",
    "-year": "-year",
    "score": "total_score",
    "-score": "-total_score",
    "rate": "execution_rate",
    "-rate": "-execution_rate",
    "errors": "errors",
    "-errors": "-errors",
    "reviewed": F("reviewed_total").asc(nulls_last=True),
    "-reviewed": F("reviewed_total").desc(nulls_last=True),
}
EXPORT_COLUMNS = [
    ("年度", "year"),
    ("项目名称", "project_name"),
    ("主管部门", "department_name"),
    ("预算单位", "unit"),
    ("状态", "status"),
    ("全年预算数（万元）", "annual_budget"),
    ("全年执行数（万元）", "executed"),
    ("执行率（计算）", "execution_rate"),
    ("总分（填报）", "declared_total"),
    ("总分（计算）", "total_score"),
    ("等级", "grade"),
    ("错误", "errors"),
    ("警告", "warnings"),
    ("复核后总分", "reviewed_total"),
    ("复核等级", "reviewed_grade"),
    ("审核人", "reviewed_by"),
    ("审核时间", "reviewed_at"),
    ("已通过审核级数", "review_levels"),
    ("未处理意见", "open_comments"),
]


def filtered(request: HttpRequest) -> tuple[QuerySet[FormRecord], dict[str, str]]:
    """The user's forms narrowed by the list's filters (the same for the page and the export)."""
    get = {k: v.strip() for k, v in request.GET.items() if v.strip()}
    # 已作废: an administrator's look at the voided forms instead of the active ones
    records = forms_for(request.user, voided=get.get("voided") == "1" and is_admin(request.user))
    if "year" in get and get["year"].isdigit():
        records = records.filter(year=int(get["year"]))
    if "department" in get:
        records = records.filter(department_name=get["department"])
    if "unit" in get and get["unit"].isdigit():
        records = records.filter(unit_id=int(get["unit"]))
    if "org" in get and get["org"].isdigit():  # an organisation and all under it (部门评价页)
        org = Organisation.objects.filter(pk=int(get["org"])).first()
        records = records.filter(unit_id__in=org.subtree_ids() if org else [])
    if "file" in get and get["file"].isdigit():  # read from one uploaded file (任务页)
        versions = FormVersion.objects.filter(source_file_id=int(get["file"]))
        records = records.filter(pk__in=versions.values("record_id"))
    if "status" in get:
        records = records.filter(status=get["status"])
    if "grade" in get:
        records = records.filter(grade=get["grade"])
    if "code" in get:
        records = records.filter(finding_codes__contains=f",{get['code']},")
    if get.get("severity") == "error":
        records = records.filter(errors__gt=0)
    elif get.get("severity") == "warning":
        records = records.filter(warnings__gt=0)
    if "q" in get:
        records = records.filter(project_name__icontains=get["q"])
    try:  # a band of the computed total score, from the dashboard
        if "score_min" in get:
            records = records.filter(total_score__gte=Decimal(get["score_min"]))
        if "score_max" in get:
            records = records.filter(total_score__lt=Decimal(get["score_max"]))
    except ArithmeticError:
        pass
    records = records.order_by(SORTS.get(get.get("sort", ""), "-year"), "project_name", "pk")
    return records, get


LIST_FILTERS = (
    "year",
    "department",
    "org",
    "file",
    "unit",
    "status",
    "grade",
    "severity",
    "code",
    "q",
    "voided",
)


@login_required
@remembering_scope
def form_list(request: HttpRequest) -> HttpResponse:
    """One page of the user's forms, filtered and sorted by the database on the columns stored
    with each record: a handful of queries however many forms there are."""
    records, get = filtered(request)
    if get.get("export") == "csv":
        return _export_csv(records)
    voided = get.get("voided") == "1" and is_admin(request.user)
    mine = lambda: forms_for(request.user, voided=voided)  # noqa: E731 (only when not kept)
    remembered = Remembered(request.user)
    filters = "&".join(f"{k}={v}" for k, v in sorted(get.items()) if k not in ("sort", "page"))
    count = remembered.get(f"list-count:{filters}", records.order_by().count)
    context = {
        **one_page(request, records, count),
        # every filter present (empty when not chosen): the template's lookups find a key
        # at once instead of failing through attribute and index lookups, row after row
        "get": dict.fromkeys(LIST_FILTERS, "") | get,
        "filtered": bool(get),
        "years": remembered.get(f"list-years:{voided}", lambda: years_of(mine())),
        "departments": remembered.get(f"list-departments:{voided}", lambda: departments_of(mine())),
        # (value, label) of each unit for the filter: no model instance per option
        "unit_choices": [
            (str(pk), Organisation.label_of(name, code))
            for pk, name, code in units_for(request.user)
            .order_by("name")
            .values_list("pk", "name", "code")
        ],
        "statuses": FormRecord.Status.choices,
        "grades": ["优", "良", "中", "差"],
        "admin": is_admin(request.user),
    }
    return render(request, "web/form_list.html", context)


# the list's CSV columns read straight from the database (see `_export_csv`)
_CSV_FIELDS = (
    "year",
    "project_name",
    "department_name",
    "unit__name",
    "unit__code",
    "status",
    "annual_budget",
    "executed",
    "execution_rate",
    "declared_total",
    "total_score",
    "grade",
    "errors",
    "warnings",
    "reviewed_total",
    "reviewed_grade",
    "reviewed_by_id",
    "reviewed_at",
    "unit_id",
    "review_level",
    "open_comments",
)
_CSV_CHUNK = 2000


def _csv_rows(records: QuerySet[FormRecord]) -> Iterator[list[Any]]:
    """The list's CSV rows, read from the database a chunk at a time as they are written: no
    form object is built, memory stays flat however many forms are listed."""
    statuses = dict(FormRecord.Status.choices)
    rows = records.values_list(*_CSV_FIELDS).iterator(chunk_size=_CSV_CHUNK)
    while chunk := list(islice(rows, _CSV_CHUNK)):
        names = policy_names([(r[18], r[0]) for r in chunk])
        reviewers = get_user_model().objects.in_bulk({r[16] for r in chunk if r[16]})
        for r in chunk:
            (year, project, department, unit_name, unit_code, status, budget, executed, rate) = r[
                :9
            ]
            reviewer_id, reviewed_at, unit_id, level, open_comments = r[16:]
            # 已通过审核级数 as `reviewed_scores.form_reviews` counts it: every level when approved
            levels = len(policy_by_name(names[(unit_id, year)]).review.levels)
            passed = levels if status == FormRecord.Status.APPROVED else level
            reviewer = who(reviewers[reviewer_id]) if reviewer_id in reviewers else ""
            yield [
                year,
                project,
                department,
                f"{unit_name}（{unit_code}）",  # Organisation.label
                statuses.get(status, status),
                budget,
                executed,
                None if rate is None else f"{(rate * 100).quantize(Decimal('0.01'))}%",
                *r[9:16],
                reviewer,
                localtime(reviewed_at).strftime("%Y-%m-%d %H:%M") if reviewed_at else "",
                passed,
                open_comments,
            ]


def _export_csv(records: QuerySet[FormRecord]) -> StreamingHttpResponse:
    """The listed forms as CSV (BOM, formula guard: `write.datasets.csv_chunks`), streamed."""
    header = [title for title, _ in EXPORT_COLUMNS]
    response = StreamingHttpResponse(
        csv_chunks(header, _csv_rows(records)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="forms.csv"'
    return response


@login_required
def form_detail(request: HttpRequest, pk: int, number: int | None = None) -> HttpResponse:
    record = form_for(request.user, pk)
    versions = list(record.versions.select_related("author"))
    version = next((v for v in versions if v.number == number), None) if number else versions[0]
    if version is None:
        return render(request, "web/not_found.html", status=404)
    context = {
        "record": record,
        "version": version,
        "versions": versions,
        "latest": version.number == versions[0].number,
        # each return comment at its cell, and in the banner at the top (services/comments.py)
        "paper": paper_form(
            version.data, version.computed, version.findings, comment_service.at_cells(record)
        ),
        "comment_banner": comment_service.with_state(record),
        "comment_counts": comment_service.counts(record),
        "comments": record.comments.select_related("author", "version"),
        # a voided form is only looked at (and restored: see _status.html)
        "can_fill": record.voided_at is None and can_fill(request.user, record),
        "can_review": record.voided_at is None and can_review(request.user, record),
        "review": workflow.review_state(request.user, record),
        "layouts": layouts(),
        "reviewed": reviewed_context(
            request.user, record, version, request.session.pop(f"{TYPED}{record.pk}", None)
        ),
    }
    return render(request, "web/form_detail.html", context)


@login_required
@require_POST
def form_preview(request: HttpRequest, pk: int) -> JsonResponse:
    """What the edited form would compute and find, for the edit page as the user types."""
    record = form_for(request.user, pk)
    try:
        form = editing.form_from_post(request.POST, record.latest.data)
    except (ValueError, ValidationError) as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    data = check_one(form, record.unit_id).to_json_dict()
    return JsonResponse({"computed": data["computed"], "findings": data["findings"]})


@login_required
def form_new(request: HttpRequest) -> HttpResponse:
    units = units_for(request.user)
    if request.method == "POST":
        unit = units.filter(pk=request.POST.get("unit")).first()
        if unit is None:
            raise PermissionDenied("请选择您所在的预算单位。")
        source = request.POST.get("from", "")
        if source.isdigit():
            last = form_for(request.user, int(source))
            form = editing.next_years_form(last.latest.data)
            note = f"由上年自评表“{last}”复制"
        else:
            year = request.POST.get("year", "")
            form = editing.blank_form(
                unit.name,
                unit.parent.name if unit.parent else "",
                int(year) if year.isdigit() else None,
            )
            note = "新建"
        try:
            with transaction.atomic():  # no record without a version
                record = FormRecord.objects.create(
                    unit=unit, project_name=form.project_name.text or "（新建自评表）"
                )
                save_version(record, form, request.user, note=note)
        except ValidationError as exc:  # that year's form of the project exists already
            messages.error(request, "；".join(exc.messages))
            return redirect("forms:new")
        return redirect("forms:edit", pk=record.pk)
    context = {
        "units": units,
        "previous": forms_for(request.user).order_by("-year", "project_name")[:200],
    }
    return render(request, "web/form_new.html", context)


@login_required
@require_POST
def form_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    record = form_for(request.user, pk)
    if record.voided_at is not None:
        messages.error(request, "这张自评表已作废，不能提交、退回或审核；如需办理请先恢复。")
        return redirect("forms:detail", pk=record.pk)
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
    return redirect("forms:detail", pk=record.pk)


@login_required
def form_original(request: HttpRequest, pk: int) -> FileResponse:
    record = form_for(request.user, pk)
    if record.source_file is None:
        raise PermissionDenied("这张自评表是在线填写的，没有原始文件。")
    stored = record.source_file
    path = original_path(stored.sha256)
    return FileResponse(path.open("rb"), as_attachment=True, filename=stored.name)


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    """Keep the files and queue their reading; the job's page shows progress and results."""
    units = units_for(request.user)
    if request.method == "POST":
        files = request.FILES.getlist("files")
        choice = request.POST.get("unit", "")
        unit: Organisation | None = units.filter(pk=choice).first() if choice.isdigit() else None
        place = samples.place if choice == "auto" and is_admin(request.user) else None
        if unit is None and place is None:
            unit = units.first() if units.count() == 1 else None
        refused = refused_uploads(request)
        if unit is None and place is None:
            messages.error(request, "请选择这些文件所属的预算单位。")
        elif not files:
            for _, why in refused:
                messages.error(request, why)
            if not refused:
                messages.error(request, "请选择要上传的文件。")
        else:
            uploads = [(f.name or "上传文件", b"".join(f.chunks())) for f in files]
            job = start_import(request.user, uploads, unit, place is not None, refused=refused)
            return redirect("jobs:detail", pk=job.pk)
    context = {"units": units, "admin": is_admin(request.user)}
    return render(request, "web/upload.html", context)


@login_required
@require_POST
def import_samples(request: HttpRequest) -> HttpResponse:
    if not is_admin(request.user):
        raise PermissionDenied("只有管理员可以导入样例。")
    try:
        job = start_samples(request.user)
    except ValidationError as exc:  # a sample code the bureau's own organisation already holds
        messages.error(request, "；".join(exc.messages))
        return redirect("forms:list")
    if job.state == State.DONE:  # a queue that runs at once: the forms are there already
        messages.success(request, job.message)
        return redirect("forms:list")
    return redirect("jobs:detail", pk=job.pk)  # its progress, then what it read


@login_required
def api_token(request: HttpRequest) -> HttpResponse:
    """Make an API token (shown on this page once and never again); the person's tokens with
    when each was made, last used and expires; revoke one."""
    token = ""
    if request.method == "POST":
        if request.POST.get("revoke", "").isdigit():
            revoked = tokens.revoke_token(request.user, int(request.POST["revoke"]))
            messages.success(
                request, f"已撤销令牌“{revoked.name or revoked.pk}”，它不能再调用 API。"
            )
            return redirect("api_token")
        token = tokens.create_token(request.user, request.POST.get("name", ""))
    listed = [(t, tokens.state(t)) for t in tokens.tokens_of(request.user)]
    context = {"token": token, "tokens": listed, "days": settings.JIXIAO_API_TOKEN_DAYS}
    return render(request, "web/api_token.html", context)
