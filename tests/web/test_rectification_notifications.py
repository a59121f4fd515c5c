"""Who is told when an item changes: the unit's 填报人 when it is made, confirmed or reopened;
the 审核人 over the unit when it is reported done. Each notification links the item."""

from __future__ import annotations

import datetime

from django.urls import reverse

from jixiao.web.inbox.models import Notification
from jixiao.web.rectification import services


def _told(kind: str = "rectification") -> list[tuple[str, str, str]]:
    return [
        (n.user.username, n.text, n.url)
        for n in Notification.objects.filter(kind=kind).select_related("user").order_by("pk")
    ]


def test_the_unit_and_the_reviewers_are_told_each_step(world) -> None:
    finding = world.form_a.latest.findings[0]
    [item] = services.from_findings(
        world.form_a,
        [services.finding_key(finding)],
        due=datetime.date(2031, 6, 30),
        requirement="",
        user=world.reviewer_a,
    )
    url = reverse("rectification:detail", args=[item.pk])
    [made] = _told()
    assert made[0] == "filler_a" and made[2] == url
    assert "审核人提出了整改要求，整改期限 2031-06-30。" in made[1]
    Notification.objects.all().delete()
    services.report_done(item, "已改", [services.Upload("a.txt", b"a")], world.filler_a)
    told = _told()
    assert {who for who, _, _ in told} == {"reviewer_a", "bureau_reviewer"}
    assert all("甲社区建设办公室报告整改完成" in text for _, text, _ in told)
    Notification.objects.all().delete()
    services.reopen(item, world.reviewer_a, "佐证不足")
    [(who, text, _)] = _told()
    assert who == "filler_a" and text.endswith("原因：佐证不足")
    assert not Notification.objects.filter(user=world.filler_b).exists()
