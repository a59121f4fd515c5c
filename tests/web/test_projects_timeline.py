"""The project page: one project's year by year — 申报表, 运行监控, 自评表, 专家评价, 整改 — each
document one click away; another unit's panel of the same name is not this project's."""

from __future__ import annotations

from django.urls import reverse
from documents_world import only, upload

from jixiao.web.panels.models import Panel
from jixiao.web.rectification.models import RectificationItem


def test_the_project_page_shows_the_five_steps_of_its_year(
    world, targets_files, monitoring_files
) -> None:
    client = world.client(world.filler_a)
    upload(client, targets_files["anzhen", "docx"], world.unit_a.pk)
    upload(client, monitoring_files["seed004_july", "xlsx"], world.unit_a.pk)
    project = world.form_a.project
    panel = Panel.objects.create(project="公共服务经费", year=2020, organisation=world.dept_a)
    Panel.objects.create(project="公共服务经费", year=2020, organisation=world.dept_b)  # not ours
    item = RectificationItem.objects.create(
        unit=world.unit_a, project=project, year=2020, source="panel", title="绩效目标设定不够具体"
    )
    page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    year = page.split('data-year="2020"')[1].split("</section>")[0]
    steps = {
        key: year.split(f'data-step="{key}"')[1].split("</tr>")[0]
        for key in ("targets", "monitoring", "self", "panel", "rectification")
    }
    targets = only("targets", unit=world.unit_a)
    monitoring = only("monitoring", unit=world.unit_a)
    assert reverse("documents:detail", args=["targets", targets.pk]) in steps["targets"]
    assert reverse("documents:detail", args=["monitoring", monitoring.pk]) in steps["monitoring"]
    assert "light-red" in steps["monitoring"]
    assert reverse("forms:detail", args=[world.form_a.pk]) in steps["self"]
    assert reverse("panels:detail", args=[panel.pk]) in steps["panel"]
    assert steps["panel"].count("panels/") == 1  # department B's panel is another project's
    assert "绩效目标设定不够具体" in steps["rectification"]
    assert reverse("rectification:detail", args=[item.pk]) in steps["rectification"]


def test_a_year_without_a_step_says_so(world) -> None:
    project = world.form_a.project
    page = world.client(world.filler_a).get(reverse("projects:detail", args=[project.pk]))
    year = page.content.decode().split('data-year="2020"')[1].split("</section>")[0]
    targets_row = year.split('data-step="targets"')[1].split("</tr>")[0]
    assert "—" in targets_row and "href" not in targets_row


def test_the_project_list_shows_the_units_projects_only(world) -> None:
    page = world.client(world.filler_a).get(reverse("projects:list")).content.decode()
    assert reverse("projects:detail", args=[world.form_a.project_id]) in page
    assert reverse("projects:detail", args=[world.form_b.project_id]) not in page


def test_the_form_page_leads_to_its_project(world) -> None:
    page = world.client(world.filler_a).get(reverse("forms:detail", args=[world.form_a.pk]))
    assert reverse("projects:detail", args=[world.form_a.project_id]) in page.content.decode()
