"""The JSON API (django-ninja; OpenAPI at /api/docs), with bearer-token authentication.

The same scope and the same services as the pages: an id outside the user's scope is a 404,
every change goes through `jixiao.web.services`.
"""

from __future__ import annotations

from types import UnionType
from typing import Any, Union, get_args, get_origin

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Body, File, Form, NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError, HttpError
from ninja.files import UploadedFile
from ninja.security import HttpBearer
from pydantic import BaseModel

from jixiao.model.form import DERIVED_KEYS
from jixiao.model.form import Form as DeclaredForm
from jixiao.web.api_docs import LocalSwagger
from jixiao.web.api_voiding import VoidRequest, VoidState, void_or_restore
from jixiao.web.forms.comment_api import CommentChange, CommentOut, change, comments_of
from jixiao.web.forms.models import FormRecord
from jixiao.web.jobs.api import JobResult, job_result
from jixiao.web.jobs.services import start_import
from jixiao.web.scope import can_fill, form_for, forms_for, units_for
from jixiao.web.services import workflow
from jixiao.web.services.reviewed_scores import outcome, set_reviewed_scores, stored
from jixiao.web.services.tokens import TokenRefused, user_for_token
from jixiao.web.services.versions import StaleVersion, save_version
from jixiao.web.upload_limit import refused_uploads


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        try:
            user = user_for_token(token)
        except TokenRefused as exc:  # expired or revoked: 401 saying which
            raise HttpError(401, str(exc)) from exc
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="jixiao API",
    version="1",
    description="项目支出绩效自评表：上传、列表、详情（与 `jixiao check --json` 相同的 JSON）、修改、提交、退回、审核、作废与恢复；机构、人员（不输出密码）、自评任务与进度；部门评价、专家评价、决算说明、导出；绩效目标申报表、运行监控表、整改事项及其数据集。"
    "在请求头中携带 `Authorization: Bearer <令牌>`。",
    auth=TokenAuth(),
    urls_namespace="api",
    docs=LocalSwagger(),  # Swagger UI from the pinned front-end packages, never from a CDN
)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request,
        {"detail": "未提供有效的 API 令牌：请求头须带 Authorization: Bearer <令牌>。"},
        status=401,
    )


class FormSummary(Schema):
    id: int
    year: int | None
    project_name: str
    department: str
    unit: str
    status: str
    total_score: float | None
    grade: str
    errors: int
    warnings: int
    reviewed_total: float | None = None  # 复核后总分, when a reviewer gave scores
    reviewed_grade: str = ""


class FormDetail(Schema):
    id: int
    status: str
    status_label: str = ""  # with the review level a submitted form waits for
    review_level: int = 0  # the review levels passed while submitted
    version: int
    form: dict[str, Any]  # declared form + computed + findings, as `jixiao check --json`


class Comments(Schema):
    comment: str = ""
    on_findings: dict[str, str] = {}  # return: comments by path (a finding's or a cell's)
    reason: str = ""  # approve with errors, reopen


class BatchRequest(Schema):
    ids: list[int]
    action: str  # approve / return
    comment: str = ""
    reason: str = ""


class BatchSkipped(Schema):
    id: int
    reason: str


class BatchResponse(Schema):
    done: list[int]
    skipped: list[BatchSkipped]


def _summary(r: FormRecord) -> FormSummary:
    return FormSummary(
        id=r.pk,
        year=r.year,
        project_name=r.project_name,
        department=r.department_name,
        unit=r.unit.name,
        status=r.status,
        total_score=float(r.total_score) if r.total_score is not None else None,
        grade=r.grade,
        errors=r.errors,
        warnings=r.warnings,
        reviewed_total=float(r.reviewed_total) if r.reviewed_total is not None else None,
        reviewed_grade=r.reviewed_grade,
    )


def _detail(record: FormRecord) -> FormDetail:
    version = record.latest
    return FormDetail(
        id=record.pk,
        status=record.status,
        status_label=workflow.status_label(record),
        review_level=record.review_level,
        version=version.number,
        form={**version.data, "computed": version.computed, "findings": version.findings},
    )


def _record(request: HttpRequest, form_id: int) -> FormRecord:
    try:
        return form_for(request.user, form_id)
    except Http404 as exc:
        raise HttpError(404, "没有这张自评表，或您无权查看。") from exc


API_PAGE, API_PAGE_MAX = 100, 1000  # forms per answer of the list: by default, at most


@api.get(
    "/forms",
    response=list[FormSummary],
    summary="自评表列表（分页：limit 每页张数，默认 100、最多 1000；offset 跳过的张数）",
)
def list_forms(
    request: HttpRequest,
    year: int | None = None,
    status: str | None = None,
    grade: str | None = None,
    code: str | None = None,
    q: str | None = None,
    sort: str | None = None,
    limit: int = API_PAGE,
    offset: int = 0,
) -> list[FormSummary]:
    """One page of the caller's forms, filtered and sorted by the database (the list page's
    sorts: project, year, score, rate, errors, reviewed, each with "-" for descending)."""
    from jixiao.web.forms.views import SORTS

    if not 1 <= limit <= API_PAGE_MAX or offset < 0:
        raise HttpError(422, f"limit 须在 1 到 {API_PAGE_MAX} 之间，offset 不能为负数。")
    records = forms_for(request.user)
    if year:
        records = records.filter(year=year)
    if status:
        records = records.filter(status=status)
    if grade:
        records = records.filter(grade=grade)
    if code:
        records = records.filter(finding_codes__contains=f",{code},")
    if q:
        records = records.filter(project_name__icontains=q)
    records = records.order_by(SORTS.get(sort or "", "-year"), "project_name", "pk")
    return [_summary(r) for r in records[offset : offset + limit]]


# before /forms/{form_id}, which would take "batch" for an id
@api.post(
    "/forms/batch",
    response=BatchResponse,
    summary="批量审核：通过 approve（有错误的表须写 reason，否则跳过）/ 退回 return（须写 comment）",
)
def batch(request: HttpRequest, payload: BatchRequest) -> BatchResponse:
    wanted = set(payload.ids)
    if not wanted:
        raise HttpError(422, "请给出要审核的自评表编号（ids）。")
    records = list(forms_for(request.user).filter(pk__in=wanted).order_by("pk"))
    if len(records) != len(wanted):
        raise HttpError(404, "没有这张自评表，或您无权查看。")
    try:
        result = workflow.batch(
            records, request.user, payload.action, payload.comment, payload.reason
        )
    except ValidationError as exc:
        raise HttpError(422, "；".join(exc.messages)) from exc
    return BatchResponse(
        done=[r.pk for r in result.done],
        skipped=[BatchSkipped(id=r.pk, reason=why) for r, why in result.skipped],
    )


@api.get("/forms/{form_id}", response=FormDetail, summary="一张自评表（填报值、计算值、审核发现）")
def get_form(request: HttpRequest, form_id: int) -> FormDetail:
    return _detail(_record(request, form_id))


class Stale(Schema):
    detail: str
    latest: int  # the latest version's number: GET it, merge, PUT again with based_on=latest
    based_on: int


# the form's provenance, kept by the server: which file, sheet and cell it came from, and which
# template it was read as (that chooses its scoring policy); a client sends it back unchanged or
# not at all
SERVER_OWNED = frozenset({"source", "layout", "locations"})
DERIVED = frozenset(DERIVED_KEYS - SERVER_OWNED)  # computed, findings: worked out on every save
CLIENT_FIELDS = frozenset(DeclaredForm.model_fields) - SERVER_OWNED
# a PUT carries every field (the regional templates' own ones may be left out while empty)
REQUIRED = CLIENT_FIELDS - DeclaredForm._SPARSE
WORKFLOW_FIELDS = frozenset({"status", "review_level", "status_label"})


def _checked_fields(payload: dict[str, Any], stored: dict[str, Any]) -> dict[str, Any]:
    """The declared fields of a PUT or PATCH body; 422 for a field the form does not have
    (status goes through the workflow) and for provenance that differs from the stored one."""
    fields = {k: v for k, v in payload.items() if k != "based_on" and k not in DERIVED}
    if workflow_fields := sorted(WORKFLOW_FIELDS & set(fields)):
        raise HttpError(
            422,
            f"不能通过修改自评表内容改变{'、'.join(workflow_fields)}：提交、退回、审核通过请用 "
            "POST /api/forms/{id}/submit、/return、/approve。",
        )
    unknown = sorted(set(fields) - CLIENT_FIELDS - SERVER_OWNED)
    for name in sorted(CLIENT_FIELDS & set(fields)):
        unknown += _unknown_inside(fields[name], DeclaredForm.model_fields[name].annotation, name)
    if unknown:
        raise HttpError(422, f"自评表没有这些字段：{'、'.join(unknown)}。")
    if changed := sorted(k for k in SERVER_OWNED & set(fields) if fields[k] != stored.get(k)):
        raise HttpError(
            422,
            f"{'、'.join(changed)} 记录自评表的来源（文件、单元格、版式），由系统保存，不能修改；"
            "请原样提交或不提交。",
        )
    return {k: v for k, v in fields.items() if k not in SERVER_OWNED}


def _unknown_inside(value: Any, annotation: Any, path: str) -> list[str]:
    """The dotted paths of keys inside ``value`` that its type does not have (funds.total.exeucted
    would otherwise be dropped without a word)."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin in (UnionType, Union):
        return next(
            (
                found
                for arg in args
                if isinstance(arg, type) and issubclass(arg, BaseModel)
                for found in [_unknown_inside(value, arg, path)]
            ),
            [],
        )
    if origin is list and isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _unknown_inside(v, args[0], f"{path}.{i}")]
    if origin is dict and isinstance(value, dict):
        return [p for k, v in value.items() for p in _unknown_inside(v, args[1], f"{path}.{k}")]
    if (
        isinstance(annotation, type)
        and issubclass(annotation, BaseModel)
        and isinstance(value, dict)
    ):
        known = annotation.model_fields
        found = [f"{path}.{key}" for key in value if key not in known]
        for key, inner in value.items():
            if key in known:
                found += _unknown_inside(inner, known[key].annotation, f"{path}.{key}")
        return found
    return []


def _merge(stored: Any, patch: Any) -> Any:
    """JSON Merge Patch (RFC 7386): objects merge key by key, null removes, the rest replaces."""
    if not isinstance(patch, dict):
        return patch
    merged = dict(stored) if isinstance(stored, dict) else {}
    for key, value in patch.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = _merge(merged.get(key), value)
    return merged


def _save_from_api(
    request: HttpRequest, record: FormRecord, declared: dict[str, Any], based_on: Any
) -> FormDetail | Status:
    if based_on is not None and (isinstance(based_on, bool) or not isinstance(based_on, int)):
        raise HttpError(422, "based_on 应为版本号（整数），即 GET 返回的 version。")
    stored = record.latest.data
    data = {**declared, **{k: stored[k] for k in SERVER_OWNED if k in stored}}
    try:
        form = DeclaredForm.from_json_dict(data)
    except ValueError as exc:
        raise HttpError(422, f"自评表数据有误：{exc}") from exc
    try:
        save_version(record, form, request.user, note="通过 API 修改", based_on=based_on)
    except StaleVersion as exc:
        return Status(409, Stale(detail=str(exc), latest=exc.latest, based_on=exc.based_on))
    except ValidationError as exc:  # renamed to another active form's project, or voided
        raise HttpError(409, "；".join(exc.messages)) from exc
    return _detail(record)


def _editable(request: HttpRequest, form_id: int) -> FormRecord:
    record = _record(request, form_id)
    if not can_fill(request.user, record) or record.status in ("submitted", "approved"):
        raise HttpError(403, "这张自评表现在不能修改。")
    return record


@api.put(
    "/forms/{form_id}",
    response={200: FormDetail, 409: Stale},
    summary="修改：以完整的自评表保存为新版本",
    description="请求体是完整的自评表 JSON（同 GET 返回的 form）：缺少字段或有自评表没有的字段时"
    "返回 422；`source`、`layout`、`locations`（来源）由系统保存，只能原样提交或不提交；"
    "`computed`、`findings` 每次保存时重新计算，提交了也不采用；状态不能用 PUT 改变（用 "
    "POST /forms/{id}/submit 等）。可加 `based_on`：修改所基于的版本号（GET 返回的 version）。"
    "若其间已有他人保存了更新的版本，不保存，返回 409 和最新版本号，请取回最新版本合并后再提交。"
    "只改几个字段请用 PATCH。",
)
def edit_form(
    request: HttpRequest, form_id: int, payload: Body[dict[str, Any]]
) -> FormDetail | Status:
    record = _editable(request, form_id)
    fields = _checked_fields(payload, record.latest.data)
    if missing := sorted(REQUIRED - set(fields)):
        raise HttpError(
            422, f"PUT 须提交完整的自评表，缺少：{'、'.join(missing)}；只改部分字段请用 PATCH。"
        )
    return _save_from_api(request, record, fields, payload.get("based_on"))


@api.patch(
    "/forms/{form_id}",
    response={200: FormDetail, 409: Stale},
    summary="修改部分字段：只改提交的字段，保存为新版本",
    description="请求体只写要改的字段（JSON Merge Patch，RFC 7386）：对象逐键合并，null 清空该项，"
    '列表（如 indicators）整体替换。例如 `{"manager": "张三", "funds": {"total": '
    '{"executed": "95"}}}`。来源字段与状态不能修改（同 PUT）；可加 `based_on`。',
)
def patch_form(
    request: HttpRequest, form_id: int, payload: Body[dict[str, Any]]
) -> FormDetail | Status:
    record = _editable(request, form_id)
    stored = record.latest.data
    fields = _checked_fields(payload, stored)
    if not fields:
        raise HttpError(422, "请求体中没有要修改的字段。")
    declared = {k: v for k, v in stored.items() if k not in DERIVED_KEYS}
    return _save_from_api(request, record, _merge(declared, fields), payload.get("based_on"))


@api.post("/forms/{form_id}/void", response=VoidState, summary="作废（须写明原因）")
def void_form(request: HttpRequest, form_id: int, payload: VoidRequest) -> VoidState:
    return void_or_restore(_record(request, form_id), request.user, payload.reason)


@api.post("/forms/{form_id}/restore", response=VoidState, summary="恢复已作废的自评表")
def restore_form(request: HttpRequest, form_id: int) -> VoidState:
    return void_or_restore(_record(request, form_id), request.user)


# return comments (before the catch-all action route): list them, mark fixed / confirm / reopen
@api.get("/forms/{form_id}/comments", response=list[CommentOut], summary="审核意见（含处理状态）")
def list_comments(request: HttpRequest, form_id: int) -> list[CommentOut]:
    return comments_of(_record(request, form_id))


@api.post(
    "/forms/{form_id}/comments/{comment_id}/{action}",
    response=CommentOut,
    summary="审核意见：已修改 fixed（须写 note）/ 确认 confirm / 重新打开 reopen（可写 text）",
)
def comment_action(
    request: HttpRequest, form_id: int, comment_id: int, action: str, payload: CommentChange
) -> CommentOut:
    return change(_record(request, form_id), request.user, comment_id, action, payload)


class ReviewedItemOut(Schema):
    path: str  # "funds" or "indicators[i]" (i from 0)
    name: str
    weight: float | None
    declared: str  # 填报得分 as written
    computed: float | None
    reviewed: float | None
    note: str


class ReviewedScoresOut(Schema):
    id: int
    reviewed_total: float | None  # None until a reviewer gives a score
    reviewed_grade: str
    explanation: str
    items: list[ReviewedItemOut]


class ReviewedScoresIn(Schema):
    scores: dict[str, str] = {}  # path → 复核分 (empty text removes it)
    notes: dict[str, str] = {}  # path → 说明


def _reviewed(record: FormRecord) -> ReviewedScoresOut:
    result, notes = outcome(record), stored(record)
    record.refresh_from_db()
    number = lambda v: float(v) if v is not None else None  # noqa: E731
    return ReviewedScoresOut(
        id=record.pk,
        reviewed_total=number(record.reviewed_total),
        reviewed_grade=record.reviewed_grade,
        explanation=result.explanation,
        items=[
            ReviewedItemOut(
                path=i.path,
                name=i.name,
                weight=number(i.weight),
                declared=i.declared_text,
                computed=number(i.computed),
                reviewed=number(i.reviewed),
                note=notes[i.path].note if i.path in notes else "",
            )
            for i in result.items
        ],
    )


@api.get(
    "/forms/{form_id}/reviewed-scores", response=ReviewedScoresOut, summary="复核分与复核后总分"
)
def get_reviewed_scores(request: HttpRequest, form_id: int) -> ReviewedScoresOut:
    return _reviewed(_record(request, form_id))


@api.post(
    "/forms/{form_id}/reviewed-scores",
    response=ReviewedScoresOut,
    summary="复核评分（审核人或管理员，已提交或已审核的表；分值以内，空文字删除）",
)
def post_reviewed_scores(
    request: HttpRequest, form_id: int, payload: ReviewedScoresIn
) -> ReviewedScoresOut:
    record = _record(request, form_id)
    try:
        set_reviewed_scores(record, request.user, payload.scores, payload.notes)
    except PermissionDenied as exc:
        raise HttpError(403, str(exc)) from exc
    except ValidationError as exc:
        raise HttpError(422, "；".join(exc.messages)) from exc
    return _reviewed(record)


@api.post(
    "/forms/{form_id}/{action}",
    response=FormDetail,
    summary="提交 submit / 退回 return / 审核通过 approve（有错误须写 reason）/ 重新打开 reopen（须写 reason）",
)
def act(request: HttpRequest, form_id: int, action: str, payload: Comments) -> FormDetail:
    record = _record(request, form_id)
    if record.voided_at is not None:
        raise HttpError(409, "这张自评表已作废，不能提交、退回或审核；如需办理请先恢复。")
    try:
        if action == "submit":
            workflow.submit_form(record, request.user)
        elif action == "return":
            workflow.return_form(record, request.user, payload.comment, payload.on_findings)
        elif action == "approve":
            workflow.approve_form(record, request.user, payload.comment, payload.reason)
        elif action == "reopen":
            workflow.reopen_form(record, request.user, payload.reason)
        else:
            raise HttpError(404, f"未知操作：{action}")
    except PermissionDenied as exc:
        raise HttpError(403, str(exc)) from exc
    except ValidationError as exc:
        raise HttpError(409, "；".join(exc.messages)) from exc
    record.refresh_from_db()
    return _detail(record)


@api.post(
    "/upload",
    response={202: JobResult},
    summary="上传文件（可多个）：立即返回后台任务，在 /api/jobs/{id} 查看进度和每个文件读出的表",
)
def upload(
    request: HttpRequest, unit: Form[int], files: File[list[UploadedFile] | None] = None
) -> Status:
    """The files kept and queued at once (202, the job); /api/jobs/{id} then answers with each
    file's result as the worker reads it. A file over the size limit is refused while it
    streams in (never kept): it is among the job's files, its reason in `message`."""
    target = units_for(request.user).filter(pk=unit).first()
    if target is None:
        raise HttpError(403, "只能上传到您所在的预算单位。")
    refused = refused_uploads(request)
    if not files:
        raise HttpError(
            422, "；".join(why for _, why in refused) or "请给出要上传的文件（files）。"
        )
    uploads = [(f.name or "上传文件", b"".join(f.chunks())) for f in files]
    job = start_import(request.user, uploads, target, refused=refused)
    return Status(202, job_result(job))


# Each feature's endpoints live in its own app, beside its pages.
api.add_router("/exports", "jixiao.web.exports.api.router")
api.add_router("/jobs", "jixiao.web.jobs.api.router")
api.add_router("/departments", "jixiao.web.departments.api.router")
api.add_router("/panels", "jixiao.web.panels.api.router")
api.add_router("/final-accounts", "jixiao.web.final_accounts.api.router")
api.add_router("/", "jixiao.web.orgs.api.router")  # /organisations, /people
api.add_router("/rounds", "jixiao.web.rounds.api.router")
api.add_router("/", "jixiao.web.api_cycle.router")  # /targets, /monitoring, /rectification
