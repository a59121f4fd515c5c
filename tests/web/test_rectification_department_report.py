"""The department's Word report lists its 整改事项 with status and due date."""

from __future__ import annotations

import datetime
import io

import docx
from django.urls import reverse

from jixiao.web.rectification import services
from jixiao.web.rounds.status import today


def _report(world) -> docx.document.Document:
    url = reverse("departments:report", args=[world.dept_a.pk, 2020])
    response = world.client(world.reviewer_a).get(url)
    assert response.status_code == 200
    return docx.Document(io.BytesIO(b"".join(response.streaming_content)))


def test_the_report_lists_the_departments_items_with_status_and_due_date(world) -> None:
    findings = world.form_a.latest.findings
    late, on_time = services.from_findings(
        world.form_a,
        [services.finding_key(findings[0]), services.finding_key(findings[1])],
        due=today() - datetime.timedelta(days=2),
        requirement="",
        user=world.reviewer_a,
    )
    on_time.due = datetime.date(2031, 1, 31)
    on_time.save()
    services.report_done(on_time, "已改", [services.Upload("a.txt", b"a")], world.filler_a)
    # unit B's item belongs to another department's report
    services.from_findings(
        world.form_b,
        [services.finding_key(world.form_b.latest.findings[0])],
        due=None,
        requirement="",
        user=world.admin,
    )
    document = _report(world)
    texts = [p.text for p in document.paragraphs]
    assert any(t.endswith("整改事项") for t in texts)
    assert "本部门共有整改事项2项，已整改或已确认1项，逾期未整改1项。" in texts
    rows = [[c.text for c in row.cells] for row in document.tables[-1].rows]
    assert rows[0] == ["序号", "问题", "整改单位", "整改期限", "状态"]
    assert rows[1] == [
        "1",
        late.title,
        "甲社区建设办公室",
        late.due.isoformat(),
        "待整改（逾期2天）",
    ]
    assert rows[2] == ["2", on_time.title, "甲社区建设办公室", "2031-01-31", "已整改"]
    assert len(rows) == 3


def test_a_department_without_items_says_so(world) -> None:
    texts = [p.text for p in _report(world).paragraphs]
    assert "本部门目前没有登记的整改事项。" in texts
