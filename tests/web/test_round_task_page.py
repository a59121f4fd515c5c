"""A clerk's task in a round: its status, deadline, the unit's forms of the year, what to do next."""

from __future__ import annotations

import datetime

from django.urls import reverse

from jixiao.web.rounds.models import Task
from jixiao.web.rounds.services import open_round

DUE = datetime.date.today() + datetime.timedelta(days=7)


def test_the_filler_sees_their_task_with_the_forms_of_that_year(world) -> None:
    found = world.open_round(deadline=DUE)
    text = world.client(world.filler_a).get(reverse("rounds:detail", args=[found.pk]))
    text = text.content.decode()
    task = Task.objects.get(round=found, unit=world.unit_a)
    assert f'id="task-{task.pk}"' in text
    assert "草稿" in text and "还剩 7 天" in text
    assert reverse("forms:detail", args=[world.form_a.pk]) in text
    assert reverse("forms:upload") in text and reverse("forms:new") in text
    assert "申报本年度无项目" not in text  # it has forms of 2020


def test_a_reviewer_sees_the_task_without_the_clerks_buttons(world) -> None:
    found = open_round(
        world.admin, owner=world.bureau, year=2020, deadline=DUE, scope=[world.dept_a]
    ).round
    task = Task.objects.get(round=found, unit=world.unit_a)
    page = world.client(world.reviewer_a).get(reverse("rounds:task", args=[task.pk]))
    text = page.content.decode()
    assert page.status_code == 200 and "公共服务经费" in text
    assert "上传自评表" not in text


def test_another_departments_reviewer_gets_404(world) -> None:
    found = open_round(
        world.admin, owner=world.bureau, year=2024, deadline=DUE, scope=[world.dept_b]
    ).round
    task = Task.objects.get(round=found, unit=world.unit_b)
    assert (
        world.client(world.reviewer_a).get(reverse("rounds:task", args=[task.pk])).status_code
        == 404
    )
    assert (
        world.client(world.filler_a).get(reverse("rounds:task", args=[task.pk])).status_code == 404
    )
    assert (
        world.client(world.filler_b).get(reverse("rounds:task", args=[task.pk])).status_code == 200
    )
