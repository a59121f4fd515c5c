"""`manage.py remind --days N`: units with a task due soon or overdue are told, once a day."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from jixiao.web.forms.models import FormRecord
from jixiao.web.inbox.models import Notification
from jixiao.web.inbox.reminders import record_reminder, send_reminders
from jixiao.web.orgs.models import AuditEvent
from jixiao.web.rounds.models import Reminder, Task
from jixiao.web.rounds.services import open_round
from jixiao.web.services.workflow import return_form, submit_form


def open_2020(world, days_left: int):
    return open_round(
        world.admin,
        owner=world.bureau,
        year=2020,
        deadline=timezone.localdate() + datetime.timedelta(days=days_left),
        scope=[world.dept_a, world.dept_b],
    )


def remind(days: int) -> str:
    out = StringIO()
    call_command("remind", days=days, stdout=out)
    return out.getvalue()


def reminders_of(user: object) -> list[str]:
    return list(
        Notification.objects.filter(user=user, kind="reminder").values_list("text", flat=True)
    )


def test_it_reminds_each_unit_of_a_task_due_within_the_days(world) -> None:
    opened = open_2020(world, 2)
    out = remind(3)
    assert "已提醒 2 项自评任务（其中逾期 0 项），共 2 人" in out
    [text] = reminders_of(world.filler_a)
    assert text.startswith("甲社区建设办公室：自评任务“" + opened.round.name)
    assert "到期（还有 2 天）" in text
    assert len(reminders_of(world.filler_b)) == 1
    assert reminders_of(world.reviewer_a) == []
    assert Reminder.objects.count() == 2
    note = Notification.objects.get(user=world.filler_a, kind="reminder")
    assert note.url == reverse("rounds:task", args=[Task.objects.get(unit=world.unit_a).pk])
    events = AuditEvent.objects.filter(action="reminder")
    assert {e.organisation for e in events} == {world.unit_a, world.unit_b}
    assert all(e.user is None for e in events)


def test_it_never_reminds_twice_the_same_day(world) -> None:
    open_2020(world, 1)
    remind(3)
    out = remind(3)
    assert "2 项今天已提醒过，未重复提醒" in out
    assert Reminder.objects.count() == 2
    assert len(reminders_of(world.filler_a)) == 1
    assert len(reminders_of(world.filler_b)) == 1


def test_it_reminds_again_the_next_day(world) -> None:
    open_2020(world, 1)
    send_reminders(3)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    again = send_reminders(3, on=tomorrow)
    assert again.tasks == 2
    latest = Notification.objects.filter(user=world.filler_a, kind="reminder").latest("pk")
    assert "今天（" in latest.text and "到期" in latest.text
    assert Reminder.objects.count() == 4


def test_it_includes_overdue_tasks(world) -> None:
    open_2020(world, -4)
    out = remind(0)
    assert "其中逾期 2 项" in out
    [text] = reminders_of(world.filler_b)
    assert "已逾期 4 天" in text


def test_it_leaves_tasks_due_later_alone(world) -> None:
    open_2020(world, 10)
    out = remind(3)
    assert "无需提醒" in out
    assert Reminder.objects.count() == 0
    assert reminders_of(world.filler_a) == []


def test_it_skips_tasks_handed_in(world) -> None:
    open_2020(world, 1)
    for record in FormRecord.objects.filter(unit=world.unit_a, year=2020):
        submit_form(record, world.filler_a)
    done = send_reminders(3)
    assert done.tasks == 1
    assert reminders_of(world.filler_a) == []
    assert len(reminders_of(world.filler_b)) == 1
    assert Reminder.objects.get().task.unit == world.unit_b


def test_it_reminds_a_unit_whose_form_came_back(world) -> None:
    open_2020(world, 1)
    for record in FormRecord.objects.filter(unit=world.unit_a, year=2020):
        submit_form(record, world.filler_a)
    world.form_a.refresh_from_db()
    return_form(world.form_a, world.reviewer_a, "请补充")
    send_reminders(3)
    assert len(reminders_of(world.filler_a)) == 1


def test_it_refuses_negative_days(db) -> None:
    with pytest.raises(CommandError, match="--days 应为 0 或正整数"):
        call_command("remind", days=-1, stdout=StringIO())


def test_it_does_not_remind_when_another_run_got_there_first(world) -> None:
    opened = open_2020(world, 1)
    task = opened.tasks[0]
    assert record_reminder(task, timezone.localdate()) is True
    assert record_reminder(task, timezone.localdate()) is False
    assert Reminder.objects.filter(task=task).count() == 1


def test_it_counts_a_unit_with_nobody_to_tell(world) -> None:
    open_2020(world, 1)
    world.filler_b.memberships.all().delete()
    out = remind(3)
    assert "已提醒 1 项自评任务" in out and "1 项的单位没有填报人" in out
    assert Reminder.objects.get().task.unit == world.unit_a


def test_it_reminds_a_unit_of_its_overdue_rectification_once_a_day(world) -> None:
    from jixiao.web.rectification.models import RectificationItem

    on = timezone.localdate()
    late = RectificationItem.objects.create(
        unit=world.unit_a,
        source=RectificationItem.Source.OTHER,
        title="绩效目标不够具体",
        due=on - datetime.timedelta(days=2),
    )
    RectificationItem.objects.create(  # due in a month: not yet
        unit=world.unit_b,
        source=RectificationItem.Source.OTHER,
        title="缺少实施方案",
        due=on + datetime.timedelta(days=30),
    )
    RectificationItem.objects.create(  # done: nothing to remind
        unit=world.unit_b,
        source=RectificationItem.Source.OTHER,
        title="已整改的问题",
        due=on - datetime.timedelta(days=5),
        status=RectificationItem.Status.DONE,
    )
    out = remind(3)
    assert "整改事项：已提醒 1 项（其中逾期 1 项）" in out
    [note] = Notification.objects.filter(kind="rectification_reminder")
    assert note.user == world.filler_a
    assert note.url == reverse("rectification:detail", args=[late.pk])
    assert "绩效目标不够具体" in note.text and "已逾期 2 天" in note.text
    again = remind(3)  # the same day: not told twice
    assert "整改事项：已提醒 0 项（其中逾期 0 项），1 项今天已提醒过" in again
    assert Notification.objects.filter(kind="rectification_reminder").count() == 1
