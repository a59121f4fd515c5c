"""Pages of 整改: the list with its filters, the progress board per department, an item with its
history, evidence and actions, and the forms that make items (from a form's findings, from an
expert panel's report). Thin: every change is a function of `services`."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jixiao.web.orgs.models import Organisation
from jixiao.web.orgs.services import who
from jixiao.web.panels.services import panel_for
from jixiao.web.rectification import services
from jixiao.web.rectification.models import RectificationItem
from jixiao.web.rounds.status import today
from jixiao.web.scope import document_for, form_for, in_scope
from jixiao.web.services import audit

Status = RectificationItem.Status
PER_PAGE = 200


@dataclass
class ItemFilter:
    """The list's filters, read from its query string; a bad value is named and ignored."""

    status: str = ""
    organisation: Organisation | None = None
    year: int | None = None
    source: str = ""
    overdue: bool = False
    problems: list[str] = field(default_factory=list)

    @classmethod
    def from_query(cls, user: Any, query: QueryDict) -> ItemFilter:
        found = cls(overdue=query.get("overdue", "") in ("1", "on", "true"))
        status = query.get("status", "").strip()
        if status and status not in Status.values:
            found.problems.append(f"没有“{status}”这种状态，已忽略这项筛选。")
        else:
            found.status = status
        source = query.get("source", "").strip()
        if source and source not in RectificationItem.Source.values:
            found.problems.append(f"没有“{source}”这种来源，已忽略这项筛选。")
        else:
            found.source = source
        year = query.get("year", "").strip()
        if year:
            if year.isdigit() and 1990 <= int(year) <= 2100:
                found.year = int(year)
            else:
                found.problems.append(f"年度“{year}”无效，已忽略。")
        chosen = query.get("organisation", "").strip()
        if chosen:
            organisation = None
            if chosen.isdigit():
                reach = in_scope(user, Organisation.objects.all(), "pk")
                organisation = reach.filter(pk=int(chosen)).first()
            if organisation is None:
                found.problems.append("所选单位或部门不存在或不在您的范围内，已忽略这项筛选。")
            found.organisation = organisation
        return found

    def apply(
        self, items: QuerySet[RectificationItem], on: datetime.date
    ) -> QuerySet[RectificationItem]:
        if self.status:
            items = items.filter(status=self.status)
        if self.source:
            items = items.filter(source=self.source)
        if self.year:
            items = items.filter(year=self.year)
        if self.organisation is not None:
            items = items.filter(unit_id__in=self.organisation.subtree_ids())
        if self.overdue:
            items = items.filter(services.overdue_q(on))
        return items


@dataclass(frozen=True)
class Row:
    item: RectificationItem
    days_late: int


def _rows(items: QuerySet[RectificationItem], on: datetime.date) -> list[Row]:
    return [Row(i, services.days_late(i, on)) for i in items]


@login_required
def item_list(request: HttpRequest) -> HttpResponse:
    on = today()
    chosen = ItemFilter.from_query(request.user, request.GET)
    for problem in chosen.problems:
        messages.warning(request, problem)
    items = chosen.apply(services.items_for(request.user), on)
    total = items.count()
    context = {
        "rows": _rows(items.order_by("due", "pk")[:PER_PAGE], on),
        "total": total,
        "shown": min(total, PER_PAGE),
        "chosen": chosen,
        "statuses": Status.choices,
        "sources": RectificationItem.Source.choices,
        "organisations": in_scope(
            request.user,
            Organisation.objects.filter(kind__in=["department", "unit"], active=True),
            "pk",
        ).order_by("code", "pk"),
        "years": services.items_for(request.user)
        .exclude(year=None)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct(),
    }
    return render(request, "rectification/list.html", context)


@dataclass
class BoardRow:
    department: Organisation
    counts: dict[str, int]
    overdue: int

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def cells(self) -> list[tuple[str, int]]:
        """(status, count) in the statuses' order, zeros included."""
        return [(value, self.counts.get(value, 0)) for value in Status.values]


@login_required
def board(request: HttpRequest) -> HttpResponse:
    """Items by department and status, overdue ones counted apart."""
    on = today()
    rows: dict[int, BoardRow] = {}
    items = services.items_for(request.user)
    years = list(
        items.exclude(year=None).order_by("-year").values_list("year", flat=True).distinct()
    )
    year = request.GET.get("year", "").strip()
    if year.isdigit():
        items = items.filter(year=int(year))
    grouped = items.values("unit_id", "status").annotate(
        n=Count("pk"), late=Count("pk", filter=services.overdue_q(on))
    )
    units = {
        o.pk: o
        for o in Organisation.objects.select_related("parent").filter(
            pk__in={g["unit_id"] for g in grouped}
        )
    }
    for g in grouped:
        department = services.department_of(units[g["unit_id"]])
        row = rows.setdefault(department.pk, BoardRow(department, {}, 0))
        row.counts[g["status"]] = row.counts.get(g["status"], 0) + g["n"]
        row.overdue += g["late"]
    ordered = sorted(rows.values(), key=lambda r: (-r.overdue, r.department.code))
    context = {
        "rows": ordered,
        "statuses": Status.choices,
        "year": year,
        "years": [str(y) for y in years],
        "totals": [sum(r.counts.get(v, 0) for r in ordered) for v in Status.values],
        "overdue": sum(r.overdue for r in ordered),
        "grand": sum(r.total for r in ordered),
    }
    return render(request, "rectification/board.html", context)


@login_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = services.item_for(request.user, pk)
    on = today()
    events = [
        {
            "time": e.created,
            "person": who(e.user),
            "action": audit.action_label(e.action),
            "detail": audit.describe({k: v for k, v in e.detail.items() if k != "title"}),
        }
        for e in services.history(item)
    ]
    context = {
        "item": item,
        "days_late": services.days_late(item, on),
        "evidence": item.evidence.select_related("file", "uploaded_by"),
        "events": events,
        "may_rectify": services.may_rectify(request.user, item),
        "may_manage": services.may_manage(request.user, item),
        "open": item.status in services.OPEN,
        "finished": item.status in services.FINISHED,
    }
    return render(request, "rectification/detail.html", context)


def _uploads(request: HttpRequest) -> list[services.Upload]:
    return [
        services.Upload(f.name or "佐证材料", b"".join(f.chunks()))
        for f in request.FILES.getlist("files")
    ]


@login_required
@require_POST
def item_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    item = services.item_for(request.user, pk)
    post = request.POST
    try:
        if action == "start":
            services.start(item, request.user)
            messages.success(request, "已开始整改。")
        elif action == "evidence":
            kept = services.add_evidence(
                item, _uploads(request), request.user, post.get("note", "")
            )
            messages.success(request, f"已上传 {len(kept)} 个佐证材料。")
        elif action == "done":
            services.report_done(item, post.get("note", ""), _uploads(request), request.user)
            messages.success(request, "已报告整改完成，等待审核人确认。")
        elif action == "confirm":
            services.confirm(item, request.user, post.get("comment", ""))
            messages.success(request, "已确认整改。")
        elif action == "reopen":
            services.reopen(item, request.user, post.get("reason", ""))
            messages.success(request, "已重新打开，整改单位需继续整改。")
        else:
            raise Http404("未知操作。")
    except PermissionDenied as exc:
        messages.error(request, str(exc) or "您无权进行这项操作。")
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("rectification:detail", pk=item.pk)


@login_required
def evidence_file(request: HttpRequest, pk: int, evidence_id: int) -> FileResponse:
    item = services.item_for(request.user, pk)
    evidence = item.evidence.select_related("file").filter(pk=evidence_id).first()
    if evidence is None:
        raise Http404("没有这个佐证材料。")
    path = services.evidence_path(evidence)
    if not path.exists():
        raise Http404("佐证材料的文件已不在存储中，请联系管理员。")
    return FileResponse(path.open("rb"), as_attachment=True, filename=evidence.file.name)


def _due(request: HttpRequest) -> datetime.date | None:
    text = request.POST.get("due", "").strip()
    if not text:
        raise ValidationError("请选择整改期限。")
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as exc:
        raise ValidationError(f"整改期限“{text}”不是有效的日期（应为 年-月-日）。") from exc


def _make_from_findings(request: HttpRequest, record: Any) -> None:
    try:
        made = services.from_findings(
            record,
            request.POST.getlist("finding"),
            due=_due(request),
            requirement=request.POST.get("requirement", ""),
            user=request.user,
        )
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        if made:
            messages.success(
                request, f"已生成 {len(made)} 条整改事项，整改单位：{record.unit.name}。"
            )
        else:
            messages.info(request, "所选的审核发现都已有未完成的整改事项，没有重复生成。")


@login_required
@require_POST
def from_form(request: HttpRequest, pk: int) -> HttpResponse:
    """The findings a reviewer ticked on a form's page, made items for the form's unit."""
    record = form_for(request.user, pk)
    _make_from_findings(request, record)
    return redirect("forms:detail", pk=record.pk)


@login_required
@require_POST
def from_document(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """The findings a reviewer ticked on a 申报表's or 监控表's page, made items for its unit."""
    record = document_for(request.user, pk, kind)
    _make_from_findings(request, record)
    return redirect("documents:detail", kind=kind, pk=record.pk)


@login_required
@require_POST
def from_panel(request: HttpRequest, pk: int) -> HttpResponse:
    """The problems of a panel's report a reviewer ticked, made items for its organisation."""
    panel = panel_for(request.user, pk)
    problems = services.panel_problems(panel)
    chosen = {int(n) for n in request.POST.getlist("problem") if n.isdigit()}
    selected = [p for n, p in enumerate(problems) if n in chosen]
    try:
        made = services.from_panel(
            panel,
            selected,
            due=_due(request),
            requirement=request.POST.get("requirement", ""),
            user=request.user,
        )
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        if made:
            messages.success(request, f"已生成 {len(made)} 条整改事项。")
        else:
            messages.info(request, "所选的问题都已生成过整改事项，没有重复生成。")
    return redirect("panels:detail", pk=panel.pk)


@login_required
@require_POST
def from_department(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    """The problems of a department's overall evaluation a reviewer ticked, made items for the
    department's own (本级) unit."""
    from jixiao.department.report import evaluation_problems
    from jixiao.web.departments import services as departments

    department = departments.department_for(request.user, pk)
    problems = evaluation_problems(departments.evaluate(request.user, department, year))
    chosen = {int(n) for n in request.POST.getlist("problem") if n.isdigit()}
    selected = [p for n, p in enumerate(problems) if n in chosen]
    try:
        if not selected:
            raise ValidationError("请至少选择一个问题。")
        made = services.from_department_report(
            department,
            year,
            selected,
            due=_due(request),
            requirement=request.POST.get("requirement", ""),
            user=request.user,
        )
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        if made:
            messages.success(request, f"已生成 {len(made)} 条整改事项。")
        else:
            messages.info(request, "所选的问题都已生成过整改事项，没有重复生成。")
    return redirect("departments:detail", pk=department.pk, year=year)


@login_required
def dataset(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    """One of the cycle's datasets (docs/datasets_cycle.md), within the user's scope."""
    from django.utils.http import content_disposition_header

    from jixiao.web.rectification import datasets

    year = request.GET.get("year", "").strip()
    try:
        found = datasets.download(
            request.user, table, fmt, year=int(year) if year.isdigit() else None
        )
    except datasets.DatasetError as exc:
        messages.error(request, str(exc))
        return redirect("exports:page")
    response = HttpResponse(found.data, content_type=found.content_type)
    response["Content-Disposition"] = content_disposition_header(True, found.name)
    return response


@login_required
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The list's items, as filtered, as a CSV or an Excel dataset."""
    from django.utils.http import content_disposition_header

    from jixiao.web.rectification import datasets

    chosen = ItemFilter.from_query(request.user, request.GET)
    items = chosen.apply(services.items_for(request.user), today())
    try:
        found = datasets.download(request.user, "rectification", fmt, datasets.item_rows(items))
    except datasets.DatasetError as exc:
        messages.error(request, str(exc))
        return redirect("rectification:list")
    response = HttpResponse(found.data, content_type=found.content_type)
    response["Content-Disposition"] = content_disposition_header(True, found.name)
    return response
