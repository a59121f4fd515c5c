"""自评任务: the JSON API endpoints (mounted on the main API at /api/rounds).

The same services and the same board as the pages: a round or task outside the user's scope is
a 404, an action the user may not take a 403, bad input a 422 with a Chinese message.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from jixiao.web.orgs.models import Organisation
from jixiao.web.rounds import services
from jixiao.web.rounds.models import Round
from jixiao.web.rounds.progress import STATUSES, Board, Tally, UnitRow, board
from jixiao.web.rounds.status import task_states

router = Router(tags=["自评任务"])


class RoundSummary(Schema):
    id: int
    name: str
    year: int
    owner: str  # 单位编码
    owner_name: str
    deadline: datetime.date
    policy: str
    layout: str
    units: int  # in the caller's scope
    done: int
    completion: float  # percent, two decimals


class RoundDetail(RoundSummary):
    scope: list[str]  # the codes chosen when it was opened
    days_left: int
    counts: dict[str, int]  # task status → units, in the caller's scope


class OpenRound(Schema):
    owner: str
    year: int | str
    deadline: str  # 2025-03-03
    scope: list[str]
    policy: str = "beijing"
    layout: str = "beijing"
    name: str = ""


class Skipped(Schema):
    code: str
    name: str
    round: int


class Opened(Schema):
    round: RoundSummary
    tasks: int
    skipped: list[Skipped]


class Reason(Schema):
    reason: str = ""


class TaskOut(Schema):
    round: int
    unit: str
    unit_name: str
    year: int
    status: str
    status_label: str
    no_projects_reason: str


def _summary(r: Round, tally: Tally) -> dict[str, Any]:
    return {
        "id": r.pk,
        "name": r.name,
        "year": r.year,
        "owner": r.owner.code,
        "owner_name": r.owner.name,
        "deadline": r.deadline,
        "policy": r.policy,
        "layout": r.layout,
        "units": tally.units,
        "done": tally.done,
        "completion": tally.completion,
    }


def _round(request: HttpRequest, round_id: int) -> Round:
    try:
        return services.round_for(request.user, round_id)
    except Http404 as exc:
        raise HttpError(404, "没有这个自评任务，或您无权查看。") from exc


def _tally_json(tally: Tally) -> dict[str, Any]:
    return {
        "code": tally.organisation.code if tally.organisation else "",
        "name": tally.name,
        "units": tally.units,
        "forms": tally.forms,
        "counts": {s.value: tally.counts[s] for s in STATUSES},
        "percentages": {s.value: tally.percent(s) for s in STATUSES},
        "done": tally.done,
        "completion": tally.completion,
    }


def _unit_json(row: UnitRow) -> dict[str, Any]:
    return {
        "code": row.unit.code,
        "name": row.unit.name,
        "department": row.department.code if row.department else "",
        "status": row.status.value,
        "status_label": row.status.label,
        "forms": row.state.form_count,
        "forms_by_status": dict(row.state.forms),
        "no_projects_reason": row.task.no_projects_reason,
        "last_change": row.last_change.isoformat() if row.last_change else None,
    }


def progress_json(shown: Board) -> dict[str, Any]:
    r = shown.round
    return {
        "round": r.pk,
        "name": r.name,
        "year": r.year,
        "deadline": r.deadline.isoformat(),
        "on": shown.on.isoformat(),
        "days_left": shown.days_left,
        "statuses": {s.value: s.label for s in STATUSES},
        "total": _tally_json(shown.total),
        "departments": [_tally_json(t) for t in shown.departments],
        "units": [_unit_json(u) for u in shown.units],
    }


@router.get("", response=list[RoundSummary], summary="可查看的自评任务（数字只计您范围内的单位）")
def list_rounds(request: HttpRequest) -> list[dict[str, Any]]:
    rounds = list(services.rounds_for(request.user).order_by("-year", "-deadline", "-pk"))
    tallies = {r.pk: Tally(r.owner) for r in rounds}
    for state in task_states(services.tasks_for(request.user, rounds)):
        tallies[state.task.round_id].add(state)
    return [_summary(r, tallies[r.pk]) for r in rounds]


def _organisation(code: str, what: str) -> Organisation:
    found = Organisation.objects.filter(code=code.strip(), active=True).first()
    if found is None:
        raise HttpError(422, f"{what}：没有编码为“{code}”的启用机构。")
    return found


@router.post("", response={201: Opened}, summary="发起自评任务（按单位编码给出发起机构和范围）")
def open_round(request: HttpRequest, payload: OpenRound) -> Status:
    owner = _organisation(payload.owner, "发起机构")
    scope = [_organisation(code, "范围") for code in payload.scope]
    try:
        year = int(str(payload.year).strip())
    except ValueError as exc:
        raise HttpError(422, f"年度“{payload.year}”应是四位数字。") from exc
    try:
        deadline = datetime.date.fromisoformat(payload.deadline.strip())
    except ValueError as exc:
        raise HttpError(422, f"截止日期“{payload.deadline}”应写作 2025-03-03。") from exc
    try:
        opened = services.open_round(
            request.user,
            owner=owner,
            year=year,
            deadline=deadline,
            scope=scope,
            policy=payload.policy,
            layout=payload.layout,
            name=payload.name,
        )
    except PermissionDenied as exc:
        raise HttpError(403, str(exc)) from exc
    except ValidationError as exc:
        raise HttpError(422, "；".join(exc.messages)) from exc
    tally = Tally(owner)
    for state in task_states(services.tasks_for(request.user, opened.round)):
        tally.add(state)
    return Status(
        201,
        {
            "round": _summary(opened.round, tally),
            "tasks": len(opened.tasks),
            "skipped": [{"code": u.code, "name": u.name, "round": r.pk} for u, r in opened.skipped],
        },
    )


@router.get("/{round_id}", response=RoundDetail, summary="一个自评任务")
def get_round(request: HttpRequest, round_id: int) -> dict[str, Any]:
    found = _round(request, round_id)
    shown = board(request.user, found)
    return {
        **_summary(found, shown.total),
        "scope": sorted(found.scope.values_list("code", flat=True)),
        "days_left": shown.days_left,
        "counts": {s.value: shown.total.counts[s] for s in STATUSES},
    }


@router.get("/{round_id}/progress", summary="进度：各部门、各单位的状态计数与占比")
def get_progress(request: HttpRequest, round_id: int) -> dict[str, Any]:
    return progress_json(board(request.user, _round(request, round_id)))


def _task(request: HttpRequest, round_id: int, unit_code: str) -> Any:
    task = (
        services.tasks_for(request.user, _round(request, round_id))
        .filter(unit__code=unit_code)
        .first()
    )
    if task is None:
        raise HttpError(404, "这个自评任务中没有该单位的任务，或您无权查看。")
    return task


def _task_out(task: Any) -> dict[str, Any]:
    (state,) = task_states([task])
    return {
        "round": task.round_id,
        "unit": task.unit.code,
        "unit_name": task.unit.name,
        "year": task.year,
        "status": state.status.value,
        "status_label": state.status.label,
        "no_projects_reason": task.no_projects_reason,
    }


@router.post(
    "/{round_id}/tasks/{unit_code}/no-projects",
    response=TaskOut,
    summary="申报本年度无项目（须写明原因）",
)
def declare_no_projects(
    request: HttpRequest, round_id: int, unit_code: str, payload: Reason
) -> dict[str, Any]:
    task = _task(request, round_id, unit_code)
    try:
        services.declare_no_projects(request.user, task, payload.reason)
    except PermissionDenied as exc:
        raise HttpError(403, str(exc)) from exc
    except ValidationError as exc:
        raise HttpError(422, "；".join(exc.messages)) from exc
    return _task_out(task)


@router.delete(
    "/{round_id}/tasks/{unit_code}/no-projects", response=TaskOut, summary="撤回无项目申报"
)
def withdraw_no_projects(request: HttpRequest, round_id: int, unit_code: str) -> dict[str, Any]:
    task = _task(request, round_id, unit_code)
    try:
        services.withdraw_no_projects(request.user, task)
    except PermissionDenied as exc:
        raise HttpError(403, str(exc)) from exc
    except ValidationError as exc:
        raise HttpError(422, "；".join(exc.messages)) from exc
    return _task_out(task)
