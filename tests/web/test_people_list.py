"""The people page: who has which role where, filtered by organisation, role and text; only
administrators reach it."""

from __future__ import annotations

import pytest
from django.urls import reverse


def _rows(client, **query: str) -> str:
    page = client.get(reverse("orgs:people"), query).content.decode()
    return page.split('id="people"')[1].split("</table>")[0]


def test_it_lists_people_with_their_roles_and_organisations(world) -> None:
    world.filler_a.first_name = "张三"
    world.filler_a.email = "zhangsan@example.gov.cn"
    world.filler_a.save()
    rows = _rows(world.client(world.admin))
    assert "filler_a" in rows and "张三" in rows and "zhangsan@example.gov.cn" in rows
    assert f"填报人（{world.unit_a.label}）" in rows
    assert f"审核人（{world.dept_a.label}）" in rows
    assert "从未" in rows  # nobody logged in through the form in this world


def test_it_filters_by_organisation_role_and_text(world) -> None:
    client = world.client(world.admin)
    by_unit = _rows(client, organisation=str(world.unit_b.pk))
    assert "filler_b" in by_unit and "filler_a" not in by_unit
    by_role = _rows(client, role="reviewer")
    assert "reviewer_a" in by_role and "bureau_reviewer" in by_role and "filler_a" not in by_role
    by_text = _rows(client, q="FILLER_")
    assert "filler_a" in by_text and "filler_b" in by_text and "reviewer_a" not in by_text


@pytest.mark.parametrize("who", ["filler_a", "reviewer_a", "bureau_reviewer"])
def test_it_is_not_found_for_anyone_but_an_administrator(world, who: str) -> None:
    client = world.client(getattr(world, who))
    assert client.get(reverse("orgs:people")).status_code == 404
    assert client.post(reverse("orgs:people"), {"username": "mole"}).status_code == 404
    assert client.get(reverse("orgs:person", args=[world.filler_b.pk])).status_code == 404
    for action in ("update", "grant", "revoke", "deactivate", "activate", "reset"):
        url = reverse("orgs:person_action", args=[world.filler_b.pk, action])
        assert client.post(url).status_code == 404
    world.filler_b.refresh_from_db()
    assert world.filler_b.is_active
