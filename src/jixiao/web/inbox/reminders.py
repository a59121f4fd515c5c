"""Reminding units of tasks and 整改事项 due soon or overdue (the `remind` command, run daily
by cron).

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

from jixiao.web.inbox.models import Notification
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
    items: int = 0  # 整改事项 due within the days or overdue, reminded now
    items_overdue: int = 0  # of those, how many are past their 整改期限
    items_already: int = 0  # due, but reminded earlier today

    def summary(self, days: int) -> str:
        if not (self.tasks or self.already or self.nobody):
            text = f"没有 {days} 天内到期或已逾期、尚未提交的自评任务，无需提醒。"
        else:
            parts = [
                f"已提醒 {self.tasks} 项自评任务（其中逾期 {self.overdue} 项），"
                f"共 {len(self.people)} 人"
            ]
            if self.already:
                parts.append(f"{self.already} 项今天已提醒过，未重复提醒")
            if self.nobody:
                parts.append(f"{self.nobody} 项的单位没有填报人，无人可提醒")
            text = "；".join(parts) + "。"
        if self.items or self.items_already:
            text += f"整改事项：已提醒 {self.items} 项（其中逾期 {self.items_overdue} 项）"
            if self.items_already:
                text += f"，{self.items_already} 项今天已提醒过"
            text += "。"
        return text


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
    _remind_rectification(days, on, done)
    return done


RECTIFY = "rectification_reminder"


def _remind_rectification(days: int, on: datetime.date, done: Reminded) -> None:
    """Tell the 填报人 of each 整改事项 still to do (待整改、整改中) whose 整改期限 is at most
    ``days`` days away or past, once a day (a reminder of the item that day is looked for)."""
    from jixiao.web.rectification.models import RectificationItem
    from jixiao.web.rectification.services import OPEN

    items = RectificationItem.objects.filter(
        status__in=OPEN, due__lte=on + datetime.timedelta(days=days), unit__active=True
    ).select_related("unit")
    for item in items.order_by("due", "pk"):
        url = reverse("rectification:detail", args=[item.pk])
        people = fillers_of({item.unit_id})
        if not people:
            continue
        told = Notification.objects.filter(kind=RECTIFY, url=url, created__date=on)
        if told.exists():
            done.items_already += 1
            continue
        days_left = (item.due - on).days
        when = (
            f"已逾期 {-days_left} 天（整改期限 {item.due:%Y年%m月%d日}）"
            if days_left < 0
            else f"整改期限 {item.due:%Y年%m月%d日}（还有 {days_left} 天）"
        )
        title = item.title if len(item.title) <= 40 else item.title[:39] + "…"
        notify(
            people,
            RECTIFY,
            f"{item.unit.name}：整改事项“{title}”{when}，请尽快整改并上传佐证材料。",
            url,
        )
        audit.record(None, "reminder", item, about=item.unit, due=item.due.isoformat())
        done.items += 1
        done.items_overdue += days_left < 0
        done.people |= {p.pk for p in people}
