"""Every page and endpoint that issue 10 added, asked for the other tenant's object: 404.

The world: unit A under department A, unit B under department B. Department B opens a round for
its own units. The clerk of unit A and the reviewer of department A ask for what belongs to
department B — its round, unit B's task, unit B itself, unit B's clerk — and for the set-up pages
only administrators open. Each answer is 404 (no hint that the thing exists) and nothing changes.
"""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from jixiao.web.inbox.models import Notification
from jixiao.web.orgs.models import Membership
from jixiao.web.rounds.models import Task
from jixiao.web.rounds.services import open_round
from jixiao.web.services.tokens import create_token

DUE = datetime.date.today() + datetime.timedelta(days=10)
ASKERS = ["filler_a", "reviewer_a"]


@pytest.fixture
def b_round(world):
    Membership.objects.create(
        user=world.bureau_reviewer, organisation=world.dept_b, role=Membership.Role.REVIEWER
    )
    return open_round(
        world.bureau_reviewer, owner=world.dept_b, year=2024, deadline=DUE, scope=[world.dept_b]
    ).round


def _pages(world, b_round) -> list[str]:
    task = Task.objects.get(round=b_round, unit=world.unit_b)
    return [
        reverse("orgs:tree"),
        reverse("orgs:create"),
        reverse("orgs:people"),
        reverse("orgs:person", args=[world.filler_b.pk]),
        reverse("orgs:organisation", args=[world.unit_b.pk]),
        reverse("orgs:merge", args=[world.unit_b.pk]),
        reverse("setup_sheet:page"),
        reverse("setup_sheet:template"),
        reverse("rounds:detail", args=[b_round.pk]),
        reverse("rounds:units", args=[b_round.pk]),
        reverse("rounds:export", args=[b_round.pk]),
        reverse("rounds:task", args=[task.pk]),
    ]


@pytest.mark.parametrize("asker", ASKERS)
def test_it_refuses_the_other_tenants_pages(world, b_round, asker: str) -> None:
    client = world.client(getattr(world, asker))
    answers = {url: client.get(url).status_code for url in _pages(world, b_round)}
    assert answers == {url: 404 for url in answers}


@pytest.mark.parametrize("asker", ASKERS)
def test_it_refuses_the_other_tenants_actions_and_changes_nothing(
    world, b_round, asker: str
) -> None:
    client = world.client(getattr(world, asker))
    task = Task.objects.get(round=b_round, unit=world.unit_b)
    notification = Notification.objects.filter(user=world.filler_b).first()
    assert notification is not None  # the round told unit B's clerk
    posts = {
        reverse("orgs:organisation_action", args=[world.unit_b.pk, "deactivate"]): {},
        reverse("orgs:person_action", args=[world.filler_b.pk, "reset"]): {},
        reverse("orgs:merge", args=[world.unit_b.pk]): {"target": world.unit_a.pk},
        reverse("rounds:no_projects", args=[task.pk]): {"reason": "无项目"},
        reverse("inbox:open", args=[notification.pk]): {},
    }
    answers = {url: client.post(url, data).status_code for url, data in posts.items()}
    assert answers == {url: 404 for url in answers}
    assert client.get(reverse("inbox:open", args=[notification.pk])).status_code == 404
    world.unit_b.refresh_from_db()
    task.refresh_from_db()
    notification.refresh_from_db()
    assert world.unit_b.active and not task.no_projects and notification.read_at is None
    assert world.form_b.unit_id == world.unit_b.pk


def test_the_audit_log_is_not_a_clerks_page(world) -> None:
    assert world.client(world.filler_a).get(reverse("audit:log")).status_code == 404


@pytest.mark.parametrize("asker", ASKERS)
def test_the_api_refuses_the_other_tenants_objects(world, b_round, asker: str) -> None:
    token = create_token(getattr(world, asker), "scope")
    api = Client(headers={"Authorization": f"Bearer {token}"})
    code_b = world.unit_b.code
    gets = [
        f"/api/organisations/{code_b}",
        f"/api/rounds/{b_round.pk}",
        f"/api/rounds/{b_round.pk}/progress",
    ]
    assert {url: api.get(url).status_code for url in gets} == {url: 404 for url in gets}
    declared = api.post(
        f"/api/rounds/{b_round.pk}/tasks/{code_b}/no-projects",
        {"reason": "无项目"},
        content_type="application/json",
    )
    assert declared.status_code == 404
    assert b_round.pk not in [r["id"] for r in api.get("/api/rounds").json()]
    assert code_b not in [o["code"] for o in api.get("/api/organisations").json()]
    assert api.get("/api/people/filler_b").status_code == 404


def test_the_people_api_never_gives_out_passwords(world) -> None:
    token = create_token(world.admin, "people")
    api = Client(headers={"Authorization": f"Bearer {token}"})
    text = api.get("/api/people").content.decode()
    assert "filler_a" in text and "filler_b" in text
    assert "password" not in text and "md5$" not in text and "pbkdf2" not in text
