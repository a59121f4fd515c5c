"""The monitoring board: per department the count of 红 / 黄 / 绿 projects, each project with its
light, rate and the indicators at risk, each clicking through; a person sees their scope only."""

from __future__ import annotations

from django.urls import reverse
from documents_world import monitoring, only, upload

from jixiao.web.services.documents import create_document


def test_the_board_counts_the_red_project_of_its_department(world, monitoring_files) -> None:
    upload(world.client(world.filler_a), monitoring_files["seed004_july", "xlsx"], world.unit_a.pk)
    green = monitoring(
        "市民服务中心工作经费",
        funds={"annual_budget": "100", "executed": "70", "unit": "万元"},
        indicators=[
            {"level1": "产出指标", "name": "服务人次", "target": "1000", "likelihood": "确定能"}
        ],
    )
    create_document(world.unit_b, "monitoring", green, world.filler_b, note="新建")
    record = only("monitoring", unit=world.unit_a)
    page = world.client(world.admin).get(reverse("documents:board")).content.decode()
    assert "监控预警看板（2020年度）" in page
    section_a = page.split('data-department="甲街道办事处"')[1].split("</section>")[0]
    assert '<span class="count-red">1</span>' in section_a
    assert '<span class="count-green">0</span>' in section_a
    assert reverse("documents:detail", args=["monitoring", record.pk]) in section_a
    assert "（完全不可能）" in section_a and "30.00%" in section_a
    assert reverse("projects:detail", args=[record.project_id]) in section_a
    section_b = page.split('data-department="乙街道办事处"')[1].split("</section>")[0]
    assert '<span class="count-green">1</span>' in section_b
    assert '<span class="count-red">0</span>' in section_b


def test_a_unit_sees_only_its_own_projects_on_the_board(world, monitoring_files) -> None:
    upload(world.client(world.filler_a), monitoring_files["seed004_july", "xlsx"], world.unit_a.pk)
    page = world.client(world.filler_b).get(reverse("documents:board")).content.decode()
    assert "公共服务经费" not in page
    assert "还没有运行监控表" in page
