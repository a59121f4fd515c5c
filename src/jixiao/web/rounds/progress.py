"""The progress board of a round: its tasks in the user's scope, counted per department and unit.

Every number here is worked out from `status.task_states` (the forms of each unit and year, in
one query); the page, the Excel export and the API all show the same `Board`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max

from jixiao.web.forms.models import FormRecord
from jixiao.web.orgs.models import Organisation
from jixiao.web.rounds.models import Round, Task
from jixiao.web.rounds.services import tasks_for
from jixiao.web.rounds.status import DONE, TaskState, TaskStatus, task_states, today

STATUSES = list(TaskStatus)
# the order units are sorted in by status: furthest behind first
_STATUS_RANK = {s: i for i, s in enumerate(STATUSES)}


def percent(part: int, whole: int) -> float:
    """``part`` of ``whole`` in percent, two decimals; 0 of nothing is 0."""
    return round(100 * part / whole, 2) if whole else 0.0


@dataclass
class Tally:
    """Tasks counted by status: one department's, or the whole board's."""

    organisation: Organisation | None
    counts: dict[TaskStatus, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    units: int = 0
    forms: int = 0

    def add(self, state: TaskState) -> None:
        self.counts[state.status] += 1
        self.units += 1
        self.forms += state.form_count

    @property
    def done(self) -> int:
        return sum(self.counts[s] for s in DONE)

    @property
    def completion(self) -> float:
        return percent(self.done, self.units)

    def percent(self, status: TaskStatus) -> float:
        return percent(self.counts[status], self.units)

    @property
    def name(self) -> str:
        return self.organisation.name if self.organisation else "合计"

    @property
    def cells(self) -> list[tuple[TaskStatus, int, float]]:
        """(status, count, percent) in the board's column order, for templates."""
        return [(s, self.counts[s], self.percent(s)) for s in STATUSES]

    def sort_key(self, key: str) -> Any:
        if key in TaskStatus.values:
            return self.counts[TaskStatus(key)]
        return {
            "units": self.units,
            "forms": self.forms,
            "done": self.completion,
            "code": self.organisation.code if self.organisation else "",
        }.get(key, self.name)


@dataclass
class UnitRow:
    """One unit's task as the board shows it."""

    state: TaskState
    last_change: datetime.datetime | None

    @property
    def task(self) -> Task:
        return self.state.task

    @property
    def unit(self) -> Organisation:
        return self.state.task.unit

    @property
    def department(self) -> Organisation | None:
        return self.state.task.unit.parent

    @property
    def status(self) -> TaskStatus:
        return self.state.status

    @property
    def form_cells(self) -> list[tuple[str, str, int]]:
        """(form status, its label, count) for every form status, for templates."""
        return [(v, label, self.state.forms.get(v, 0)) for v, label in FormRecord.Status.choices]

    def sort_key(self, key: str) -> Any:
        return {
            "code": self.unit.code,
            "department": self.department.name if self.department else "",
            "status": _STATUS_RANK[self.status],
            "forms": self.state.form_count,
            "changed": (self.last_change or datetime.datetime.min.replace(tzinfo=datetime.UTC)),
        }.get(key, self.unit.name)


@dataclass
class Board:
    round: Round
    on: datetime.date
    total: Tally
    departments: list[Tally]
    units: list[UnitRow]

    @property
    def days_left(self) -> int:
        """Days until the deadline: negative once it has passed."""
        return (self.round.deadline - self.on).days

    @property
    def deadline_note(self) -> str:
        return deadline_note(self.round.deadline, self.on)

    def units_with(self, status: str = "", department: int | None = None) -> list[UnitRow]:
        """The units of one status (or 'done': 已审核 and 无项目) and/or one department."""
        rows = self.units
        if status == "done":
            rows = [r for r in rows if r.status in DONE]
        elif status in TaskStatus.values:
            rows = [r for r in rows if r.status == status]
        if department is not None:
            rows = [r for r in rows if r.department and r.department.pk == department]
        return rows


def deadline_note(deadline: datetime.date, on: datetime.date | None = None) -> str:
    days = (deadline - (on or today())).days
    if days > 0:
        return f"还剩 {days} 天"
    if days == 0:
        return "今天截止"
    return f"已逾期 {-days} 天"


def last_changes(tasks: Iterable[Task]) -> dict[tuple[int, int], datetime.datetime]:
    """(unit id, year) → when one of its forms last changed, in one query."""
    tasks = list(tasks)
    if not tasks:
        return {}
    rows = (
        FormRecord.objects.filter(
            unit_id__in={t.unit_id for t in tasks}, year__in={t.year for t in tasks}
        )
        .order_by()
        .values_list("unit_id", "year")
        .annotate(last=Max("updated"))
    )
    return {(unit, year): last for unit, year, last in rows}


def board(user: Any, round: Round, on: datetime.date | None = None) -> Board:
    """The round's board, over the tasks of units in the user's scope only."""
    on = on or today()
    tasks = list(tasks_for(user, round).order_by("unit__code"))
    changed = last_changes(tasks)
    total = Tally(None)
    departments: dict[int | None, Tally] = {}
    units = []
    for state in task_states(tasks, on=on):
        task = state.task
        parent = task.unit.parent
        key = parent.pk if parent else None
        departments.setdefault(key, Tally(parent)).add(state)
        total.add(state)
        moments = [m for m in (changed.get((task.unit_id, task.year)), task.declared_at) if m]
        units.append(UnitRow(state, max(moments) if moments else None))
    rows = sorted(departments.values(), key=lambda t: t.organisation.code if t.organisation else "")
    return Board(round, on, total, rows, units)


def sort_rows(rows: list[Any], sort: str) -> list[Any]:
    """Rows sorted by ``sort`` (a key their `sort_key` knows; a leading "-" for descending)."""
    key = sort.removeprefix("-")
    return sorted(rows, key=lambda r: r.sort_key(key), reverse=sort.startswith("-"))
