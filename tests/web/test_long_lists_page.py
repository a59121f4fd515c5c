"""Projects and people are listed a page at a time as forms are (they stopped at the first 500,
the rest out of reach but by a filter)."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from jixiao.web.orgs.models import Membership
from jixiao.web.paging import PAGE_SIZE
from jixiao.web.projects.models import Project


def test_projects_page_through_all_of_them(world) -> None:
    Project.objects.bulk_create(
        Project(unit=world.unit_a, identity=f"name:项目{i:03d}", name=f"项目{i:03d}")
        for i in range(PAGE_SIZE + 7)
    )
    client = world.client(world.admin)
    total = Project.objects.filter(merged_into__isnull=True).count()
    first = client.get("/projects/")
    assert first.context["count"] == total and len(first.context["records"]) == PAGE_SIZE
    assert f"第 1–{PAGE_SIZE} 个，共 {total} 个" in first.content.decode()
    last = client.get("/projects/?page=2")
    assert len(last.context["records"]) == total - PAGE_SIZE
    shown = {p.pk for p in first.context["records"]} | {p.pk for p in last.context["records"]}
    assert len(shown) == total


def test_people_page_through_all_of_them(world) -> None:
    people = get_user_model().objects.bulk_create(
        get_user_model()(username=f"clerk{i:03d}") for i in range(PAGE_SIZE + 3)
    )
    Membership.objects.bulk_create(
        Membership(user=p, organisation=world.unit_a, role=Membership.Role.FILLER) for p in people
    )
    client = world.client(world.admin)
    total = get_user_model().objects.count()
    first = client.get("/orgs/people/")
    assert first.context["count"] == total and len(first.context["records"]) == PAGE_SIZE
    assert f"共 {total} 人" in first.content.decode()
    second = client.get("/orgs/people/?page=2&role=filler")
    assert second.context["page"] == 2
    assert 'href="?role=filler&amp;page=1"' in second.content.decode()
