"""A task's status follows its unit's forms of the year: 草稿, 已提交, 已退回, 已审核, 无项目, 逾期."""

from __future__ import annotations

import datetime

from jixiao.web.forms.models import FormRecord
from jixiao.web.orgs.models import Organisation
from jixiao.web.rounds.models import Task
from jixiao.web.rounds.services import declare_no_projects, open_round
from jixiao.web.rounds.status import TaskStatus, task_states
from jixiao.web.services.workflow import approve_form, return_form, submit_form

DUE = datetime.date.today() + datetime.timedelta(days=30)


def approve(world, form: FormRecord) -> None:
    """Both review levels pass the form: the department, then the bureau (with a reason, for a
    form with error findings)."""
    for reviewer in (world.reviewer_a, world.bureau_reviewer):
        approve_form(form, reviewer, reason="错误已核实，不影响结论")


def status(task: Task, on: datetime.date | None = None) -> TaskStatus:
    (state,) = task_states(Task.objects.filter(pk=task.pk).select_related("round"), on=on)
    return state.status


def test_it_follows_the_forms_from_draft_to_approved(world) -> None:
    opened = open_round(
        world.admin, owner=world.bureau, year=2020, deadline=DUE, scope=[world.dept_a]
    )
    (task,) = opened.tasks
    forms = list(FormRecord.objects.filter(unit=world.unit_a, year=2020))
    assert len(forms) == 2
    assert status(task) == TaskStatus.DRAFT
    submit_form(forms[0], world.filler_a)
    assert status(task) == TaskStatus.DRAFT  # the other form is still a draft
    submit_form(forms[1], world.filler_a)
    assert status(task) == TaskStatus.SUBMITTED
    return_form(forms[0], world.reviewer_a, "请补充绩效指标")
    assert status(task) == TaskStatus.RETURNED
    approve(world, forms[1])
    assert status(task) == TaskStatus.RETURNED
    submit_form(forms[0], world.filler_a)
    assert status(task) == TaskStatus.SUBMITTED
    approve_form(forms[0], world.reviewer_a, reason="错误已核实，不影响结论")
    assert status(task) == TaskStatus.SUBMITTED  # passed by the department, the bureau's now
    approve_form(forms[0], world.bureau_reviewer, reason="错误已核实，不影响结论")
    assert status(task) == TaskStatus.APPROVED


def test_a_unit_without_forms_has_not_started_until_it_declares_none(world) -> None:
    unit_c = Organisation.objects.create(name="甲文化站", kind="unit", parent=world.dept_a)
    opened = open_round(
        world.admin, owner=world.bureau, year=2020, deadline=DUE, scope=[world.dept_a]
    )
    task = next(t for t in opened.tasks if t.unit == unit_c)
    assert status(task) == TaskStatus.NOT_STARTED
    declare_no_projects(world.admin, task, "本年度无项目支出")
    assert status(task) == TaskStatus.NO_PROJECTS
    assert status(task, on=DUE + datetime.timedelta(days=1)) == TaskStatus.NO_PROJECTS


def test_after_the_deadline_what_is_not_handed_in_is_overdue(world) -> None:
    opened = open_round(
        world.admin,
        owner=world.bureau,
        year=2020,
        deadline=DUE,
        scope=[world.dept_a, world.dept_b],
    )
    late = DUE + datetime.timedelta(days=1)
    drafts = {t.unit_id: t for t in opened.tasks}
    assert status(drafts[world.unit_a.pk], on=DUE) == TaskStatus.DRAFT  # the deadline day counts
    assert status(drafts[world.unit_a.pk], on=late) == TaskStatus.OVERDUE
    assert status(drafts[world.unit_b.pk], on=late) == TaskStatus.OVERDUE  # 未开始, late
    for form in FormRecord.objects.filter(unit=world.unit_a, year=2020):
        submit_form(form, world.filler_a)
    assert status(drafts[world.unit_a.pk], on=late) == TaskStatus.SUBMITTED


def test_forms_of_another_year_do_not_count(world) -> None:
    opened = open_round(
        world.admin, owner=world.bureau, year=2024, deadline=DUE, scope=[world.dept_a]
    )
    (task,) = opened.tasks
    assert status(task) == TaskStatus.NOT_STARTED  # unit A's forms are of 2020
    world.form_a.year = 2024
    world.form_a.save(update_fields=["year"])
    assert status(task) == TaskStatus.DRAFT  # re-dated: it belongs to the 2024 task at once
