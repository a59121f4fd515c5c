"""从上年自评表生成: next year's 申报表 of the same unit and project, with last year's indicators
and targets, last year's actual beside each as a suggestion; checked against last year's
self-evaluation on save; one 申报表 per project and year."""

from __future__ import annotations

from django.urls import reverse

from jixiao.model.form import Form
from jixiao.web.forms.models import FormRecord


def test_a_targets_form_is_started_from_last_years_self_evaluation(world) -> None:
    client = world.client(world.filler_a)
    last = Form.from_json_dict(world.form_a.latest.data)
    response = client.post(reverse("documents:from_last_year"), {"from": world.form_a.pk})
    record = FormRecord.documents.get(kind="targets")
    assert response["Location"] == reverse("documents:edit", args=["targets", record.pk])
    assert record.unit == world.unit_a
    assert (record.year, record.project_name) == (2021, "公共服务经费")
    assert record.project_id == world.form_a.project_id
    data = record.latest.data
    assert [i["target"] for i in data["indicators"]] == [i.target.text for i in last.indicators]
    first = last.indicators[0]
    assert data["indicators"][0]["note"] == f"上年实际完成值：{first.actual.text}"
    assert data["annual_goal"] == last.goals.expected.text
    assert record.latest.note == "由2020年度自评表“公共服务经费”生成"
    # the edit page offers the indicators to change
    page = client.get(response["Location"]).content.decode()
    assert first.target.text[:10] in page


def test_the_same_year_twice_is_refused_with_a_message(world) -> None:
    client = world.client(world.filler_a)
    client.post(reverse("documents:from_last_year"), {"from": world.form_a.pk})
    again = client.post(reverse("documents:from_last_year"), {"from": world.form_a.pk}, follow=True)
    assert "本单位该年度已有项目《公共服务经费》的绩效目标申报表" in again.content.decode()
    assert FormRecord.documents.filter(kind="targets").count() == 1


def test_another_units_form_cannot_be_the_start(world) -> None:
    response = world.client(world.filler_a).post(
        reverse("documents:from_last_year"), {"from": world.form_b.pk}
    )
    assert response.status_code == 404
    assert not FormRecord.documents.filter(kind="targets").exists()


def test_a_target_set_below_last_years_actual_is_found(world) -> None:
    """Last year's form says 满意度 ≥ 95 % was reached at some value; a target below the actual
    on the edit page gets CHAIN_TARGET_BELOW_LAST_ACTUAL pointing at last year's form."""
    client = world.client(world.filler_a)
    client.post(reverse("documents:from_last_year"), {"from": world.form_a.pk})
    record = FormRecord.documents.get(kind="targets")
    data = record.latest.data
    last = Form.from_json_dict(world.form_a.latest.data)
    fields = {
        "base_version": "1",
        "year": "2021",
        "project_name": "公共服务经费",
        "indicator_count": str(len(data["indicators"])),
    }
    found = None
    for i, ind in enumerate(last.indicators):
        for key in ("level1", "level2", "name", "target", "weight", "note"):
            fields[f"indicators.{i}.{key}"] = data["indicators"][i].get(key, "")
        if found is None and "%" in ind.actual.text:
            found = i
    assert found is not None, "seed 004's 公共服务经费 has a percentage actual"
    fields[f"indicators.{found}.target"] = "≥1%"
    client.post(reverse("documents:edit", args=["targets", record.pk]), fields)
    record.refresh_from_db()
    below = [f for f in record.latest.findings if f["code"] == "CHAIN_TARGET_BELOW_LAST_ACTUAL"]
    assert below and below[0]["related_kind"] == "self" and below[0]["related_year"] == 2020
    page = client.get(reverse("documents:detail", args=["targets", record.pk])).content.decode()
    assert reverse("forms:detail", args=[world.form_a.pk]) in page  # the finding's link


def test_the_form_page_offers_it_to_the_unit_only(world) -> None:
    form_url = reverse("forms:detail", args=[world.form_a.pk])
    mine = world.client(world.filler_a).get(form_url).content.decode()
    assert 'id="targets-next-year"' in mine
    assert reverse("documents:from_last_year") in mine
    theirs = world.client(world.reviewer_a).get(form_url).content.decode()
    assert 'id="targets-next-year"' not in theirs
