"""The progress board as Excel: departments and units, counts, percentages, 完成率; audited."""

from __future__ import annotations

import datetime
import io

from django.urls import reverse
from openpyxl import load_workbook

from jixiao.web.forms.models import FormRecord
from jixiao.web.orgs.models import AuditEvent
from jixiao.web.services.workflow import approve_form, submit_form

DUE = datetime.date.today() + datetime.timedelta(days=5)


def download(client, pk: int):  # type: ignore[no-untyped-def]
    answer = client.get(reverse("rounds:export", args=[pk]))
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(answer.content))


def rows(sheet) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def test_it_reaches_100_percent_once_everything_is_approved(world) -> None:
    found = world.open_round(deadline=DUE)
    client = world.client(world.bureau_reviewer)
    book = download(client, found.pk)
    assert book.sheetnames == ["概况", "各部门", "各单位"]
    departments = {r["主管部门"]: r for r in rows(book["各部门"])}
    assert departments["甲街道办事处"]["草稿"] == 1
    assert departments["甲街道办事处"]["草稿占比"] == 1.0
    assert departments["乙街道办事处"]["未开始"] == 1
    assert departments["合计"]["单位数"] == 2 and departments["合计"]["完成率"] == 0

    for form in FormRecord.objects.filter(unit=world.unit_a, year=2020):
        submit_form(form, world.filler_a)
        for reviewer in (world.reviewer_a, world.bureau_reviewer):  # both levels
            approve_form(form, reviewer, reason="错误已核实，不影响结论")
    unit_b_task = found.tasks.get(unit=world.unit_b)
    from jixiao.web.rounds.services import declare_no_projects

    declare_no_projects(world.filler_b, unit_b_task, "本年度未安排项目支出")

    book = download(client, found.pk)
    overview = dict(book["概况"].iter_rows(values_only=True))
    assert overview["完成率"] == 1.0
    assert book["概况"]["B10"].number_format == "0.00%"
    departments = {r["主管部门"]: r for r in rows(book["各部门"])}
    assert departments["甲街道办事处"]["已审核"] == 1
    assert departments["乙街道办事处"]["无项目占比"] == 1.0
    assert departments["合计"]["完成率"] == 1.0 and departments["合计"]["已完成"] == 2
    units = {r["预算单位"]: r for r in rows(book["各单位"])}
    assert units["甲社区建设办公室"]["状态"] == "已审核"
    assert units["甲社区建设办公室"]["自评表数"] == 2
    assert units["甲社区建设办公室"]["已审核的表"] == 2
    assert units["乙市民服务中心"]["状态"] == "无项目"
    assert units["乙市民服务中心"]["无项目说明"] == "本年度未安排项目支出"
    assert units["乙市民服务中心"]["截止日期"].date() == DUE
    event = AuditEvent.objects.filter(action="export_progress").latest("created")
    assert event.user == world.bureau_reviewer and event.organisation == world.bureau


def test_a_department_reviewer_exports_only_their_own_units(world) -> None:
    found = world.open_round(deadline=DUE)
    book = download(world.client(world.reviewer_a), found.pk)
    assert [r["预算单位"] for r in rows(book["各单位"])] == ["甲社区建设办公室"]
    assert [r["主管部门"] for r in rows(book["各部门"])] == ["甲街道办事处", "合计"]
