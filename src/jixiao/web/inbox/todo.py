"""The 待办 of a person, worked out from tasks and forms each time it is asked for.

A 填报人 has to do: the open tasks of their units not yet handed in (未开始、草稿、已退回、逾期),
the forms sent back to them (with the reviewer's comments), the drafts of a year they have a
task for, and their units' 整改事项 still 待整改 or 整改中. A 审核人 has to do: the forms of their
scope waiting at their review level (a 管理员: at any level), oldest first; the no-projects
declarations of their scope are shown beside them, to read; and the 整改事项 of their scope
reported 已整改, waiting to be confirmed.

Nothing here is stored, so the 待办 can never disagree with the forms and tasks. The menu's
count comes from `todo_count`, a handful of COUNT queries; `todo_for` gives the whole page.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, F, OuterRef, QuerySet

from jixiao.web.forms.models import Comment, FormRecord
from jixiao.web.inbox.services import unread
from jixiao.web.orgs.models import Membership
from jixiao.web.rectification import services as rectification
from jixiao.web.rectification.models import RectificationItem
from jixiao.web.rounds.models import Task
from jixiao.web.rounds.status import HANDED_IN, TaskState, task_states, today
from jixiao.web.scope import in_scope, is_admin
from jixiao.web.services.workflow import label_stages, waiting_for

Status = FormRecord.Status
# no-projects declarations stay on a reviewer's page until this long after their round's deadline
DECLARATIONS_SHOWN_DAYS = 30
WAITING_SHOWN = 50  # forms waiting for review listed in the inbox; the queue pages through all


@dataclass(frozen=True)
class Roles:
    admin: bool
    reviewer: bool  # a reviewer or an administrator: has forms to review
    filler_units: frozenset[int]  # the units the person fills for


def roles_of(user: Any) -> Roles:
    admin = is_admin(user)
    rows = list(Membership.objects.filter(user=user).values_list("role", "organisation_id"))
    return Roles(
        admin=admin,
        reviewer=admin or any(role == Membership.Role.REVIEWER for role, _ in rows),
        filler_units=frozenset(org for role, org in rows if role == Membership.Role.FILLER),
    )


@dataclass
class DueTask:
    state: TaskState
    days_left: int  # negative once overdue

    @property
    def task(self) -> Task:
        return self.state.task

    @property
    def when(self) -> str:
        if self.days_left > 0:
            return f"还有 {self.days_left} 天"
        if self.days_left == 0:
            return "今天到期"
        return f"已逾期 {-self.days_left} 天"


@dataclass
class ReturnedForm:
    record: FormRecord
    comments: list[Comment]  # the latest return's

    @property
    def returned_by(self) -> Any:
        return self.comments[-1].author if self.comments else None

    @property
    def returned_at(self) -> datetime.datetime:
        return self.comments[-1].created if self.comments else self.record.updated


@dataclass
class WaitingForm:
    record: FormRecord  # with unit and submitted_by
    resubmitted: bool


@dataclass
class Todo:
    roles: Roles
    due: list[DueTask] = field(default_factory=list)
    returned: list[ReturnedForm] = field(default_factory=list)
    drafts: list[FormRecord] = field(default_factory=list)
    waiting: list[WaitingForm] = field(default_factory=list)  # the first WAITING_SHOWN
    waiting_count: int = 0  # all of them, counted by the database
    declarations: list[Task] = field(default_factory=list)
    # 整改: a clerk's items 待整改 / 整改中 (overdue ones first); a reviewer's 已整改 to confirm
    rectify: list[RectificationItem] = field(default_factory=list)
    to_confirm: list[RectificationItem] = field(default_factory=list)

    @property
    def count(self) -> int:
        """What the menu counts (besides unread notifications): the things to act on."""
        return (
            len(self.due)
            + len(self.returned)
            + self.waiting_count
            + len(self.rectify)
            + len(self.to_confirm)
        )


# ---- the clerk's side ------------------------------------------------------------------------


def _due(units: frozenset[int], on: datetime.date) -> list[DueTask]:
    tasks = Task.objects.filter(unit_id__in=units, unit__active=True).select_related(
        "round", "unit"
    )
    return sorted(
        (
            DueTask(state, (state.task.round.deadline - on).days)
            for state in task_states(tasks, on)
            if state.status not in HANDED_IN
        ),
        key=lambda d: (d.days_left, d.task.unit.code),
    )


def _returned(units: frozenset[int]) -> list[ReturnedForm]:
    records = list(
        # 申报表 and 监控表 are returned like forms (issue 13)
        FormRecord.documents.filter(unit_id__in=units, status=Status.RETURNED)
        .select_related("unit")
        .order_by("-updated")
    )
    comments: dict[int, list[Comment]] = {r.pk: [] for r in records}
    for comment in (
        Comment.objects.filter(record__in=records).select_related("author").order_by("created")
    ):
        comments[comment.record_id].append(comment)
    return [ReturnedForm(r, latest_return(r, comments[r.pk])) for r in records]


def latest_return(record: FormRecord, comments: list[Comment]) -> list[Comment]:
    """The comments of the form's latest return: those written since its last submission (a
    returned form's last submission is the one sent back). A form returned before submissions
    were dated: the comments on the version of its latest comment."""
    if record.submitted_at is not None:
        return [c for c in comments if c.created >= record.submitted_at]
    if not comments:
        return []
    version = comments[-1].version_id
    return [c for c in comments if c.version_id == version]


def _drafts(units: frozenset[int]) -> list[FormRecord]:
    has_task = Task.objects.filter(unit_id=OuterRef("unit_id"), year=OuterRef("year"))
    return list(
        FormRecord.objects.filter(unit_id__in=units, status=Status.DRAFT)
        .filter(Exists(has_task))
        .select_related("unit")
        .order_by("-year", "project_name")
    )


# ---- the reviewer's side ---------------------------------------------------------------------


def waiting_forms(user: Any) -> QuerySet[FormRecord]:
    """Forms of the person's scope waiting for review at their level (any level for an
    administrator); see `workflow.waiting_for`."""
    return waiting_for(user)


def _waiting(user: Any) -> tuple[list[WaitingForm], int]:
    """The first `WAITING_SHOWN` forms waiting for the person (oldest submission first; the
    review queue pages through all of them) and how many wait in all."""
    returned_before = Comment.objects.filter(record_id=OuterRef("pk"))
    waiting = waiting_forms(user)
    rows = (
        waiting.select_related("submitted_by")
        .annotate(resubmitted=Exists(returned_before))
        .order_by(F("submitted_at").asc(nulls_first=True), "pk")
    )
    shown = [WaitingForm(r, r.resubmitted) for r in label_stages(rows[:WAITING_SHOWN])]
    return shown, waiting.order_by().count()


def _declarations(user: Any, on: datetime.date) -> list[Task]:
    since = on - datetime.timedelta(days=DECLARATIONS_SHOWN_DAYS)
    tasks = Task.objects.filter(no_projects=True, round__deadline__gte=since)
    return list(
        in_scope(user, tasks, "unit_id")
        .select_related("round", "unit", "declared_by")
        .order_by("-declared_at")
    )


# ---- both ------------------------------------------------------------------------------------


def todo_for(user: Any, on: datetime.date | None = None) -> Todo:
    on = on or today()
    roles = roles_of(user)
    todo = Todo(roles)
    if roles.filler_units:
        todo.due = _due(roles.filler_units, on)
        todo.returned = _returned(roles.filler_units)
        todo.drafts = _drafts(roles.filler_units)
        todo.rectify = list(rectification.to_rectify(roles.filler_units))
    if roles.reviewer:
        todo.waiting, todo.waiting_count = _waiting(user)
        todo.declarations = _declarations(user, on)
        todo.to_confirm = list(rectification.to_confirm(user, roles.admin).select_related("unit"))
    return todo


def todo_count(user: Any, roles: Roles | None = None) -> int:
    """The menu's number: tasks due and forms returned (a clerk), forms waiting (a reviewer),
    and unread notifications; the same as the page's. Every page shows it: the work part is
    remembered until a form, a task, a 整改事项 or the day changes (at most a minute; a
    deadline moved shows within it), the notifications are counted each time."""
    from django.db.models import Max

    from jixiao.web.services.stats import Remembered

    roles = roles or roles_of(user)
    tasks = Task.objects.order_by().aggregate(n=Max("pk"), d=Max("declared_at"))
    items = RectificationItem.objects.order_by().aggregate(n=Max("pk"), u=Max("updated"))
    changed = f"{today()}|{tasks['n']}|{tasks['d']}|{items['n']}|{items['u']}"
    work = Remembered(user).get(f"todo:{user.pk}:{changed}", lambda: _work_count(user, roles))
    return unread(user).count() + work


def _work_count(user: Any, roles: Roles) -> int:
    count = 0
    if roles.filler_units:
        tasks = Task.objects.filter(
            unit_id__in=roles.filler_units, unit__active=True
        ).select_related("round")
        count += sum(1 for s in task_states(tasks) if s.status not in HANDED_IN)
        count += FormRecord.documents.filter(
            unit_id__in=roles.filler_units, status=Status.RETURNED
        ).count()
        count += rectification.to_rectify(roles.filler_units).count()
    if roles.reviewer:
        count += waiting_forms(user).count()
        count += rectification.to_confirm(user, roles.admin).count()
    return count
