"""The 自评任务 pages: the rounds, opening one, its progress board, its units, a unit's task."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jixiao.web.forms.models import FormRecord
from jixiao.web.rounds import services
from jixiao.web.rounds.export import write_progress_xlsx
from jixiao.web.rounds.forms import OpenRoundForm
from jixiao.web.rounds.models import Task
from jixiao.web.rounds.progress import STATUSES, Tally, board, deadline_note, sort_rows
from jixiao.web.rounds.status import TaskStatus, task_states
from jixiao.web.scope import forms_for
from jixiao.web.services import audit

DEPARTMENT_COLUMNS = [
    ("name", "主管部门"),
    ("units", "单位数"),
    ("forms", "自评表"),
    *((s.value, s.label) for s in STATUSES),
    ("done", "完成率"),
]
UNIT_COLUMNS = [
    ("name", "预算单位"),
    ("code", "编码"),
    ("department", "主管部门"),
    ("status", "状态"),
    ("forms", "自评表"),
    ("changed", "最后修改"),
]


def sort_headers(
    get: QueryDict, param: str, columns: list[tuple[str, str]]
) -> list[dict[str, str]]:
    """Column headers that sort the table on the server: a click sorts by the column, a second
    click reverses it; the other parameters (filters, the other table's order) are kept."""
    current = get.get(param, "")
    headers = []
    for key, label in columns:
        query = get.copy()
        query[param] = f"-{key}" if current == key else key
        arrow = "▲" if current == key else "▼" if current == f"-{key}" else ""
        headers.append(
            {"key": key, "label": label, "href": f"?{query.urlencode()}", "arrow": arrow}
        )
    return headers


def _sorted_by(get: QueryDict, param: str, columns: list[tuple[str, str]]) -> str:
    value = get.get(param, "")
    return value if value.removeprefix("-") in {k for k, _ in columns} else ""


@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    rounds = list(services.rounds_for(request.user).order_by("-year", "-deadline", "-pk"))
    tallies: dict[int, Tally] = {r.pk: Tally(r.owner) for r in rounds}
    for state in task_states(services.tasks_for(request.user, rounds)):
        tallies[state.task.round_id].add(state)
    rows = [
        {"round": r, "tally": tallies[r.pk], "deadline_note": deadline_note(r.deadline)}
        for r in rounds
    ]
    context = {
        "rows": rows,
        "statuses": STATUSES,
        "may_open": bool(services.owners_for(request.user)),
    }
    return render(request, "rounds/list.html", context)


@login_required
def round_new(request: HttpRequest) -> HttpResponse:
    owners = services.owners_for(request.user)
    if not owners:
        raise PermissionDenied("只有财政局或主管部门的审核人、管理员可以发起自评任务。")
    wanted = request.POST.get("owner") or request.GET.get("owner") or ""
    owner = next((o for o in owners if str(o.pk) == wanted), owners[0])
    form = OpenRoundForm(request.POST or None, owners=owners, owner=owner)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            opened = services.open_round(
                request.user,
                owner=owner,
                year=data["year"],
                deadline=data["deadline"],
                scope=form.chosen(),
                policy=data["policy"],
                layout=data["layout"],
                name=data["name"],
            )
        except ValidationError as exc:
            form.add_error(None, "；".join(exc.messages))
        else:
            messages.success(
                request,
                f"已发起“{opened.round.name}”，为 {len(opened.tasks)} 个预算单位建立了任务。",
            )
            if opened.skipped:
                messages.warning(
                    request,
                    f"以下 {len(opened.skipped)} 个单位已有 {opened.round.year} 年度的任务，未重复建立："
                    + "；".join(f"{u.label}（在“{r.name}”中）" for u, r in opened.skipped),
                )
            return redirect("rounds:detail", pk=opened.round.pk)
    return render(request, "rounds/new.html", {"form": form, "owner": owner})


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    found = services.round_for(request.user, pk)
    shown = board(request.user, found)
    dept_sort = _sorted_by(request.GET, "sort", DEPARTMENT_COLUMNS)
    unit_sort = _sorted_by(request.GET, "usort", UNIT_COLUMNS)
    own = {t.pk for t in services.own_tasks(request.user, found)}
    context = {
        "round": found,
        "board": shown,
        "policy": dict(services.policy_choices()).get(found.policy, found.policy),
        "layout": dict(services.layout_choices()).get(found.layout, found.layout),
        "departments": sort_rows(shown.departments, dept_sort) if dept_sort else shown.departments,
        "units": sort_rows(shown.units, unit_sort) if unit_sort else shown.units,
        "department_headers": sort_headers(request.GET, "sort", DEPARTMENT_COLUMNS),
        "unit_headers": sort_headers(request.GET, "usort", UNIT_COLUMNS),
        "statuses": STATUSES,
        "form_statuses": FormRecord.Status.choices,
        "own": [_task_context(request, row.state) for row in shown.units if row.task.pk in own],
    }
    return render(request, "rounds/detail.html", context)


@login_required
def round_units(request: HttpRequest, pk: int) -> HttpResponse:
    found = services.round_for(request.user, pk)
    shown = board(request.user, found)
    status = request.GET.get("status", "")
    department = request.GET.get("department", "")
    rows = shown.units_with(status, int(department) if department.isdigit() else None)
    unit_sort = _sorted_by(request.GET, "usort", UNIT_COLUMNS)
    named = next(
        (
            t.organisation
            for t in shown.departments
            if str(getattr(t.organisation, "pk", "")) == department
        ),
        None,
    )
    context = {
        "round": found,
        "board": shown,
        "units": sort_rows(rows, unit_sort) if unit_sort else rows,
        "unit_headers": sort_headers(request.GET, "usort", UNIT_COLUMNS),
        "status_label": "已完成" if status == "done" else dict(TaskStatus.choices).get(status, ""),
        "department": named,
        "form_statuses": FormRecord.Status.choices,
    }
    return render(request, "rounds/units.html", context)


@login_required
def round_export(request: HttpRequest, pk: int) -> HttpResponse:
    found = services.round_for(request.user, pk)
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = f"{found.name}进度.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    write_progress_xlsx(board(request.user, found), response)
    audit.record(request.user, "export_progress", found, about=found.owner)
    return response


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = services.task_for(request.user, pk)
    (state,) = task_states([task])
    return render(request, "rounds/task.html", {"task": task, "t": _task_context(request, state)})


@login_required
@require_POST
def task_no_projects(request: HttpRequest, pk: int) -> HttpResponse:
    """Declare (or, with action=withdraw, withdraw) that the unit has no projects this year."""
    task = services.task_for(request.user, pk)
    try:
        if request.POST.get("action") == "withdraw":
            services.withdraw_no_projects(request.user, task)
            messages.success(request, "已撤回无项目申报。")
        else:
            services.declare_no_projects(request.user, task, request.POST.get("reason", ""))
            messages.success(request, f"已申报本单位 {task.year} 年度无项目。")
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    back = request.POST.get("next", "")
    if back == "round":
        return redirect("rounds:detail", pk=task.round_id)
    return redirect("rounds:task", pk=task.pk)


def _task_context(request: HttpRequest, state: Any) -> dict[str, Any]:
    task: Task = state.task
    return {
        "state": state,
        "task": task,
        "forms": forms_for(request.user)
        .filter(unit_id=task.unit_id, year=task.year)
        .order_by("project_name", "pk"),
        "may_answer": services.may_answer(request.user, task),
        "deadline_note": deadline_note(task.round.deadline),
    }
