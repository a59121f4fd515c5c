"""The 部门整体评价 pages: departments × years, one department's year, and who may see them."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.urls import reverse


def _page(world, user, department, year: int):  # type: ignore[no-untyped-def]
    return world.client(user).get(reverse("departments:detail", args=[department.pk, year]))


def test_a_department_reviewer_sees_only_their_department_in_the_index(world) -> None:
    page = world.client(world.reviewer_a).get(reverse("departments:index")).content.decode()
    assert "甲街道办事处" in page
    assert "乙街道办事处" not in page


def test_the_bureau_sees_every_department_and_year(world) -> None:
    page = world.client(world.bureau_reviewer).get(reverse("departments:index")).content.decode()
    assert reverse("departments:detail", args=[world.dept_a.pk, 2020]) in page
    assert reverse("departments:detail", args=[world.dept_b.pk, 2024]) in page


def test_a_unit_user_sees_no_department(world) -> None:
    page = world.client(world.filler_a).get(reverse("departments:index")).content.decode()
    assert "没有您可以查看的部门" in page
    # not even the department above their own unit: its evaluation rolls up other units' forms
    assert _page(world, world.filler_a, world.dept_a, 2020).status_code == 404


def test_the_page_rolls_up_the_departments_forms(world) -> None:
    response = _page(world, world.reviewer_a, world.dept_a, 2020)
    assert response.status_code == 200
    page = response.content.decode()
    assert "公共服务经费" in page and "民生家园建设经费" in page
    # seed 004: 全年预算数 2175.9657 + 1000, 全年执行数 1960.5869 + 1000
    rate = Decimal("2960.5869") / Decimal("3175.9657") * 100
    assert f"{rate.quantize(Decimal('0.01'), ROUND_HALF_UP)}%" in page  # 93.22%
    assert "3175.97" in page and "2960.59" in page
    assert "下载部门评价报告（Word）" in page
    assert "尚不能计算" in page  # no figures entered yet: no overall score


def test_a_reviewer_cannot_open_another_departments_page(world) -> None:
    assert _page(world, world.reviewer_a, world.dept_b, 2024).status_code == 404


def test_an_organisation_that_is_not_a_department_has_no_page(world) -> None:
    assert _page(world, world.admin, world.unit_a, 2020).status_code == 404


def test_the_page_needs_a_login(world, client) -> None:  # type: ignore[no-untyped-def]
    url = reverse("departments:detail", args=[world.dept_a.pk, 2020])
    assert client.get(url).status_code == 302
