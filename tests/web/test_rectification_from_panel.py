"""An expert panel's report: the problems its "存在的问题" names become 整改事项 of the panel's
unit, each with the report's matching 建议 as the requirement, from the panel's page."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from panel_world import SEED_002, seed_panel

from jixiao.web.panels import services as panels
from jixiao.web.rectification.models import RectificationItem


@pytest.fixture
def panel(world):
    made = seed_panel(world)
    text = panels.report_text_from_file(made, SEED_002.name, SEED_002.read_bytes())
    panels.check_report(world.filler_a, made, text)
    return made


def test_the_panel_page_offers_the_reports_problems_to_a_reviewer(world, panel) -> None:
    page = world.client(world.reviewer_a).get(reverse("panels:detail", args=[panel.pk]))
    text = page.content.decode()
    assert 'id="panel-rectification-form"' in text
    assert "【项目管理】运维质量监控有待进一步完善" in text
    assert text.count('name="problem"') == 7
    clerk = world.client(world.filler_a).get(reverse("panels:detail", args=[panel.pk]))
    assert 'id="panel-rectification-form"' not in clerk.content.decode()


def test_the_ticked_problems_become_items_with_the_reports_measures(world, panel) -> None:
    client = world.client(world.reviewer_a)
    url = reverse("rectification:from_panel", args=[panel.pk])
    client.post(url, {"problem": ["3", "5"], "due": "2031-12-31", "requirement": ""})
    items = list(RectificationItem.objects.order_by("pk"))
    assert [i.title for i in items] == [
        "缺少项目实施方案，项目实施时间、验收标准、管理措施和风险预估以及应对预案等内容，"
        "有效性不足，项目实施指导性作用不强",
        "运维质量监控有待进一步完善",
    ]
    assert items[0].requirement == "完善项目实施方案，发挥其对项目实施的指导性作用。"
    assert items[1].requirement == "建立健全运维工作的验收考核制度，保障运维工作持续开展。"
    assert {(i.unit, i.panel, i.source, i.year) for i in items} == {
        (world.unit_a, panel, "panel", 2021)
    }
    assert {i.due for i in items} == {datetime.date(2031, 12, 31)}
    # the same problems again make nothing new; the page lists the items
    client.post(url, {"problem": ["3"], "due": "2031-12-31"})
    assert RectificationItem.objects.count() == 2
    page = client.get(reverse("panels:detail", args=[panel.pk])).content.decode()
    assert 'id="rectification-items"' in page


def test_a_given_requirement_replaces_the_reports_measure(world, panel) -> None:
    world.client(world.reviewer_a).post(
        reverse("rectification:from_panel", args=[panel.pk]),
        {"problem": ["0"], "due": "2031-12-31", "requirement": "三个月内重新设定绩效目标"},
    )
    item = RectificationItem.objects.get()
    assert item.requirement == "三个月内重新设定绩效目标"


def test_nothing_ticked_is_named_and_makes_nothing(world, panel) -> None:
    response = world.client(world.reviewer_a).post(
        reverse("rectification:from_panel", args=[panel.pk]), {"due": "2031-12-31"}, follow=True
    )
    assert "请至少选择一个问题" in response.content.decode()
    assert not RectificationItem.objects.exists()
