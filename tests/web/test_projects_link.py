"""Linking two projects by hand (并入另一个项目): the records and rectification items move, the
link is in the audit log, later documents under the old name land in the project kept; only
projects of one unit, and only within the asker's scope."""

from __future__ import annotations

from django.urls import reverse

from jixiao.web.forms.models import FormRecord
from jixiao.web.orgs.models import AuditEvent
from jixiao.web.projects.models import Project
from jixiao.web.rectification.models import RectificationItem
from jixiao.web.services.projects import link, project_for


def test_linking_moves_the_records_and_items_and_is_audited(world) -> None:
    form = world.form_a  # 公共服务经费, its project set on import
    old = form.project
    assert old is not None and old.name == "公共服务经费"
    kept = project_for(world.unit_a, "社区公共服务经费（更名后）")
    item = RectificationItem.objects.create(
        unit=world.unit_a, project=old, year=2020, source="finding", title="绩效目标不够细化"
    )
    link(kept, old, world.reviewer_a)
    form.refresh_from_db()
    item.refresh_from_db()
    old.refresh_from_db()
    assert form.project_id == kept.pk
    assert item.project_id == kept.pk
    assert old.merged_into_id == kept.pk and old.merged_by == world.reviewer_a
    event = AuditEvent.objects.get(action="并入项目")
    assert "公共服务经费" in event.detail["merged"]
    assert event.detail["moved"] == "1 张表、1 项整改事项"
    assert project_for(world.unit_a, "公共服务经费") == kept


def test_projects_of_two_units_are_not_linked(world) -> None:
    a = world.form_a.project
    b = world.form_b.project
    response = world.client(world.admin).post(
        reverse("projects:link", args=[a.pk]), {"into": b.pk}, follow=True
    )
    assert "只能合并同一预算单位的项目" in response.content.decode()
    a.refresh_from_db()
    assert a.merged_into_id is None


def test_the_page_links_a_project_into_another(world) -> None:
    old = world.form_a.project
    kept = project_for(world.unit_a, "社区公共服务经费")
    client = world.client(world.filler_a)
    page = client.get(reverse("projects:detail", args=[old.pk])).content.decode()
    assert "并入另一个项目" in page and "社区公共服务经费" in page
    response = client.post(reverse("projects:link", args=[old.pk]), {"into": kept.pk})
    assert response.status_code == 302 and response["Location"] == reverse(
        "projects:detail", args=[kept.pk]
    )
    assert FormRecord.objects.get(pk=world.form_a.pk).project_id == kept.pk
    # the old page leads to the project kept
    again = client.get(reverse("projects:detail", args=[old.pk]))
    assert again.status_code == 302 and again["Location"].endswith(f"/projects/{kept.pk}/")


def test_the_other_units_project_is_out_of_reach(world) -> None:
    theirs = world.form_b.project
    mine = world.form_a.project
    client = world.client(world.filler_a)
    assert client.get(reverse("projects:detail", args=[theirs.pk])).status_code == 404
    response = client.post(reverse("projects:link", args=[theirs.pk]), {"into": mine.pk})
    assert response.status_code == 404
    response = client.post(reverse("projects:link", args=[mine.pk]), {"into": theirs.pk})
    assert response.status_code == 404
    assert Project.objects.filter(merged_into__isnull=False).count() == 0
