"""Reminders as a background task: `manage.py remind --queue` (what a deployment's cron runs)
only queues; a worker sends them, once a day however often the task runs."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from jobs_site import run_queued

from jixiao.web.inbox.models import Notification
from jixiao.web.rounds.models import Reminder
from jixiao.web.rounds.services import open_round


@pytest.fixture
def database_queue(settings) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_the_queued_reminders_are_sent_by_the_worker_once(world, database_queue) -> None:
    open_round(
        world.admin,
        owner=world.bureau,
        year=2020,
        deadline=timezone.localdate() + datetime.timedelta(days=2),
        scope=[world.dept_a, world.dept_b],
    )
    out = StringIO()
    call_command("remind", days=3, queue=True, stdout=out)
    assert "已交给后台工作进程" in out.getvalue()
    assert Reminder.objects.count() == 0  # nothing sent yet: only queued
    call_command("remind", days=3, queue=True, stdout=StringIO())  # cron ran twice
    run_queued()
    assert Reminder.objects.count() == 2
    assert Notification.objects.filter(user=world.filler_a, kind="reminder").count() == 1
    results = [r.return_value for r in DBTaskResult.objects.order_by("enqueued_at")]
    assert results[0].startswith("已提醒 2 项自评任务")
    assert "2 项今天已提醒过，未重复提醒" in results[1]
