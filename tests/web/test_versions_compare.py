"""Versions compared (what changed from 第2版 to 第3版) and an old version restored as a new one;
neither reaches another unit's form."""

from __future__ import annotations

import copy

import pytest
from django.urls import reverse

from jixiao.model.diff import diff_forms, grouped
from jixiao.web.forms import editing
from jixiao.web.forms.models import FormRecord
from jixiao.web.orgs.models import AuditEvent
from jixiao.web.services import workflow


def save(world, record: FormRecord, user, **changes: str) -> None:
    """One save through the edit page, with the fields changed."""
    fields = editing.fields_of(record.latest.data) | changes
    world.client(user).post(reverse("forms:edit", args=[record.pk]), fields)


@pytest.fixture
def form_data(world) -> dict:
    return copy.deepcopy(world.form_a.latest.data)


def test_the_diff_names_each_place_as_the_paper_form_does(form_data) -> None:
    new = copy.deepcopy(form_data)
    new["funds"]["total"]["executed"] = "1900"
    new["indicators"][0]["actual"] = "已保障"
    new["manager"] = "张三"
    new["total_score"] = "95"
    changes = {c.place: c for c in diff_forms(form_data, new)}
    assert set(changes) == {
        "项目负责人",
        "项目资金 · 年度资金总额 · 全年执行数",
        "绩效指标“指标1：” · 实际完成值",
        "总分 · 得分",
    }
    funds = changes["项目资金 · 年度资金总额 · 全年执行数"]
    assert (funds.before, funds.after, funds.field) == ("1960.5869", "1900", "funds.total.executed")
    assert changes["绩效指标“指标1：” · 实际完成值"].field == "indicators.0.actual"
    assert [g for g, _ in grouped(list(changes.values()))] == [
        "基本信息",
        "项目资金",
        "绩效指标",
        "总分",
    ]


def test_a_row_inserted_above_is_one_added_row_not_every_row_changed(form_data) -> None:
    new = copy.deepcopy(form_data)
    row = {"level1": "产出指标", "level2": "数量指标", "name": "培训人次", "target": "200人次"}
    new["indicators"].insert(0, row)
    del new["indicators"][3]
    changes = diff_forms(form_data, new)
    assert [(c.kind, c.place) for c in changes] == [
        ("removed", "绩效指标“指标1：” · 整行"),
        ("added", "绩效指标“培训人次” · 整行"),
    ]
    assert changes[1].after == "年度指标值 200人次" and changes[1].field == "indicators.0.name"


def test_a_renamed_indicator_is_a_changed_name_at_its_position(form_data) -> None:
    new = copy.deepcopy(form_data)
    new["indicators"][1]["name"] = "制度执行率"
    new["indicators"][1]["score"] = "9"
    changes = diff_forms(form_data, new)
    assert [(c.place, c.before, c.after) for c in changes] == [
        ("绩效指标“指标1：” · 三级指标", "指标1：", "制度执行率"),
        ("绩效指标“制度执行率” · 得分", "10", "9"),
    ]


def test_the_same_form_has_no_changes(form_data) -> None:
    assert diff_forms(form_data, copy.deepcopy(form_data)) == []


def test_the_compare_page_shows_previous_against_latest_by_default(world) -> None:
    record = world.form_a
    save(world, record, world.filler_a, **{"funds.execution_rate": "90.10%", "note": "改执行率"})
    save(world, record, world.filler_a, manager="张三", **{"indicators.0.actual": "已完成"})
    page = world.client(world.filler_a).get(reverse("forms:compare", args=[record.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "第2版 → 第3版 的变化（2 处）" in html
    assert "项目负责人" in html and "张三" in html and "绩效指标“指标1：” · 实际完成值" in html
    assert "改执行率" in html and "filler_a" in html  # who and the note of each version
    older = world.client(world.filler_a).get(
        reverse("forms:compare", args=[record.pk]) + "?a=1&b=2"
    )
    assert "第1版 → 第2版 的变化（1 处）" in older.content.decode()
    assert "项目资金 · 执行率" in older.content.decode()


def test_the_compare_page_explains_bad_choices(world) -> None:
    client, url = world.client(world.filler_a), reverse("forms:compare", args=[world.form_a.pk])
    assert "只有一个版本" in client.get(url).content.decode()
    missing = client.get(url + "?a=1&b=9")
    assert missing.status_code == 404 and "没有这个版本" in missing.content.decode()
    assert client.get(url + "?a=abc&b=1").status_code == 404


def test_the_version_list_links_each_version_to_the_one_before(world) -> None:
    record = world.form_a
    save(world, record, world.filler_a, manager="张三")
    html = world.client(world.filler_a).get(reverse("forms:detail", args=[record.pk])).content
    html = html.decode()
    assert f"/forms/{record.pk}/compare/?a=1&amp;b=2" in html and "与上一版比较" in html
    assert f"/forms/{record.pk}/v1/restore/" in html and "恢复为新版本" in html


def test_restoring_an_old_version_saves_it_as_a_new_one(world) -> None:
    record = world.form_a
    save(world, record, world.filler_a, manager="张三")
    response = world.client(world.filler_a).post(
        reverse("forms:restore_version", args=[record.pk, 1])
    )
    assert response.status_code == 302
    latest = record.latest
    assert latest.number == 3 and latest.note == "恢复自第1版"
    assert latest.data["manager"] == record.versions.get(number=1).data["manager"] != "张三"
    assert record.versions.get(number=2).data["manager"] == "张三"  # nothing is lost
    event = AuditEvent.objects.get(action="restore_version")
    assert event.detail == {"version": 3, "restored": 1} and event.user == world.filler_a


def test_only_fillers_of_a_draft_or_an_administrator_restore(world) -> None:
    record = world.form_a
    save(world, record, world.filler_a, manager="张三")
    url = reverse("forms:restore_version", args=[record.pk, 1])
    assert world.client(world.reviewer_a).post(url).status_code == 403
    workflow.submit_form(record, world.filler_a)
    assert world.client(world.filler_a).post(url).status_code == 403
    assert record.latest.number == 2
    assert world.client(world.admin).post(url).status_code == 302
    assert record.latest.number == 3


@pytest.mark.parametrize(
    ("name", "method", "args"),
    [
        ("forms:compare", "get", []),
        ("forms:restore_version", "post", [1]),
        ("forms:autosave", "post", []),
        ("forms:edit", "get", []),
        ("forms:edit", "post", []),
    ],
)
def test_another_units_form_is_not_found(world, name: str, method: str, args: list) -> None:
    record = world.form_a
    url = reverse(name, args=[record.pk, *args])
    response = getattr(world.client(world.filler_b), method)(url, {"base_version": "1"})
    assert response.status_code == 404
    assert record.latest.number == 1 and not record.drafts.exists()


def test_a_browsers_line_breaks_are_no_change(world) -> None:
    record = world.form_a
    fields = editing.fields_of(record.latest.data)
    crlf = {k: v.replace("\n", "\r\n") for k, v in fields.items()}
    assert crlf["goals.expected"] != fields["goals.expected"]  # the seed's goals have line breaks
    world.client(world.filler_a).post(reverse("forms:edit", args=[record.pk]), crlf)
    assert record.latest.number == 2
    assert diff_forms(record.versions.get(number=1).data, record.latest.data) == []


def test_a_voided_form_is_not_restored(world) -> None:
    from django.utils import timezone

    record = world.form_a
    save(world, record, world.filler_a, manager="张三")
    FormRecord.all_objects.filter(pk=record.pk).update(voided_at=timezone.now())
    url = reverse("forms:restore_version", args=[record.pk, 1])
    assert world.client(world.admin).post(url).status_code in (403, 404)
    assert record.versions.count() == 2
