"""Where each unit's task stands, worked out from its forms in one query.

A task's forms are the unit's forms of the round's year. Its status is the least advanced of
them: any form 已退回 makes the task 已退回, else any 草稿 makes it 草稿, else any 已提交 makes it
已提交, else all 已审核. A task with no form is 未开始, or 无项目 when the unit said it has none.
After the deadline a task not yet handed in (未开始, 草稿, 已退回) is 逾期.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, TextChoices
from django.utils import timezone

from jixiao.web.forms.models import FormRecord
from jixiao.web.rounds.models import Task

FormStatus = FormRecord.Status


class TaskStatus(TextChoices):
    NOT_STARTED = "not_started", "未开始"
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"
    RETURNED = "returned", "已退回"
    APPROVED = "approved", "已审核"
    NO_PROJECTS = "no_projects", "无项目"
    OVERDUE = "overdue", "逾期"


# a task counts as done when it is one of these
DONE = (TaskStatus.APPROVED, TaskStatus.NO_PROJECTS)
# handed in to the reviewer, or done: what the deadline asks for
HANDED_IN = (TaskStatus.SUBMITTED, *DONE)
# the least advanced form status decides
_ORDER = (FormStatus.RETURNED, FormStatus.DRAFT, FormStatus.SUBMITTED, FormStatus.APPROVED)


@dataclass
class TaskState:
    task: Task
    status: TaskStatus
    forms: dict[str, int] = field(default_factory=dict)  # form status → count

    @property
    def form_count(self) -> int:
        return sum(self.forms.values())

    @property
    def overdue(self) -> bool:
        return self.status == TaskStatus.OVERDUE


def today() -> datetime.date:
    return timezone.localdate()


def form_counts(tasks: Iterable[Task]) -> dict[tuple[int, int], dict[str, int]]:
    """(unit id, year) → form status → number of forms, for these tasks, in one query."""
    tasks = list(tasks)
    counts: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)
    if not tasks:
        return counts
    rows = (
        FormRecord.objects.filter(
            unit_id__in={t.unit_id for t in tasks}, year__in={t.year for t in tasks}
        )
        .order_by()
        .values_list("unit_id", "year", "status")
        .annotate(n=Count("pk"))
    )
    for unit_id, year, status, n in rows:
        counts[(unit_id, year)][status] = n
    return counts


def status_of(
    task: Task, forms: dict[str, int], deadline: datetime.date, on: datetime.date
) -> TaskStatus:
    if forms:
        status = next(TaskStatus(s.value) for s in _ORDER if forms.get(s.value))
    elif task.no_projects:
        return TaskStatus.NO_PROJECTS
    else:
        status = TaskStatus.NOT_STARTED
    if on > deadline and status not in HANDED_IN:
        return TaskStatus.OVERDUE
    return status


def task_states(tasks: Iterable[Task], on: datetime.date | None = None) -> list[TaskState]:
    """Each task with its status and its forms by status (tasks need `round` selected)."""
    tasks = list(tasks)
    on = on or today()
    counts = form_counts(tasks)
    states = []
    for task in tasks:
        forms = counts.get((task.unit_id, task.year), {})
        states.append(TaskState(task, status_of(task, forms, task.round.deadline, on), forms))
    return states
