"""A unit says it has no projects this year: with a reason, only without forms, withdrawable."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from jixiao.web.inbox.models import Notification
from jixiao.web.orgs.models import AuditEvent, Organisation
from jixiao.web.rounds.models import Task
from jixiao.web.rounds.services import declare_no_projects, open_round, withdraw_no_projects

DUE = datetime.date.today() + datetime.timedelta(days=5)


def round_2024(world):  # type: ignore[no-untyped-def]
    """Unit A has no 2024 forms; unit B has one."""
    return open_round(
        world.admin,
        owner=world.bureau,
        year=2024,
        deadline=DUE,
        scope=[world.dept_a, world.dept_b],
    ).round


def test_a_filler_declares_no_projects_with_a_reason_on_the_task_page(world) -> None:
    task = Task.objects.get(round=round_2024(world), unit=world.unit_a)
    client = world.client(world.filler_a)
    page = client.get(reverse("rounds:task", args=[task.pk])).content.decode()
    assert "本年度无项目" in page and "未开始" in page
    answer = client.post(
        reverse("rounds:no_projects", args=[task.pk]),
        {"reason": "本年度未安排项目支出"},
        follow=True,
    )
    assert "已申报本单位 2024 年度无项目" in answer.content.decode()
    task.refresh_from_db()
    assert task.no_projects and task.no_projects_reason == "本年度未安排项目支出"
    assert task.declared_by == world.filler_a
    assert Notification.objects.filter(user=world.reviewer_a, kind="no_projects").exists()
    assert AuditEvent.objects.filter(action="no_projects", organisation=world.unit_a).exists()

    client.post(reverse("rounds:no_projects", args=[task.pk]), {"action": "withdraw"})
    task.refresh_from_db()
    assert not task.no_projects and task.no_projects_reason == ""


def test_it_needs_a_reason(world) -> None:
    task = Task.objects.get(round=round_2024(world), unit=world.unit_a)
    answer = world.client(world.filler_a).post(
        reverse("rounds:no_projects", args=[task.pk]), {"reason": "  "}, follow=True
    )
    assert "请写明本年度没有项目的原因" in answer.content.decode()
    task.refresh_from_db()
    assert not task.no_projects


def test_it_is_refused_when_the_unit_has_forms_that_year(world) -> None:
    task = Task.objects.get(round=round_2024(world), unit=world.unit_b)
    with pytest.raises(ValidationError, match="已有本年度的自评表"):
        declare_no_projects(world.filler_b, task, "没有项目")
    task.refresh_from_db()
    assert not task.no_projects


def test_only_the_units_own_filler_declares(world) -> None:
    task = Task.objects.get(round=round_2024(world), unit=world.unit_a)
    with pytest.raises(PermissionDenied):
        declare_no_projects(world.reviewer_a, task, "没有项目")
    answer = world.client(world.reviewer_a).post(
        reverse("rounds:no_projects", args=[task.pk]), {"reason": "没有项目"}
    )
    assert answer.status_code == 403
    with pytest.raises(ValidationError, match="没有申报无项目"):
        withdraw_no_projects(world.filler_a, task)


def test_another_units_filler_gets_404(world) -> None:
    task = Task.objects.get(round=round_2024(world), unit=world.unit_a)
    client = world.client(world.filler_b)
    assert client.get(reverse("rounds:task", args=[task.pk])).status_code == 404
    answer = client.post(reverse("rounds:no_projects", args=[task.pk]), {"reason": "没有项目"})
    assert answer.status_code == 404
    task.refresh_from_db()
    assert not task.no_projects


def test_the_form_is_offered_only_while_the_unit_has_no_forms(world) -> None:
    found = round_2024(world)
    unit_c = Organisation.objects.create(name="乙文化站", kind="unit", parent=world.dept_b)
    assert not Task.objects.filter(unit=unit_c).exists()  # made after the round opened
    page = world.client(world.filler_b).get(reverse("rounds:detail", args=[found.pk]))
    text = page.content.decode()
    assert "市民服务中心工作经费" in text  # unit B's 2024 form, on its task
    assert "申报本年度无项目" not in text
