"""Opening a round and answering it: every change to rounds and tasks goes through here."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from jixiao.scoring import policy as policies
from jixiao.web.inbox.services import notify
from jixiao.web.orgs.models import Membership, Organisation
from jixiao.web.rounds.models import Round, Task
from jixiao.web.scope import is_admin, unit_ids_for
from jixiao.web.services import audit
from jixiao.write import layout as layouts

Kind = Organisation.Kind


@dataclass
class OpenedRound:
    round: Round
    tasks: list[Task]
    # units left out because they already have a task for that year in another round
    skipped: list[tuple[Organisation, Round]] = field(default_factory=list)


OPENERS = (Membership.Role.REVIEWER, Membership.Role.ADMIN)


def may_open(user: Any, owner: Organisation) -> bool:
    """The bureau's administrators and reviewers open rounds for anyone under it; a department's
    reviewers for their own units."""
    if owner.kind not in (Kind.BUREAU, Kind.DEPARTMENT) or not owner.active:
        return False
    if is_admin(user):
        return True
    return Membership.objects.filter(user=user, organisation=owner, role__in=OPENERS).exists()


def owners_for(user: Any) -> list[Organisation]:
    """The organisations the user may open a round for: the bureau for its administrators and
    reviewers, a department for its own reviewers."""
    if not getattr(user, "is_authenticated", False):
        return []
    if is_admin(user):
        rows = Organisation.objects.filter(kind=Kind.BUREAU, active=True)
    else:
        rows = Organisation.objects.filter(
            kind__in=(Kind.BUREAU, Kind.DEPARTMENT),
            active=True,
            memberships__user=user,
            memberships__role__in=OPENERS,
        ).distinct()
    return sorted(rows, key=lambda o: (o.kind != Kind.BUREAU, o.code))


def scope_choices(owner: Organisation) -> list[tuple[Organisation | None, list[Organisation]]]:
    """What a round of ``owner`` may cover: each active department under it (or the department
    itself) with its active units; units directly under a bureau come last, under None."""
    below = Organisation.objects.filter(active=True).order_by("code")
    if owner.kind == Kind.DEPARTMENT:
        return [(owner, list(below.filter(parent=owner, kind=Kind.UNIT)))]
    groups: list[tuple[Organisation | None, list[Organisation]]] = [
        (department, list(below.filter(parent=department, kind=Kind.UNIT)))
        for department in below.filter(parent=owner, kind=Kind.DEPARTMENT)
    ]
    direct = list(below.filter(parent=owner, kind=Kind.UNIT))
    return groups + ([(None, direct)] if direct else [])


def policy_choices() -> list[tuple[str, str]]:
    """(name, Chinese title) of the scoring policies shipped with jixiao."""
    return [(name, policies.load_policy(name).title) for name in policies.available()]


def layout_choices() -> list[tuple[str, str]]:
    """(id, Chinese title) of the form layouts shipped with jixiao."""
    from jixiao.write.forms import layout_names

    return layout_names()


def rounds_for(user: Any) -> QuerySet[Round]:
    """The rounds the user sees: those with a task of a unit in their scope, or owned by an
    organisation in it; all of them for an administrator."""
    rows = Round.objects.select_related("owner")
    ids = unit_ids_for(user)
    if ids is None:
        return rows
    return rows.filter(Q(tasks__unit_id__in=ids) | Q(owner_id__in=ids)).distinct()


def round_for(user: Any, pk: int) -> Round:
    """The round with this id if the user sees it; 404 otherwise, whether it exists or not."""
    found = rounds_for(user).filter(pk=pk).first()
    if found is None:
        raise Http404("没有这个自评任务，或您无权查看。")
    return found


def tasks_for(user: Any, rounds: Round | QuerySet[Round] | None = None) -> QuerySet[Task]:
    """The tasks of units in the user's scope (of one round, of some rounds, or of all)."""
    rows = Task.objects.select_related("round", "unit", "unit__parent", "declared_by")
    if isinstance(rounds, Round):
        rows = rows.filter(round=rounds)
    elif rounds is not None:
        rows = rows.filter(round__in=rounds)
    ids = unit_ids_for(user)
    return rows if ids is None else rows.filter(unit_id__in=ids)


def task_for(user: Any, pk: int) -> Task:
    found = tasks_for(user).filter(pk=pk).first()
    if found is None:
        raise Http404("没有这项任务，或您无权查看。")
    return found


def may_answer(user: Any, task: Task) -> bool:
    """Whether the user answers for the task's unit: its fillers (and administrators)."""
    return is_admin(user) or (
        getattr(user, "is_authenticated", False)
        and Membership.objects.filter(
            user=user, organisation_id=task.unit_id, role=Membership.Role.FILLER
        ).exists()
    )


def own_tasks(user: Any, round: Round) -> list[Task]:
    """The tasks of this round the user fills in (their own unit's)."""
    if not getattr(user, "is_authenticated", False):
        return []
    units = Membership.objects.filter(user=user, role=Membership.Role.FILLER).values(
        "organisation_id"
    )
    return list(tasks_for(user, round).filter(unit_id__in=units).order_by("unit__code"))


def units_under(organisations: list[Organisation]) -> list[Organisation]:
    """The active units among and under these organisations."""
    ids: set[int] = set()
    for organisation in organisations:
        ids |= organisation.subtree_ids()
    return list(
        Organisation.objects.filter(pk__in=ids, kind=Kind.UNIT, active=True).order_by("code")
    )


def fillers_of(unit_ids: set[int]) -> list[Any]:
    return [
        m.user
        for m in Membership.objects.filter(
            organisation_id__in=unit_ids, role=Membership.Role.FILLER, user__is_active=True
        ).select_related("user")
    ]


@transaction.atomic
def open_round(
    user: Any,
    *,
    owner: Organisation,
    year: int,
    deadline: datetime.date,
    scope: list[Organisation],
    policy: str = "beijing",
    layout: str = "beijing",
    name: str = "",
) -> OpenedRound:
    """A round for ``year`` due ``deadline``: a task for every active unit in ``scope`` (the
    departments or units chosen, all under ``owner``). A unit that already has a task for that
    year keeps it and is listed as skipped."""
    if not may_open(user, owner):
        raise PermissionDenied("只有财政局或本部门的审核人、管理员可以发起自评任务。")
    if not scope:
        raise ValidationError("请选择参加本次自评的主管部门或预算单位。")
    reach = owner.subtree_ids()
    outside = [o.name for o in scope if o.pk not in reach]
    if outside:
        raise ValidationError(f"{'、'.join(outside)}不在“{owner.name}”之下。")
    if not 2000 <= year <= 2100:
        raise ValidationError(f"年度“{year}”不对，应在 2000 至 2100 之间。")
    if policy not in policies.available():
        raise ValidationError(
            f"没有名为“{policy}”的评分规则；可用：{'、'.join(policies.available())}。"
        )
    if layout not in layouts.available():
        raise ValidationError(f"没有名为“{layout}”的表样；可用：{'、'.join(layouts.available())}。")
    units = units_under(scope)
    if not units:
        raise ValidationError("所选范围内没有启用的预算单位。")
    taken = {
        t.unit_id: t.round
        for t in Task.objects.filter(year=year, unit__in=units).select_related("round")
    }
    if len(taken) == len(units):
        raise ValidationError(
            f"所选的 {len(units)} 个预算单位都已有 {year} 年度的自评任务，没有新任务可发起。"
        )
    created = Round.objects.create(
        name=name.strip()[:200] or f"{year}年度项目支出绩效自评",
        year=year,
        owner=owner,
        deadline=deadline,
        policy=policy,
        layout=layout,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    created.scope.set(scope)
    tasks = Task.objects.bulk_create(
        Task(round=created, unit=u, year=year) for u in units if u.pk not in taken
    )
    skipped = [(u, taken[u.pk]) for u in units if u.pk in taken]
    audit.record(
        user,
        "round_open",
        created,
        about=owner,
        year=year,
        deadline=deadline.isoformat(),
        tasks=len(tasks),
        skipped=len(skipped),
    )
    notify(
        fillers_of({t.unit_id for t in tasks}),
        "round",
        f"{created.name}：请在 {deadline:%Y年%m月%d日} 前提交本单位 {year} 年度的项目支出绩效自评表。",
        reverse("rounds:detail", args=[created.pk]),
    )
    return OpenedRound(created, tasks, skipped)


@transaction.atomic
def declare_no_projects(user: Any, task: Task, reason: str) -> None:
    """The unit has no project to evaluate this year; the reason is kept and reviewers told."""
    from jixiao.web.forms.models import FormRecord

    if not may_answer(user, task):
        raise PermissionDenied("只有本单位的填报人可以申报无项目。")
    if not reason.strip():
        raise ValidationError("请写明本年度没有项目的原因。")
    if FormRecord.objects.filter(unit=task.unit, year=task.year).exists():
        raise ValidationError("本单位已有本年度的自评表，不能申报无项目。")
    task.no_projects, task.no_projects_reason = True, reason.strip()
    task.declared_by, task.declared_at = user, timezone.now()
    task.save(update_fields=["no_projects", "no_projects_reason", "declared_by", "declared_at"])
    audit.record(user, "no_projects", task, about=task.unit, reason=task.no_projects_reason)
    notify(
        reviewers_of(task.unit),
        "no_projects",
        f"{task.unit.name} 申报 {task.year} 年度无项目：{task.no_projects_reason}",
        reverse("rounds:detail", args=[task.round_id]),
    )


@transaction.atomic
def withdraw_no_projects(user: Any, task: Task) -> None:
    if not may_answer(user, task):
        raise PermissionDenied("只有本单位的填报人可以撤回无项目申报。")
    if not task.no_projects:
        raise ValidationError("本单位没有申报无项目，无需撤回。")
    task.no_projects, task.no_projects_reason = False, ""
    task.declared_by, task.declared_at = None, None
    task.save(update_fields=["no_projects", "no_projects_reason", "declared_by", "declared_at"])
    audit.record(user, "no_projects_withdrawn", task, about=task.unit)


def reviewers_of(unit: Organisation) -> list[Any]:
    """The reviewers of the unit's department and bureau, nearest first."""
    above = [o.pk for o in unit.ancestors()]
    return [
        m.user
        for m in Membership.objects.filter(
            organisation_id__in=above, role=Membership.Role.REVIEWER, user__is_active=True
        ).select_related("user")
    ]
