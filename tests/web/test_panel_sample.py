"""One click brings seed 002's expert panel: the sheet, the computed grade and the wrong 失分率."""

from __future__ import annotations

from django.urls import reverse

from jixiao.web.panels.models import Panel


def test_the_admin_imports_the_sample_panel_under_the_sample_department(world) -> None:
    client = world.client(world.admin)
    response = client.post(reverse("panels:sample"), follow=True)
    page = response.content.decode()
    assert "已导入样例专家评价" in page and "5 位专家" in page
    panel = Panel.objects.get()
    assert panel.organisation.name == "丰台区政务服务管理局"
    assert panel.experts == ["陈竹", "刘文辉", "刘莉君", "伏虎", "郭家义"]
    assert "83.72" in page and "良好" in page  # the seed's average total and grade
    assert "19.11%" in page and "18.33%" in page  # 资金管理: 1 − 9.80 ÷ 12 = 18.33%


def test_a_unit_imports_the_sample_into_its_own_unit_and_the_other_unit_cannot_see_it(
    world,
) -> None:
    world.client(world.filler_a).post(reverse("panels:sample"))
    panel = Panel.objects.get()
    assert panel.organisation == world.unit_a
    other = world.client(world.filler_b).get(reverse("panels:detail", args=[panel.pk]))
    assert other.status_code == 404


def test_the_sample_is_only_posted(world) -> None:
    assert world.client(world.admin).get(reverse("panels:sample")).status_code == 405
