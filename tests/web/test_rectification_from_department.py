"""The department page: the problems its overall evaluation names become 整改事项, each with
the report's 改进建议 as the requirement; the page lists the department's items."""

from __future__ import annotations

from django.urls import reverse

from jixiao.department.report import evaluation_problems
from jixiao.web.departments import services as departments
from jixiao.web.rectification.models import RectificationItem


def _problems(world):
    return evaluation_problems(departments.evaluate(world.reviewer_a, world.dept_a, 2020))


def test_the_reviewer_turns_the_evaluations_problems_into_items(world) -> None:
    problems = _problems(world)
    assert problems, "seed 004's forms give the department problems to rectify"
    client = world.client(world.reviewer_a)
    url = reverse("departments:detail", args=[world.dept_a.pk, 2020])
    page = client.get(url).content.decode()
    assert 'id="department-rectification-form"' in page
    assert problems[0].title in page
    client.post(
        reverse("rectification:from_department", args=[world.dept_a.pk, 2020]),
        {"problem": ["0"], "due": "2031-09-30"},
    )
    item = RectificationItem.objects.get()
    assert item.title == problems[0].title
    assert item.requirement == problems[0].requirement
    # the world's department has no 本级 unit: the department itself rectifies
    assert (item.unit, item.source, item.year) == (world.dept_a, "department", 2020)
    page = client.get(url).content.decode()
    assert 'id="rectification-items"' in page and item.title in page


def test_nothing_ticked_makes_nothing_and_says_so(world) -> None:
    response = world.client(world.reviewer_a).post(
        reverse("rectification:from_department", args=[world.dept_a.pk, 2020]),
        {"due": "2031-09-30"},
        follow=True,
    )
    assert "请至少选择一个问题" in response.content.decode()
    assert not RectificationItem.objects.exists()
