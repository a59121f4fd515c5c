"""A reviewer's 待办: forms of their scope waiting at their review level, oldest first, with who
handed them in and whether they come back after a return; and the no-projects declarations.

Unit A's forms wait for department A's reviewer first, then the bureau's; department B has no
reviewer, so unit B's forms wait for the bureau at once."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from jixiao.web.forms.models import FormRecord
from jixiao.web.inbox.todo import todo_for
from jixiao.web.orgs.models import Organisation
from jixiao.web.rounds.models import Task
from jixiao.web.rounds.services import declare_no_projects, open_round
from jixiao.web.services.workflow import approve_form, return_form, submit_form


def inbox(world, user) -> str:
    response = world.client(user).get(reverse("inbox:page"))
    assert response.status_code == 200
    return response.content.decode()


def submitted_at(record: FormRecord, days_ago: int) -> None:
    moment = timezone.now() - datetime.timedelta(days=days_ago)
    FormRecord.objects.filter(pk=record.pk).update(submitted_at=moment)


def test_it_queues_submitted_forms_oldest_first_with_who_submitted(world) -> None:
    world.filler_b.first_name = "李四"
    world.filler_b.save()
    submit_form(world.form_a, world.filler_a)
    submit_form(world.form_b, world.filler_b)
    assert [w.record for w in todo_for(world.bureau_reviewer).waiting] == [world.form_b]
    approve_form(world.form_a, world.reviewer_a, reason="错误已核实")  # on to the bureau
    submitted_at(world.form_a, 1)
    submitted_at(world.form_b, 3)
    waiting = todo_for(world.bureau_reviewer).waiting
    assert [w.record for w in waiting] == [world.form_b, world.form_a]
    assert [w.record.submitted_by for w in waiting] == [world.filler_b, world.filler_a]
    page = inbox(world, world.bureau_reviewer)
    assert page.index("市民服务中心工作经费") < page.index("公共服务经费")
    assert "李四（filler_b）" in page and "filler_a" in page
    assert reverse("forms:detail", args=[world.form_b.pk]) in page


def test_it_marks_a_form_that_comes_back_after_a_return(world) -> None:
    submit_form(world.form_a, world.filler_a)
    return_form(world.form_a, world.reviewer_a, "请补充")
    submit_form(world.form_a, world.filler_a)
    submit_form(world.form_b, world.filler_b)
    assert "重新提交" in inbox(world, world.reviewer_a)
    approve_form(world.form_a, world.reviewer_a, reason="错误已核实")  # on to the bureau
    again = {w.record: w.resubmitted for w in todo_for(world.bureau_reviewer).waiting}
    assert again == {world.form_a: True, world.form_b: False}


def test_it_shows_a_reviewer_only_their_departments_forms(world) -> None:
    submit_form(world.form_a, world.filler_a)
    submit_form(world.form_b, world.filler_b)
    assert [w.record for w in todo_for(world.reviewer_a).waiting] == [world.form_a]
    page = inbox(world, world.reviewer_a)
    assert "公共服务经费" in page and "市民服务中心工作经费" not in page


def test_it_shows_a_reviewer_only_the_forms_at_their_level(world) -> None:
    submit_form(world.form_a, world.filler_a)
    assert todo_for(world.bureau_reviewer).waiting == []  # the department's turn first
    approve_form(world.form_a, world.reviewer_a, reason="错误已核实")
    assert todo_for(world.reviewer_a).waiting == []
    assert [w.record for w in todo_for(world.bureau_reviewer).waiting] == [world.form_a]
    assert "已提交 · 待财政局审核" in inbox(world, world.bureau_reviewer)
    # an administrator sees every submitted form, whatever its level
    assert [w.record for w in todo_for(world.admin).waiting] == [world.form_a]


def test_it_gives_a_clerk_no_review_queue(world) -> None:
    submit_form(world.form_a, world.filler_a)
    assert todo_for(world.filler_a).waiting == []
    assert 'id="waiting"' not in inbox(world, world.filler_a)


def test_it_lists_no_projects_declarations_of_the_reviewers_scope(world) -> None:
    extra = Organisation.objects.create(name="乙无项目单位", kind="unit", parent=world.dept_b)
    clerk = get_user_model().objects.create_user(username="filler_x", password="x")
    clerk.memberships.create(organisation=extra, role="filler")
    open_round(
        world.admin,
        owner=world.bureau,
        year=2020,
        deadline=timezone.localdate() + datetime.timedelta(days=5),
        scope=[world.dept_a, world.dept_b],
    )
    declare_no_projects(clerk, Task.objects.get(unit=extra), "本年度未安排项目支出")
    assert [t.unit for t in todo_for(world.bureau_reviewer).declarations] == [extra]
    assert "本年度未安排项目支出" in inbox(world, world.bureau_reviewer)
    assert todo_for(world.reviewer_a).declarations == []
    assert "本年度未安排项目支出" not in inbox(world, world.reviewer_a)
