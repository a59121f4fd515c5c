"""The progress board: per department and unit, counts and percentages that click through."""

from __future__ import annotations

import datetime
import re

from django.urls import reverse

from jixiao.web.orgs.models import Organisation
from jixiao.web.rounds.progress import board
from jixiao.web.rounds.services import open_round
from jixiao.web.rounds.status import TaskStatus

TODAY = datetime.date.today()


def bureau_round(world, deadline: datetime.date = TODAY + datetime.timedelta(days=10)):  # type: ignore[no-untyped-def]
    Organisation.objects.create(name="甲文化站", code="A-CULTURE", kind="unit", parent=world.dept_a)
    return world.open_round(deadline=deadline)


def test_it_counts_each_department_and_the_whole(world) -> None:
    shown = board(world.admin, bureau_round(world))
    by = {t.organisation: t for t in shown.departments}
    assert set(by) == {world.dept_a, world.dept_b}
    dept_a = by[world.dept_a]
    assert dept_a.units == 2 and dept_a.forms == 2
    assert dept_a.counts[TaskStatus.DRAFT] == 1 and dept_a.percent(TaskStatus.DRAFT) == 50.0
    assert dept_a.counts[TaskStatus.NOT_STARTED] == 1
    assert by[world.dept_b].percent(TaskStatus.NOT_STARTED) == 100.0
    assert shown.total.units == 3 and shown.total.completion == 0.0
    assert round(sum(shown.total.percent(s) for s in TaskStatus), 2) == 100.0


def test_every_number_clicks_through_to_its_units_or_forms(world) -> None:
    found = bureau_round(world)
    page = world.client(world.bureau_reviewer).get(reverse("rounds:detail", args=[found.pk]))
    text = page.content.decode()
    units = reverse("rounds:units", args=[found.pk])
    assert f'href="{units}?status=draft&amp;department={world.dept_a.pk}">1</a>' in text
    assert f'href="{units}?status=not_started&amp;department={world.dept_b.pk}">1</a>' in text
    assert f'href="{units}?status=not_started">2</a>' in text  # the 合计 row
    forms = reverse("forms:list")
    assert f'href="{forms}?unit={world.unit_a.pk}&amp;year=2020">2</a>' in text
    assert f'href="{forms}?unit={world.unit_a.pk}&amp;year=2020&amp;status=draft">2</a>' in text
    assert "50.0%" in text and "还剩 10 天" in text

    listed = world.client(world.bureau_reviewer).get(
        f"{units}?status=not_started&department={world.dept_a.pk}"
    )
    text = listed.content.decode()
    assert "未开始的预算单位（1 个）" in text
    assert "甲文化站" in text and "甲社区建设办公室" not in text and "乙市民服务中心" not in text
    # the forms list honours the link
    forms_page = world.client(world.bureau_reviewer).get(
        f"{forms}?unit={world.unit_a.pk}&year=2020&status=draft"
    )
    assert "自评表（2 张）" in forms_page.content.decode()


def test_it_sorts_by_any_column_on_the_server(world) -> None:
    found = bureau_round(world)
    client = world.client(world.admin)
    url = reverse("rounds:detail", args=[found.pk])

    def order(query: str, table: str) -> list[str]:
        text = client.get(url + query).content.decode()
        body = text.split(f'id="{table}"', 1)[1].split("</tbody>", 1)[0]
        return re.findall(r'<tr id="[a-z]+-(\d+)"', body)

    by_draft = order("?sort=-draft", "departments")
    assert by_draft == [str(world.dept_a.pk), str(world.dept_b.pk)]
    assert order("?sort=draft", "departments") == by_draft[::-1]
    by_forms = order("?usort=-forms", "units")
    assert by_forms[0] == str(world.unit_a.pk)
    assert order("?usort=code", "units")[0] == str(Organisation.objects.get(code="A-CULTURE").pk)
    # the header links keep the other table's order
    text = client.get(url + "?usort=code").content.decode()
    assert "?usort=code&amp;sort=name" in text or "?sort=name&amp;usort=code" in text


def test_the_deadline_shows_days_overdue(world) -> None:
    found = bureau_round(world, deadline=TODAY - datetime.timedelta(days=3))
    text = world.client(world.admin).get(reverse("rounds:detail", args=[found.pk])).content
    assert "已逾期 3 天" in text.decode()
    shown = board(world.admin, found)
    assert shown.total.counts[TaskStatus.OVERDUE] == 3


def test_a_department_reviewer_sees_only_their_own_rows(world) -> None:
    found = bureau_round(world)
    page = world.client(world.reviewer_a).get(reverse("rounds:detail", args=[found.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "甲社区建设办公室" in text and "乙市民服务中心" not in text
    assert f'id="department-{world.dept_b.pk}"' not in text
    assert board(world.reviewer_a, found).total.units == 2


def test_a_filler_sees_only_their_units_task(world) -> None:
    found = bureau_round(world)
    shown = board(world.filler_b, found)
    assert [row.unit for row in shown.units] == [world.unit_b]
    text = world.client(world.filler_b).get(reverse("rounds:detail", args=[found.pk]))
    assert "甲社区建设办公室" not in text.content.decode()


def test_a_round_without_units_in_scope_is_not_found(world) -> None:
    theirs = open_round(
        world.admin, owner=world.dept_b, year=2024, deadline=TODAY, scope=[world.dept_b]
    ).round
    for name in ("rounds:detail", "rounds:units", "rounds:export"):
        url = reverse(name, args=[theirs.pk])
        assert world.client(world.reviewer_a).get(url).status_code == 404
        assert world.client(world.filler_a).get(url).status_code == 404
    assert (
        world.client(world.filler_b).get(reverse("rounds:detail", args=[theirs.pk])).status_code
        == 200
    )
