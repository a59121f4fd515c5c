"""Correcting a form: every save is a new version; findings follow the values; nothing is lost."""

from __future__ import annotations

from django.urls import reverse

from jixiao.web.forms.models import FormVersion


def edit_fields(record) -> dict[str, str]:
    data = record.latest.data
    fields = {
        "year": str(data["year"]),
        "indicator_count": str(len(data["indicators"])),
        "total_weight": data["total_weight"],
        "total_score": data["total_score"],
    }
    for key in ("project_name", "department", "implementing_unit", "manager", "phone"):
        fields[key] = data[key]
    for row in ("total", "appropriation", "carryover", "other"):
        for col in ("initial_budget", "annual_budget", "executed"):
            fields[f"funds.{row}.{col}"] = data["funds"][row][col]
    for key in ("weight", "execution_rate", "score"):
        fields[f"funds.{key}"] = data["funds"][key]
    for k in ("expected", "achieved"):
        fields[f"goals.{k}"] = data["goals"][k]
    for i, ind in enumerate(data["indicators"]):
        for key in ("level1", "level2", "name", "target", "actual", "weight", "score", "deviation"):
            fields[f"indicators.{i}.{key}"] = ind[key]
    return fields


def codes(version: FormVersion) -> set[str]:
    return {f["code"] for f in version.findings}


def test_saving_unchanged_fields_keeps_the_form_as_it_was(world) -> None:
    record = world.form_a
    before = record.latest
    world.client(world.filler_a).post(reverse("forms:edit", args=[record.pk]), edit_fields(record))
    after = record.latest
    assert after.number == 2
    assert {k: v for k, v in after.data.items() if k not in ("locations", "source")} == {
        k: v for k, v in before.data.items() if k not in ("locations", "source")
    }


def test_correcting_the_rate_makes_the_finding_go_and_keeps_the_old_version(world) -> None:
    record = world.form_a
    assert "FUNDS_RATE_MISMATCH" in codes(record.latest)
    fields = edit_fields(record) | {
        "funds.execution_rate": "90.10%",
        "funds.score": "9.01",
        "note": "改正执行率",
    }
    response = world.client(world.filler_a).post(
        reverse("forms:edit", args=[record.pk]), fields, follow=True
    )
    assert "已保存为第 2 版" in response.content.decode()
    latest = record.latest
    assert "FUNDS_RATE_MISMATCH" not in codes(latest) and "FUNDS_SCORE_MISMATCH" not in codes(
        latest
    )
    assert latest.author == world.filler_a and latest.note == "改正执行率"
    first = record.versions.get(number=1)
    assert first.data["funds"]["execution_rate"] == "100%"  # nothing is lost
    page = (
        world.client(world.filler_a)
        .get(reverse("forms:version", args=[record.pk, 1]))
        .content.decode()
    )
    assert "这是历史版本" in page


def test_the_preview_answers_as_the_user_types(world) -> None:
    fields = edit_fields(world.form_a) | {"funds.execution_rate": "90.10%", "funds.score": "9.01"}
    data = (
        world.client(world.filler_a)
        .post(reverse("forms:preview", args=[world.form_a.pk]), fields)
        .json()
    )
    assert data["computed"]["funds_score"] == 9.01
    assert "FUNDS_RATE_MISMATCH" not in {f["code"] for f in data["findings"]}


def test_a_reviewer_cannot_edit_a_units_form(world) -> None:
    response = world.client(world.reviewer_a).get(reverse("forms:edit", args=[world.form_a.pk]))
    assert response.status_code == 403


def test_a_new_form_can_start_blank_or_from_last_year(world) -> None:
    client = world.client(world.filler_a)
    client.post(
        reverse("forms:new"),
        {"unit": world.unit_a.pk, "year": "2021", "from": str(world.form_a.pk)},
    )
    copy = world.unit_a.forms.exclude(pk=world.form_a.pk).filter(project_name="公共服务经费").get()
    data = copy.latest.data
    assert data["year"] == 2021
    assert [i["name"] for i in data["indicators"]] == [
        i["name"] for i in world.form_a.latest.data["indicators"]
    ]
    assert all(i["actual"] == "" and i["score"] == "" for i in data["indicators"])
    assert data["funds"]["total"]["executed"] == ""
    client.post(reverse("forms:new"), {"unit": world.unit_a.pk, "year": "2025"})
    blank = world.unit_a.forms.get(year=2025)
    assert blank.latest.data["implementing_unit"] == "甲社区建设办公室"
