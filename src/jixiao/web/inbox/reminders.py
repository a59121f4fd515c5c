"""Reminding units of tasks due soon or overdue (the `remind` command, run daily by cron).

A task is reminded when its deadline is at most N days away, or past, and it is not handed in
(未开始、草稿、已退回、逾期). Its unit's 填报人 are told once a day at most: each reminder is
recorded as a Reminder(task, day), and a task already reminded that day is left alone, even
when two runs overlap (the database refuses a second row).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.urls import reverse

from jixiao.web.inbox.services import notify
from jixiao.web.rounds.models import Reminder, Task
from jixiao.web.rounds.services import fillers_of
from jixiao.web.rounds.status import HANDED_IN, task_states, today
from jixiao.web.services import audit


@dataclass
class Reminded:
    """What a run did."""

    tasks: int = 0  # tasks reminded now
    people: set[int] = field(default_factory=set)  # everyone told
    overdue: int = 0  # of the tasks reminded, how many are past their deadline
    already: int = 0  # due, but reminded earlier today
    nobody: int = 0  # due, but their unit has no 填报人 to tell

    def summary(self, days: int) -> str:
        if not (self.tasks or self.already or self.nobody):
            return f"没有 {days} 天内到期或已逾期、尚未提交的自评任务，无需提醒。"
        parts = [
            f"已提醒 {self.tasks} 项自评任务（其中逾期 {self.overdue} 项），共 {len(self.people)} 人"
        ]
        if self.already:
            parts.append(f"{self.already} 项今天已提醒过，未重复提醒")
        if self.nobody:
            parts.append(f"{self.nobody} 项的单位没有填报人，无人可提醒")
        return "；".join(parts) + "。"


def reminder_text(task: Task, days_left: int) -> str:
    deadline = task.round.deadline
    if days_left > 0:
        when = f"将于 {deadline:%Y年%m月%d日} 到期（还有 {days_left} 天）"
    elif days_left == 0:
        when = f"今天（{deadline:%Y年%m月%d日}）到期"
    else:
        when = f"已逾期 {-days_left} 天（截止日期 {deadline:%Y年%m月%d日}）"
    return (
        f"{task.unit.name}：自评任务“{task.round.name}”{when}，"
        f"请尽快提交本单位 {task.year} 年度的项目支出绩效自评表。"
    )


def record_reminder(task: Task, on: datetime.date) -> bool:
    """Record today's reminder of the task; False when it was already recorded."""
    try:
        with transaction.atomic():
            Reminder.objects.create(task=task, sent_on=on)
    except IntegrityError:
        return False
    return True


def send_reminders(days: int, on: datetime.date | None = None) -> Reminded:
    """Tell the 填报人 of every task due within ``days`` days or overdue, not yet handed in."""
    on = on or today()
    done = Reminded()
    tasks = Task.objects.filter(
        round__deadline__lte=on + datetime.timedelta(days=days), unit__active=True
    ).select_related("round", "unit")
    pending = [s.task for s in task_states(tasks, on) if s.status not in HANDED_IN]
    already = set(
        Reminder.objects.filter(task__in=pending, sent_on=on).values_list("task_id", flat=True)
    )
    for task in pending:
        if task.pk in already:
            done.already += 1
            continue
        people = fillers_of({task.unit_id})
        if not people:
            done.nobody += 1
            continue
        with transaction.atomic():
            if not record_reminder(task, on):
                done.already += 1
                continue
            days_left = (task.round.deadline - on).days
            notify(
                people,
                "reminder",
                reminder_text(task, days_left),
                reverse("rounds:task", args=[task.pk]),
            )
            audit.record(
                None,
                "reminder",
                task,
                about=task.unit,
                deadline=task.round.deadline.isoformat(),
                people=[p.get_username() for p in people],
            )
        done.tasks += 1
        done.overdue += days_left < 0
        done.people |= {p.pk for p in people}
    return done
