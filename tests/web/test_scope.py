"""Every page, download and action answers only for forms in the user's scope."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jixiao.web.scope import forms_for

GET_PAGES = ["forms:detail", "forms:edit", "forms:original"]
POST_ACTIONS = ["submit", "return", "approve", "reopen"]


def test_a_filler_sees_only_their_units_forms(world) -> None:
    assert set(forms_for(world.filler_a)) == set(world.form_a.unit.forms.all())
    assert world.form_b not in forms_for(world.filler_a)


def test_a_department_reviewer_sees_their_departments_units_only(world) -> None:
    visible = set(forms_for(world.reviewer_a))
    assert world.form_a in visible and world.form_b not in visible


def test_the_bureau_reviewer_and_the_admin_see_everything(world) -> None:
    for user in (world.bureau_reviewer, world.admin):
        assert {world.form_a, world.form_b} <= set(forms_for(user))


@pytest.mark.parametrize("name", GET_PAGES)
def test_it_validates_ownership_of_pages(world, name: str) -> None:
    client = world.client(world.filler_a)
    assert client.get(reverse(name, args=[world.form_b.pk])).status_code == 404
    assert (
        world.client(world.reviewer_a).get(reverse(name, args=[world.form_b.pk])).status_code == 404
    )


def test_it_validates_ownership_of_versions_and_previews(world) -> None:
    client = world.client(world.filler_a)
    assert client.get(reverse("forms:version", args=[world.form_b.pk, 1])).status_code == 404
    assert client.post(reverse("forms:preview", args=[world.form_b.pk]), {}).status_code == 404


@pytest.mark.parametrize("action", POST_ACTIONS)
def test_it_validates_ownership_of_actions(world, action: str) -> None:
    response = world.client(world.filler_a).post(
        reverse("forms:action", args=[world.form_b.pk, action])
    )
    assert response.status_code == 404
    world.form_b.refresh_from_db()
    assert world.form_b.status == "draft"


def test_the_list_and_its_export_show_only_the_users_forms(world) -> None:
    client = world.client(world.filler_a)
    page = client.get(reverse("forms:list")).content.decode()
    assert "公共服务经费" in page and "市民服务中心工作经费" not in page
    export = client.get(reverse("forms:list") + "?export=csv").getvalue().decode("utf-8-sig")
    assert "公共服务经费" in export and "市民服务中心工作经费" not in export


def test_new_forms_can_only_be_made_in_the_users_unit(world) -> None:
    response = world.client(world.filler_a).post(
        reverse("forms:new"), {"unit": world.unit_b.pk, "year": "2025"}
    )
    assert response.status_code == 403


def test_anonymous_visitors_are_sent_to_login(client, world) -> None:
    response = client.get(reverse("forms:detail", args=[world.form_a.pk]))
    assert response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.mark.parametrize("name", ["jobs:detail", "jobs:download", "jobs:retry"])
def test_it_validates_ownership_of_background_jobs(world, name: str) -> None:
    from jixiao.web.jobs.services import start_export

    job = start_export(world.filler_b, [world.form_b.pk], "csv", "beijing", "indicators")
    for user in (world.filler_a, world.reviewer_a, world.bureau_reviewer):
        client = world.client(user)
        response = client.post(reverse(name, args=[job.pk])) if name == "jobs:retry" else None
        response = response or client.get(reverse(name, args=[job.pk]))
        assert response.status_code == 404
    assert (
        world.client(world.filler_b).get(reverse("jobs:detail", args=[job.pk])).status_code == 200
    )


def test_it_validates_ownership_of_a_departments_recheck(world) -> None:
    url = reverse("jobs:recheck_department", args=[world.dept_b.pk, 2024])
    for user in (world.filler_a, world.filler_b, world.reviewer_a):
        assert world.client(user).post(url).status_code == 404
