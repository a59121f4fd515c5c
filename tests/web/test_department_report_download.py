"""Downloading the department's Word report from its page."""

from __future__ import annotations

import io

import docx
from django.urls import reverse


def test_it_downloads_the_report_of_the_department(world) -> None:
    url = reverse("departments:report", args=[world.dept_a.pk, 2020])
    response = world.client(world.reviewer_a).get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    document = docx.Document(io.BytesIO(b"".join(response.streaming_content)))
    assert document.paragraphs[0].text == "甲街道办事处2020年度部门整体绩效评价报告"
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert [r[1] for r in rows[1:]] == ["公共服务经费", "民生家园建设经费", "合计"]
    assert rows[-1][2:5] == ["3175.97", "2960.59", "93.22%"]


def test_another_departments_report_is_not_found(world) -> None:
    url = reverse("departments:report", args=[world.dept_b.pk, 2024])
    assert world.client(world.reviewer_a).get(url).status_code == 404
    url = reverse("departments:report", args=[world.dept_a.pk, 2020])
    assert world.client(world.filler_a).get(url).status_code == 404


def test_the_download_is_in_the_audit_log(world) -> None:
    from jixiao.web.orgs.models import AuditEvent

    url = reverse("departments:report", args=[world.dept_a.pk, 2020])
    world.client(world.reviewer_a).get(url)
    event = AuditEvent.objects.get(action="department_report")
    assert (event.user, event.target) == (world.reviewer_a, "甲街道办事处 2020年度")
