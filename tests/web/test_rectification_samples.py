"""Importing the samples makes the 整改事项 seed 002's department evaluation names, for the
sample department's own (本级) unit, with its 措施建议 as the requirements; once only."""

from __future__ import annotations

from django.urls import reverse

from jixiao.web.rectification.models import RectificationItem
from jixiao.web.services.samples import rectification_from_samples, set_up_sample_bureau


def test_the_sample_import_makes_seed_002s_items_for_the_sample_department(world) -> None:
    world.client(world.admin).post(reverse("forms:samples"))
    items = list(RectificationItem.objects.order_by("pk"))
    assert [i.title for i in items] == [
        "绩效目标的设定不够具体、细化",
        "部分项目缺少实施方案，或项目实施方案可操作性一般",
    ]
    assert {i.unit.name for i in items} == {"丰台区政务服务管理局（本级）"}
    assert {i.unit.parent.name for i in items} == {"丰台区政务服务管理局"}
    assert {i.source for i in items} == {"department"}
    assert {i.year for i in items} == {2021}
    assert items[0].requirement.startswith("加强绩效目标论证，增加绩效目标的可量化性")
    assert "实施方案" in items[1].requirement
    assert all(i.due is not None and i.status == "pending" for i in items)


def test_importing_twice_makes_the_items_once(world) -> None:
    tree = set_up_sample_bureau(world.admin)
    first = rectification_from_samples(world.admin, tree)
    again = rectification_from_samples(world.admin, tree)
    assert len(first) == 2
    assert again == []
    assert RectificationItem.objects.count() == 2
