"""The JSON API of the cycle's other documents and of 整改 (mounted on the main API at /api).

The same conventions as /api/forms: the same field names (id, year, project_name, department,
unit, status, errors, warnings), filters as query parameters, at most 1000 rows a call (``offset``
and ``limit`` page through more), an id out of the user's scope a 404 with the same words as a
missing one, every change through the same service as the pages.

- ``GET /api/targets``, ``GET /api/targets/{id}``: 绩效目标申报表;
- ``GET /api/monitoring``, ``GET /api/monitoring/{id}``: 绩效运行监控表 (with the light);
- ``POST /api/targets|monitoring/{id}/void`` (with a reason) and ``.../restore``: as for forms;
- ``GET /api/rectification``, ``GET /api/rectification/{id}``: 整改事项, with filters as on the
  list page; ``POST /api/rectification/from-form/{form_id}`` and
  ``.../from-document/{kind}/{id}``: findings → items; ``GET .../panel-problems/{panel_id}`` and
  ``POST .../from-panel/{panel_id}``: an expert report's problems → items;
  ``POST /api/rectification/{id}/evidence`` (files); ``POST /api/rectification/{id}/{action}``
  (start / done / confirm / reopen);
- ``GET /api/cycle/datasets/{table}?format=csv|xlsx``: the datasets (docs/datasets_cycle.md).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from ninja import File, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile

from jixiao.web.api_voiding import VoidRequest, VoidState, void_or_restore
from jixiao.web.forms.models import FormRecord
from jixiao.web.orgs.models import Organisation
from jixiao.web.rectification import datasets, services
from jixiao.web.rectification.models import RectificationItem
from jixiao.web.rounds.status import today
from jixiao.web.scope import document_for, documents_for, form_for

router = Router(tags=["目标、监控与整改"])
MAX_ROWS = 1000
Kind = FormRecord.Kind


class DocumentSummary(Schema):
    id: int
    kind: str  # targets / monitoring
    year: int | None
    project_name: str
    department: str
    unit: str
    status: str
    errors: int
    warnings: int
    project: int | None  # the project (jixiao.web.projects) the document belongs to
    light: str = ""  # 监控表: red / yellow / green
    execution_rate: str | None = None  # 监控表: the rate worked out, a fraction as text ("0.3")


class DocumentDetail(Schema):
    id: int
    kind: str
    status: str
    version: int
    document: dict[str, Any]  # the declared document + findings, as stored with its version


class ItemOut(Schema):
    id: int
    unit: str
    unit_id: int
    year: int | None
    source: str  # finding / monitoring / panel / department / other
    source_label: str
    title: str
    requirement: str
    due: datetime.date | None
    status: str  # pending / in_progress / done / confirmed
    status_label: str
    days_late: int  # past the due date and still 待整改 / 整改中; 0 otherwise
    record: int | None  # the form / 申报表 / 监控表 a finding came from
    finding_code: str
    finding_path: str
    panel: int | None
    project: int | None
    done_note: str
    done_at: datetime.datetime | None
    confirmed_at: datetime.datetime | None
    evidence: list[str]  # file names


class FromFindings(Schema):
    findings: list[str]  # "CODE@path", as the findings of the record's latest version
    due: datetime.date
    requirement: str = ""


class ItemAction(Schema):
    note: str = ""  # done: 整改情况
    comment: str = ""  # confirm
    reason: str = ""  # reopen


def _page(offset: int, limit: int) -> slice:
    if offset < 0 or limit < 1:
        raise HttpError(422, "offset 不能为负数，limit 至少为 1。")
    return slice(offset, offset + min(limit, MAX_ROWS))


def _document_summary(r: FormRecord) -> DocumentSummary:
    return DocumentSummary(
        id=r.pk,
        kind=r.kind,
        year=r.year,
        project_name=r.project_name,
        department=r.department_name,
        unit=r.unit.name,
        status=r.status,
        errors=r.errors,
        warnings=r.warnings,
        project=r.project_id,
        light=r.light,
        execution_rate=str(r.execution_rate) if r.execution_rate is not None else None,
    )


def _documents(
    request: HttpRequest,
    kind: str,
    year: int | None,
    status: str | None,
    q: str | None,
    offset: int,
    limit: int,
    light: str | None = None,
) -> list[DocumentSummary]:
    records = documents_for(request.user, kind)
    if year:
        records = records.filter(year=year)
    if status:
        records = records.filter(status=status)
    if q:
        records = records.filter(project_name__icontains=q)
    if light:
        records = records.filter(light=light)
    rows = records.order_by("-year", "project_name", "pk")[_page(offset, limit)]
    return [_document_summary(r) for r in rows]


def _record(request: HttpRequest, pk: int, kind: str) -> FormRecord:
    try:
        return document_for(request.user, pk, kind)
    except Http404 as exc:
        raise HttpError(404, f"没有这张{Kind(kind).label}，或您无权查看。") from exc


def _document(request: HttpRequest, pk: int, kind: str) -> DocumentDetail:
    record = _record(request, pk, kind)
    version = record.latest
    if version is None:
        raise HttpError(404, f"这张{Kind(kind).label}还没有内容。")
    return DocumentDetail(
        id=record.pk,
        kind=record.kind,
        status=record.status,
        version=version.number,
        document={**version.data, "computed": version.computed, "findings": version.findings},
    )


@router.get("/targets", response=list[DocumentSummary], summary="绩效目标申报表列表")
def list_targets(
    request: HttpRequest,
    year: int | None = None,
    status: str | None = None,
    q: str | None = None,
    offset: int = 0,
    limit: int = MAX_ROWS,
) -> list[DocumentSummary]:
    return _documents(request, Kind.TARGETS, year, status, q, offset, limit)


@router.get("/targets/{record_id}", response=DocumentDetail, summary="一张绩效目标申报表")
def get_targets(request: HttpRequest, record_id: int) -> DocumentDetail:
    return _document(request, record_id, Kind.TARGETS)


@router.get(
    "/monitoring",
    response=list[DocumentSummary],
    summary="绩效运行监控表列表（light=red|yellow|green）",
)
def list_monitoring(
    request: HttpRequest,
    year: int | None = None,
    status: str | None = None,
    q: str | None = None,
    light: str | None = None,
    offset: int = 0,
    limit: int = MAX_ROWS,
) -> list[DocumentSummary]:
    return _documents(request, Kind.MONITORING, year, status, q, offset, limit, light)


@router.get("/monitoring/{record_id}", response=DocumentDetail, summary="一张绩效运行监控表")
def get_monitoring(request: HttpRequest, record_id: int) -> DocumentDetail:
    return _document(request, record_id, Kind.MONITORING)


def _void(request: HttpRequest, kind: str, pk: int, reason: str | None) -> VoidState:
    return void_or_restore(_record(request, pk, kind), request.user, reason)


@router.post("/targets/{record_id}/void", response=VoidState, summary="作废申报表（须写明原因）")
def void_targets(request: HttpRequest, record_id: int, payload: VoidRequest) -> VoidState:
    return _void(request, Kind.TARGETS, record_id, payload.reason)


@router.post("/targets/{record_id}/restore", response=VoidState, summary="恢复已作废的申报表")
def restore_targets(request: HttpRequest, record_id: int) -> VoidState:
    return _void(request, Kind.TARGETS, record_id, None)


@router.post("/monitoring/{record_id}/void", response=VoidState, summary="作废监控表（须写明原因）")
def void_monitoring(request: HttpRequest, record_id: int, payload: VoidRequest) -> VoidState:
    return _void(request, Kind.MONITORING, record_id, payload.reason)


@router.post("/monitoring/{record_id}/restore", response=VoidState, summary="恢复已作废的监控表")
def restore_monitoring(request: HttpRequest, record_id: int) -> VoidState:
    return _void(request, Kind.MONITORING, record_id, None)


def _kind(kind: str) -> str:
    if kind not in (Kind.TARGETS, Kind.MONITORING):
        raise HttpError(404, f"没有这种表：{kind}（可选 targets、monitoring）")
    return kind


# ---------------------------------------------------------------- 整改


def item_out(item: RectificationItem) -> ItemOut:
    return ItemOut(
        id=item.pk,
        unit=item.unit.name,
        unit_id=item.unit_id,
        year=item.year,
        source=item.source,
        source_label=item.get_source_display(),
        title=item.title,
        requirement=item.requirement,
        due=item.due,
        status=item.status,
        status_label=item.get_status_display(),
        days_late=services.days_late(item, today()),
        record=item.record_id,
        finding_code=item.finding_code,
        finding_path=item.finding_path,
        panel=item.panel_id,
        project=item.project_id,
        done_note=item.done_note,
        done_at=item.done_at,
        confirmed_at=item.confirmed_at,
        evidence=[e.file.name for e in item.evidence.all()],  # prefetched by the list
    )


def _item(request: HttpRequest, pk: int) -> RectificationItem:
    try:
        return services.item_for(request.user, pk)
    except Http404 as exc:
        raise HttpError(404, services.REFUSAL) from exc


@router.get("/rectification", response=list[ItemOut], summary="整改事项列表")
def list_items(
    request: HttpRequest,
    status: str | None = None,
    unit: int | None = None,
    year: int | None = None,
    source: str | None = None,
    overdue: bool = False,
    offset: int = 0,
    limit: int = MAX_ROWS,
) -> list[ItemOut]:
    """unit: a unit's or a department's id (a department takes its units' items too)."""
    items = services.items_for(request.user).prefetch_related("evidence__file")
    if status:
        items = items.filter(status=status)
    if source:
        items = items.filter(source=source)
    if year:
        items = items.filter(year=year)
    if unit:
        chosen = Organisation.objects.filter(pk=unit).first()
        ids = chosen.subtree_ids() if chosen is not None else set()
        items = items.filter(unit_id__in=ids)
    if overdue:
        items = items.filter(services.overdue_q(today()))
    return [item_out(i) for i in items.order_by("due", "pk")[_page(offset, limit)]]


@router.post(
    "/rectification/from-form/{form_id}",
    response=list[ItemOut],
    summary="把一张自评表的审核发现转为整改事项（审核人或管理员）",
)
def items_from_form(request: HttpRequest, form_id: int, payload: FromFindings) -> list[ItemOut]:
    try:
        record = form_for(request.user, form_id)
    except Http404 as exc:
        raise HttpError(404, "没有这张自评表，或您无权查看。") from exc
    try:
        made = services.from_findings(
            record,
            payload.findings,
            due=payload.due,
            requirement=payload.requirement,
            user=request.user,
        )
    except PermissionDenied as exc:
        raise HttpError(403, str(exc)) from exc
    except ValidationError as exc:
        raise HttpError(422, "；".join(exc.messages)) from exc
    return [item_out(i) for i in made]


class FromProblems(Schema):
    problems: list[int]  # positions (from 0) in the list GET .../problems gives
    due: datetime.date
    requirement: str = ""  # empty: each problem's measure from the report


class ProblemOut(Schema):
    index: int
    group: str
    title: str
    detail: str
    requirement: str  # the report's measure that fits it best


def _made(make: Any) -> list[ItemOut]:
    try:
        return [item_out(i) for i in make()]
    except PermissionDenied as exc:
        raise HttpError(403, str(exc)) from exc
    except ValidationError as exc:
        raise HttpError(422, "；".join(exc.messages)) from exc


@router.post(
    "/rectification/from-document/{kind}/{record_id}",
    response=list[ItemOut],
    summary="把一张申报表（targets）或监控表（monitoring）的审核发现转为整改事项",
)
def items_from_document(
    request: HttpRequest, kind: str, record_id: int, payload: FromFindings
) -> list[ItemOut]:
    record = _record(request, record_id, _kind(kind))
    return _made(
        lambda: services.from_findings(
            record,
            payload.findings,
            due=payload.due,
            requirement=payload.requirement,
            user=request.user,
        )
    )


def _panel(request: HttpRequest, panel_id: int) -> Any:
    from jixiao.web.panels.services import panel_for

    try:
        return panel_for(request.user, panel_id)
    except Http404 as exc:
        raise HttpError(404, "没有这个专家评价，或您无权查看。") from exc


@router.get(
    "/rectification/panel-problems/{panel_id}",
    response=list[ProblemOut],
    summary="专家评价报告“存在的问题”及对应的建议",
)
def panel_problems(request: HttpRequest, panel_id: int) -> list[ProblemOut]:
    problems = services.panel_problems(_panel(request, panel_id))
    return [
        ProblemOut(
            index=n, group=p.group, title=p.title, detail=p.detail, requirement=p.requirement
        )
        for n, p in enumerate(problems)
    ]


@router.post(
    "/rectification/from-panel/{panel_id}",
    response=list[ItemOut],
    summary="把专家评价报告中的问题转为整改事项（审核人或管理员）",
)
def items_from_panel(request: HttpRequest, panel_id: int, payload: FromProblems) -> list[ItemOut]:
    panel = _panel(request, panel_id)
    problems = services.panel_problems(panel)
    if any(n < 0 or n >= len(problems) for n in payload.problems):
        raise HttpError(422, f"问题的序号应在 0 到 {len(problems) - 1} 之间。")
    chosen = [problems[n] for n in dict.fromkeys(payload.problems)]
    return _made(
        lambda: services.from_panel(
            panel, chosen, due=payload.due, requirement=payload.requirement, user=request.user
        )
    )


@router.get("/rectification/{item_id}", response=ItemOut, summary="一项整改事项")
def get_item(request: HttpRequest, item_id: int) -> ItemOut:
    return item_out(_item(request, item_id))


@router.post(
    "/rectification/{item_id}/evidence", response=ItemOut, summary="上传整改佐证材料（可多个）"
)
def post_evidence(
    request: HttpRequest, item_id: int, files: File[list[UploadedFile]], note: str = ""
) -> ItemOut:
    item = _item(request, item_id)
    uploads = [services.Upload(f.name or "佐证材料", b"".join(f.chunks())) for f in files]
    try:
        services.add_evidence(item, uploads, request.user, note)
    except PermissionDenied as exc:
        raise HttpError(403, str(exc)) from exc
    except ValidationError as exc:
        raise HttpError(409, "；".join(exc.messages)) from exc
    return item_out(item)


@router.post(
    "/rectification/{item_id}/{action}",
    response=ItemOut,
    summary="开始整改 start / 报告完成 done（须写 note，须已有佐证材料）/ 确认 confirm / 重新打开 reopen（须写 reason）",
)
def item_action(request: HttpRequest, item_id: int, action: str, payload: ItemAction) -> ItemOut:
    item = _item(request, item_id)
    try:
        if action == "start":
            services.start(item, request.user)
        elif action == "done":
            services.report_done(item, payload.note, [], request.user)
        elif action == "confirm":
            services.confirm(item, request.user, payload.comment)
        elif action == "reopen":
            services.reopen(item, request.user, payload.reason)
        else:
            raise HttpError(404, f"未知操作：{action}")
    except PermissionDenied as exc:
        raise HttpError(403, str(exc)) from exc
    except ValidationError as exc:
        raise HttpError(409, "；".join(exc.messages)) from exc
    item.refresh_from_db()
    return item_out(item)


@router.get(
    "/cycle/datasets/{table}",
    summary="数据集：targets / target_indicators / monitoring / monitoring_indicators / rectification，format=csv|xlsx",
)
def dataset(
    request: HttpRequest, table: str, format: str = "csv", year: int | None = None
) -> HttpResponse:
    try:
        found = datasets.download(request.user, table, format, year=year)
    except datasets.DatasetError as exc:
        raise HttpError(400, str(exc)) from exc
    response = HttpResponse(found.data, content_type=found.content_type)
    response["Content-Disposition"] = content_disposition_header(True, found.name)
    return response
