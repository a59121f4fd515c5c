"""Merging a unit into another: a confirmation says what follows, then its forms, files and
people belong to the other unit and the merged unit is kept, deactivated."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jixiao.web.orgs.models import AuditEvent, Membership


def test_the_confirmation_says_how_many_forms_files_and_people_follow(world) -> None:
    url = reverse("orgs:merge", args=[world.unit_b.pk])
    page = world.client(world.admin).get(url, {"into": world.unit_a.pk}).content.decode()
    assert "自评表 1" in page and "上传文件 1" in page and "人员 1" in page
    assert world.unit_a.label in page and "确认合并" in page
    world.unit_b.refresh_from_db()
    assert world.unit_b.active  # nothing happens before the confirmation


def test_merging_moves_the_forms_and_deactivates_the_unit(world) -> None:
    url = reverse("orgs:merge", args=[world.unit_b.pk])
    response = world.client(world.admin).post(url, {"into": world.unit_a.pk}, follow=True)
    world.form_b.refresh_from_db()
    world.unit_b.refresh_from_db()
    assert world.form_b.unit == world.unit_a
    assert not world.unit_b.active
    assert Membership.objects.filter(user=world.filler_b, organisation=world.unit_a).exists()
    assert "已停用" in " ".join(str(m) for m in response.context["messages"])
    assert AuditEvent.objects.filter(action="org_merge", organisation=world.unit_a).exists()
    # the reviewer of department A now reaches the merged form
    assert (
        world.client(world.reviewer_a)
        .get(reverse("forms:detail", args=[world.form_b.pk]))
        .status_code
        == 200
    )


def test_it_offers_only_other_active_units(world) -> None:
    page = (
        world.client(world.admin)
        .get(reverse("orgs:merge", args=[world.unit_b.pk]))
        .content.decode()
    )
    options = page.split('name="into"')[1].split("</select>")[0]
    assert world.unit_a.label in options
    assert world.unit_b.label not in options and world.dept_a.label not in options


def test_a_department_cannot_be_merged(world) -> None:
    url = reverse("orgs:merge", args=[world.dept_b.pk])
    assert world.client(world.admin).get(url).status_code == 404


@pytest.mark.parametrize("who", ["filler_b", "reviewer_a"])
def test_it_is_not_found_for_anyone_but_an_administrator(world, who: str) -> None:
    url = reverse("orgs:merge", args=[world.unit_b.pk])
    response = world.client(getattr(world, who)).post(url, {"into": world.unit_a.pk})
    assert response.status_code == 404
    world.form_b.refresh_from_db()
    assert world.form_b.unit == world.unit_b
