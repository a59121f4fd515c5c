"""Opening a round: a task for every active unit in scope, units that already have one skipped."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from jixiao.web.inbox.models import Notification
from jixiao.web.orgs.models import AuditEvent, Organisation
from jixiao.web.rounds.models import Task
from jixiao.web.rounds.services import open_round

DUE = datetime.date.today() + datetime.timedelta(days=30)


def test_it_makes_a_task_for_every_active_unit_in_scope(world) -> None:
    Organisation.objects.create(name="甲停用单位", kind="unit", parent=world.dept_a, active=False)
    opened = open_round(
        world.bureau_reviewer,
        owner=world.bureau,
        year=2020,
        deadline=DUE,
        scope=[world.dept_a, world.dept_b],
    )
    assert {t.unit.name for t in opened.tasks} == {"甲社区建设办公室", "乙市民服务中心"}
    assert opened.skipped == []
    assert opened.round.name == "2020年度项目支出绩效自评"
    assert set(opened.round.scope.all()) == {world.dept_a, world.dept_b}
    assert Notification.objects.filter(user=world.filler_a, kind="round").exists()
    assert AuditEvent.objects.filter(action="round_open", organisation=world.bureau).exists()


def test_it_skips_units_that_already_have_a_task_for_that_year(world) -> None:
    first = open_round(
        world.reviewer_a, owner=world.dept_a, year=2020, deadline=DUE, scope=[world.dept_a]
    )
    second = open_round(
        world.bureau_reviewer,
        owner=world.bureau,
        year=2020,
        deadline=DUE,
        scope=[world.dept_a, world.dept_b],
    )
    assert [t.unit for t in second.tasks] == [world.unit_b]
    assert second.skipped == [(world.unit_a, first.round)]
    assert Task.objects.filter(unit=world.unit_a, year=2020).count() == 1


def test_it_refuses_a_round_where_every_unit_already_has_a_task(world) -> None:
    open_round(world.admin, owner=world.bureau, year=2020, deadline=DUE, scope=[world.dept_a])
    with pytest.raises(ValidationError, match="都已有 2020 年度的自评任务"):
        open_round(world.admin, owner=world.bureau, year=2020, deadline=DUE, scope=[world.dept_a])


def test_a_department_reviewer_opens_only_for_their_own_department(world) -> None:
    with pytest.raises(PermissionDenied):
        open_round(
            world.reviewer_a, owner=world.dept_b, year=2020, deadline=DUE, scope=[world.dept_b]
        )
    with pytest.raises(ValidationError, match="不在“甲街道办事处”之下"):
        open_round(
            world.reviewer_a, owner=world.dept_a, year=2020, deadline=DUE, scope=[world.dept_b]
        )
    with pytest.raises(PermissionDenied):
        open_round(world.filler_a, owner=world.dept_a, year=2020, deadline=DUE, scope=[])


def test_it_refuses_an_unknown_policy_or_layout(world) -> None:
    with pytest.raises(ValidationError, match="没有名为“shanghai”的评分规则"):
        open_round(
            world.admin,
            owner=world.bureau,
            year=2020,
            deadline=DUE,
            scope=[world.dept_a],
            policy="shanghai",
        )
    with pytest.raises(ValidationError, match="没有名为“a4”的表样"):
        open_round(
            world.admin,
            owner=world.bureau,
            year=2020,
            deadline=DUE,
            scope=[world.dept_a],
            layout="a4",
        )


def test_the_page_opens_a_round_and_says_what_was_skipped(world) -> None:
    open_round(world.reviewer_a, owner=world.dept_a, year=2020, deadline=DUE, scope=[world.dept_a])
    client = world.client(world.bureau_reviewer)
    page = client.get(reverse("rounds:new")).content.decode()
    assert "甲街道办事处" in page and "乙市民服务中心" in page
    assert 'value="mof-2020"' in page and "财政部" in page  # policies and layouts listed
    assert f'value="{datetime.date.today().year - 1}"' in page  # last year by default
    answer = client.post(
        reverse("rounds:new"),
        {
            "owner": world.bureau.pk,
            "year": 2020,
            "deadline": DUE.isoformat(),
            "scope": [world.dept_a.pk, world.dept_b.pk],
            "policy": "mof-2020",
            "layout": "beijing",
        },
        follow=True,
    )
    text = answer.content.decode()
    assert "为 1 个预算单位建立了任务" in text
    assert "已有 2020 年度的任务，未重复建立" in text and world.unit_a.label in text
    assert Task.objects.get(unit=world.unit_b, year=2020).round.policy == "mof-2020"


def test_the_page_names_what_is_wrong(world) -> None:
    client = world.client(world.reviewer_a)
    page = client.post(
        reverse("rounds:new"),
        {"owner": world.dept_a.pk, "year": "二〇二〇", "deadline": "三月", "policy": "beijing"},
    ).content.decode()
    assert "年度应是四位数字" in page
    assert "截止日期应写作" in page
    assert "请选择参加本次自评的主管部门或预算单位" in page
    assert not Task.objects.exists()


def test_a_department_reviewer_can_only_choose_their_own_units(world) -> None:
    client = world.client(world.reviewer_a)
    page = client.get(reverse("rounds:new")).content.decode()
    assert "甲社区建设办公室" in page and "乙市民服务中心" not in page
    client.post(
        reverse("rounds:new"),
        {
            "owner": world.dept_b.pk,
            "year": 2024,
            "deadline": DUE.isoformat(),
            "scope": [world.unit_b.pk],
            "policy": "beijing",
            "layout": "beijing",
        },
    )
    assert not Task.objects.exists()


def test_a_filler_may_not_open_a_round(world) -> None:
    assert world.client(world.filler_a).get(reverse("rounds:new")).status_code == 403
