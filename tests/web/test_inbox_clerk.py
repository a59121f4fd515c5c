"""A clerk's 待办: tasks due, forms returned with the comments, drafts of a year with a task."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from jixiao.web.forms.models import FormRecord
from jixiao.web.inbox.todo import todo_for
from jixiao.web.rounds.models import Task
from jixiao.web.rounds.services import open_round
from jixiao.web.services.workflow import return_form, submit_form


def open_2020(world, deadline: datetime.date):
    return open_round(
        world.admin,
        owner=world.bureau,
        year=2020,
        deadline=deadline,
        scope=[world.dept_a, world.dept_b],
    )


def inbox(world, user) -> str:
    response = world.client(user).get(reverse("inbox:page"))
    assert response.status_code == 200
    return response.content.decode()


def test_it_lists_the_units_task_with_its_deadline_and_days_left(world) -> None:
    deadline = timezone.localdate() + datetime.timedelta(days=5)
    opened = open_2020(world, deadline)
    page = inbox(world, world.filler_a)
    assert opened.round.name in page
    assert deadline.strftime("%Y-%m-%d") in page
    assert "还有 5 天" in page
    task = Task.objects.get(unit=world.unit_a, round=opened.round)
    assert reverse("rounds:task", args=[task.pk]) in page
    [due] = todo_for(world.filler_a).due
    assert due.task.unit == world.unit_a and due.state.status == "draft"


def test_it_shows_an_overdue_task_with_the_days_past(world) -> None:
    open_2020(world, timezone.localdate() - datetime.timedelta(days=2))
    page = inbox(world, world.filler_b)
    assert "已逾期 2 天" in page and "逾期" in page
    [due] = todo_for(world.filler_b).due
    assert due.task.unit == world.unit_b and due.state.status == "overdue"


def test_it_drops_a_task_once_every_form_is_handed_in(world) -> None:
    open_2020(world, timezone.localdate() + datetime.timedelta(days=5))
    for record in FormRecord.objects.filter(unit=world.unit_a, year=2020):
        submit_form(record, world.filler_a)
    assert todo_for(world.filler_a).due == []
    assert "本单位的自评任务都已提交或办结" in inbox(world, world.filler_a)


def test_it_shows_a_returned_form_with_the_latest_returns_comments(world) -> None:
    submit_form(world.form_a, world.filler_a)
    return_form(world.form_a, world.reviewer_a, "第一次的意见")
    submit_form(world.form_a, world.filler_a)
    return_form(
        world.form_a,
        world.reviewer_a,
        "执行率请按资金重算",
        {"funds.execution_rate": "应为 90.10%"},
    )
    [returned] = todo_for(world.filler_a).returned
    assert [c.text for c in returned.comments] == ["执行率请按资金重算", "应为 90.10%"]
    assert returned.returned_by == world.reviewer_a
    page = inbox(world, world.filler_a)
    assert "执行率请按资金重算" in page
    assert "[FUNDS_RATE_MISMATCH] 应为 90.10%" in page
    assert "第一次的意见" not in page.split('id="notifications"')[0]
    assert "reviewer_a" in page
    assert reverse("forms:edit", args=[world.form_a.pk]) in page


def test_it_lists_drafts_only_of_a_year_with_a_task(world) -> None:
    assert todo_for(world.filler_a).drafts == []
    open_2020(world, timezone.localdate() + datetime.timedelta(days=5))
    drafts = todo_for(world.filler_a).drafts
    assert {r.project_name for r in drafts} == {"公共服务经费", "民生家园建设经费"}
    assert todo_for(world.filler_b).drafts == []  # unit B's form is of 2024, without a task


def test_it_does_not_show_another_units_returned_form(world) -> None:
    submit_form(world.form_a, world.filler_a)
    return_form(world.form_a, world.reviewer_a, "只给甲单位看的意见")
    assert todo_for(world.filler_b).returned == []
    assert "只给甲单位看的意见" not in inbox(world, world.filler_b)
    assert "只给甲单位看的意见" in inbox(world, world.filler_a)


def test_it_shows_another_units_tasks_to_nobody(world) -> None:
    open_2020(world, timezone.localdate() + datetime.timedelta(days=5))
    assert {d.task.unit for d in todo_for(world.filler_b).due} == {world.unit_b}
    assert "甲社区建设办公室" not in inbox(world, world.filler_b)


def test_it_asks_a_visitor_to_log_in(db, client) -> None:
    response = client.get(reverse("inbox:page"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]
