"""The 操作记录 page: administrators read everything, reviewers their scope and themselves,
everyone else a 404; filters, pages and the CSV download."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from django.urls import reverse

from jixiao.web.orgs.models import AuditEvent
from jixiao.web.services import audit, workflow

SEED_A = "004_b10b36a27f1da553.txt"  # imported into unit A by the world fixture
SEED_B = "000_6e77f7a237aa1684.txt"  # imported into unit B


def page(client, **query: str) -> str:
    response = client.get(reverse("audit:log"), query)
    assert response.status_code == 200
    return response.content.decode()


def rows(client, **query: str) -> list[list[str]]:
    response = client.get(reverse("audit:log"), {**query, "export": "csv"})
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_it_shows_an_administrator_every_event(world) -> None:
    seen = page(world.client(world.admin))
    assert SEED_A in seen and SEED_B in seen
    assert "导入文件" in seen and "保存版本" in seen
    assert world.unit_a.label in seen and world.unit_b.label in seen
    assert "filler_b" in seen  # person: 姓名 and user name; filler_b has no 姓名


def test_it_shows_a_reviewer_the_events_of_their_department_and_not_another(world) -> None:
    seen = page(world.client(world.reviewer_a))
    assert SEED_A in seen and world.unit_a.label in seen
    assert SEED_B not in seen and world.unit_b.label not in seen


def test_it_shows_a_reviewer_their_own_events_without_an_organisation(world) -> None:
    world.client(world.filler_b)  # a login: no organisation, not reviewer_a's to read
    lines = rows(world.client(world.reviewer_a), action="登录")
    people = [line[1] for line in lines[1:]]
    assert "reviewer_a" in people and "filler_b" not in people


def test_it_answers_404_to_a_clerk_and_sends_strangers_to_log_in(world, client) -> None:
    assert world.client(world.filler_a).get(reverse("audit:log")).status_code == 404
    assert world.client(world.filler_b).get(reverse("audit:log") + "?export=csv").status_code == 404
    response = client.get(reverse("audit:log"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_it_names_status_changes_and_their_detail_in_chinese(world) -> None:
    workflow.submit_form(world.form_a, world.filler_a)
    lines = rows(world.client(world.reviewer_a), action="提交")
    assert len(lines) == 2
    time, person, action, target, organisation, detail = lines[1]
    assert (person, action, target) == ("filler_a", "提交", str(world.form_a))
    assert organisation == world.unit_a.label and detail == "状态：已提交"


def test_it_renders_changes_old_and_new(world) -> None:
    from jixiao.web.orgs import services

    old = world.unit_a.name
    services.update_organisation(world.admin, world.unit_a, name="甲社区服务站")
    seen = page(world.client(world.admin), action="修改机构")
    assert f"修改：名称 {old} → 甲社区服务站" in seen


def test_it_shows_an_unknown_action_as_its_code(world) -> None:
    audit.record(world.admin, "something_new", "x", about=world.unit_a)
    seen = page(world.client(world.admin))
    assert "something_new" in seen


def test_it_filters_by_person(world) -> None:
    lines = rows(world.client(world.admin), person="filler_b")
    assert len(lines) > 1 and {line[1] for line in lines[1:]} == {"filler_b"}


def test_it_finds_failed_logins_by_the_name_tried(world, client) -> None:
    client.post(reverse("login"), {"username": "filler_b", "password": "wrong"})
    lines = rows(world.client(world.admin), person="filler_b", action="登录失败")
    assert [(line[1], line[3]) for line in lines[1:]] == [("—", "filler_b")]


def test_it_filters_by_organisation_with_its_subtree(world) -> None:
    lines = rows(world.client(world.admin), organisation=str(world.dept_b.pk))
    assert len(lines) > 1
    assert {line[4] for line in lines[1:]} == {world.unit_b.label}


def test_it_ignores_an_organisation_out_of_scope_and_says_so(world) -> None:
    client = world.client(world.reviewer_a)
    seen = page(client, organisation=str(world.dept_b.pk))
    assert "所选机构不存在或不在您的范围内" in seen
    assert SEED_B not in seen
    assert f'value="{world.dept_b.pk}"' not in seen  # not offered either
    assert f'value="{world.unit_a.pk}"' in seen


def test_it_filters_by_action_label(world) -> None:
    lines = rows(world.client(world.admin), action="导入文件")
    assert sorted(line[3] for line in lines[1:]) == sorted([SEED_A, SEED_B])


def test_it_filters_by_date_in_beijing_time(world) -> None:
    AuditEvent.objects.update(created=datetime(2024, 3, 1, 2, 0, tzinfo=UTC))
    late = AuditEvent.objects.filter(target=SEED_B).get()
    late.created = datetime(2024, 3, 1, 17, 30, tzinfo=UTC)  # 2024-03-02 01:30 in Beijing
    late.save()
    client = world.client(world.admin)  # its login is today's
    march_2 = rows(client, start="2024-03-02", end="2024-03-02")
    assert [(line[0], line[3]) for line in march_2[1:]] == [("2024-03-02 01:30:00", SEED_B)]
    march_1 = rows(client, start="2024-03-01", end="2024-03-01")
    assert SEED_A in {line[3] for line in march_1} and SEED_B not in {line[3] for line in march_1}
    assert "2024-03-01 10:00:00" in {line[0] for line in march_1}


def test_it_names_a_bad_date_instead_of_failing(world) -> None:
    seen = page(world.client(world.admin), start="2024-13-45")
    assert "开始日期“2024-13-45”不是有效的日期" in seen and SEED_A in seen


def test_it_lists_newest_first_a_hundred_a_page_and_keeps_the_filters(world) -> None:
    for n in range(150):
        audit.record(world.admin, "export", f"批量{n:03d}", about=world.unit_a)
    client = world.client(world.admin)
    first = page(client, action="导出")
    assert "批量149" in first and "批量050" in first and "批量049" not in first
    assert first.index("批量149") < first.index("批量148")
    assert "page=2" in first and "action=%E5%AF%BC%E5%87%BA" in first
    second = page(client, action="导出", page="2")
    assert "批量049" in second and "批量000" in second and "批量050" not in second


def test_it_exports_the_filtered_events_as_csv_with_a_bom_and_no_formulas(world) -> None:
    client = world.client(world.reviewer_a)
    audit.record(world.filler_a, "export", "=HYPERLINK(1)", about=world.unit_a, note="+1")
    response = client.get(reverse("audit:log"), {"export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines[0] == ["时间", "人员", "操作", "对象", "机构", "详情"]
    assert ["filler_a", "导出", "'=HYPERLINK(1)"] == lines[1][1:4]
    assert lines[1][5] == "说明：+1"  # inside the line, not at its start: no guard needed
    assert SEED_A in {line[3] for line in lines} and SEED_B not in {line[3] for line in lines}


def test_it_records_the_csv_download(world) -> None:
    client = world.client(world.reviewer_a)
    client.get(reverse("audit:log"), {"export": "csv", "person": "filler"})
    event = AuditEvent.objects.filter(action="audit_export").get()
    assert event.user == world.reviewer_a
    assert event.detail == {"filters": "人员 filler", "events": event.detail["events"]}
    assert event.detail["events"] > 0
    lines = rows(client, action="导出操作记录")
    assert lines[1][1:4] == ["reviewer_a", "导出操作记录", f"{event.detail['events']} 条操作记录"]
    assert lines[1][5] == f"筛选条件：人员 filler；记录数：{event.detail['events']}"
