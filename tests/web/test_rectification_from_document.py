"""A 监控表's (or 申报表's) findings become 整改事项 from its page, like a form's."""

from __future__ import annotations

from django.urls import reverse
from documents_world import monitoring

from jixiao.web.rectification import services
from jixiao.web.rectification.models import RectificationItem
from jixiao.web.services.documents import create_document


def test_the_reviewer_turns_a_monitoring_tables_finding_into_an_item(world) -> None:
    record = create_document(world.unit_a, "monitoring", monitoring(), world.filler_a, "测试")
    findings = record.latest.findings
    assert findings, "完全不可能 and 30 % by July give the table findings"
    client = world.client(world.reviewer_a)
    url = reverse("documents:detail", args=["monitoring", record.pk])
    page = client.get(url).content.decode()
    assert 'id="rectification-form"' in page
    key = services.finding_key(findings[0])
    client.post(
        reverse("rectification:from_document", args=["monitoring", record.pk]),
        {"finding": [key], "due": "2031-10-31", "requirement": "提出纠偏措施"},
    )
    item = RectificationItem.objects.get()
    assert (item.record, item.unit, item.source) == (record, world.unit_a, "monitoring")
    assert item.finding_code == findings[0]["code"]
    assert item.title == findings[0]["message"]
    assert item.title in client.get(url).content.decode()
    # the clerk sees no form to make items, and the other tenant's reviewer reaches nothing
    clerk = world.client(world.filler_a).get(url).content.decode()
    assert 'id="rectification-form"' not in clerk
    other = world.client(world.filler_b).post(
        reverse("rectification:from_document", args=["monitoring", record.pk]),
        {"finding": [key], "due": "2031-10-31"},
    )
    assert other.status_code == 404
