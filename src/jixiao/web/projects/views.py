"""Pages for projects: the list, one project's timeline, linking two projects by hand.

Thin views: scope through `jixiao.web.scope` (a project is reached through its unit), linking
through `jixiao.web.services.projects.link`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jixiao.web.orgs.models import Membership
from jixiao.web.paging import one_page
from jixiao.web.projects.models import Project
from jixiao.web.projects.services import STEPS, timeline
from jixiao.web.scope import User, in_scope, is_admin, one_in_scope
from jixiao.web.services import projects as project_service

REFUSAL = "没有这个项目，或您无权查看。"


def _projects(user: User) -> QuerySet[Project]:
    return in_scope(user, Project.objects.select_related("unit"), "unit_id")


@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    rows = _projects(request.user).filter(merged_into__isnull=True)
    if q:
        rows = rows.filter(Q(name__icontains=q) | Q(code__icontains=q))
    count = rows.count()
    rows = rows.annotate(documents=Count("records", filter=Q(records__voided_at__isnull=True)))
    rows = rows.order_by("unit__name", "name", "pk")
    context = {**one_page(request, rows, count, list, "个"), "q": q}
    return render(request, "projects/list.html", context)


@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = one_in_scope(
        request.user, Project.objects.select_related("unit"), pk, REFUSAL, "unit_id"
    )
    if project.merged_into_id:  # merged away: its documents live in the project kept
        kept = project_service.final(project)
        messages.info(request, f"项目《{project.name}》已并入《{kept.name}》。")
        return redirect("projects:detail", pk=kept.pk)
    context = {
        "project": project,
        "years": timeline(project),
        "steps": STEPS,
        "candidates": project_service.candidates(project),
        "merged": list(project.merged.all()),
    }
    return render(request, "projects/detail.html", context)


def _may_link(user: object, project: Project) -> bool:
    if is_admin(user):  # type: ignore[arg-type]
        return True
    return Membership.objects.filter(user=user, organisation_id=project.unit_id).exists() or (
        Membership.objects.filter(user=user, role=Membership.Role.REVIEWER).exists()
    )


@login_required
@require_POST
def project_link(request: HttpRequest, pk: int) -> HttpResponse:
    """并入另一个项目: this project's documents and items move to the one chosen."""
    project = one_in_scope(request.user, Project.objects.all(), pk, REFUSAL, "unit_id")
    if not _may_link(request.user, project):
        raise PermissionDenied("您不能合并这个项目。")
    target = request.POST.get("into", "").strip()
    if not target.isdigit():
        messages.error(request, "请选择要并入的项目。")
        return redirect("projects:detail", pk=project.pk)
    keep = one_in_scope(request.user, Project.objects.all(), int(target), REFUSAL, "unit_id")
    try:
        kept = project_service.link(keep, project, request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return redirect("projects:detail", pk=project.pk)
    messages.success(request, f"已将《{project.name}》并入《{kept.name}》。")
    return redirect("projects:detail", pk=kept.pk)
