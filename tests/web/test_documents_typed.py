"""A 监控表 typed in the browser: made blank for the unit, filled on the edit page, saved as a new
version with its light; an edit based on an older version is merged, nothing lost; a unit
cannot make one for another unit."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from jixiao.web.forms.models import FormRecord


def _post_fields(**values: str) -> dict[str, str]:
    fields = {
        "year": "2020",
        "project_name": "公共服务经费",
        "department": "甲街道办事处",
        "implementing_unit": "甲社区建设办公室",
        "period": "1-7月",
        "funds.annual_budget": "200",
        "funds.executed": "40",
        "funds.unit": "万元",
        "indicator_count": "2",
        "indicators.0.level1": "产出指标",
        "indicators.0.level2": "数量指标",
        "indicators.0.name": "保障社工人数",
        "indicators.0.target": "154人",
        "indicators.0.actual": "120人",
        "indicators.0.forecast": "150人",
        "indicators.0.likelihood": "有可能",
        "indicators.1.level1": "产出指标",  # levels only: no indicator, not saved
    }
    fields.update(values)
    return fields


def test_a_monitoring_table_typed_in_the_browser_is_saved_with_its_light(world) -> None:
    client = world.client(world.filler_a)
    response = client.post(
        reverse("documents:new", args=["monitoring"]), {"unit": world.unit_a.pk, "year": "2020"}
    )
    record = FormRecord.documents.get(kind="monitoring")
    assert response["Location"] == reverse("documents:edit", args=["monitoring", record.pk])
    edit = client.get(response["Location"]).content.decode()
    assert "完成目标可能性" in edit and "完全不可能" in edit  # the choices offered
    saved = client.post(response["Location"], _post_fields(base_version="1"))
    assert saved.status_code == 302
    record.refresh_from_db()
    assert record.versions.count() == 2
    assert record.project_name == "公共服务经费"
    assert record.project_id == world.form_a.project_id
    # 40 ÷ 200 = 20 % by the end of July, under the line: not green
    assert record.execution_rate == Decimal("0.2000")
    assert record.light in (FormRecord.Light.RED, FormRecord.Light.YELLOW)
    data = record.latest.data
    assert [i["name"] for i in data["indicators"]] == ["保障社工人数"]
    assert data["indicators"][0]["likelihood"] == "有可能"


def test_an_edit_based_on_an_older_version_is_not_saved_over_the_newer_one(world) -> None:
    client = world.client(world.filler_a)
    client.post(
        reverse("documents:new", args=["monitoring"]), {"unit": world.unit_a.pk, "year": "2020"}
    )
    record = FormRecord.documents.get(kind="monitoring")
    url = reverse("documents:edit", args=["monitoring", record.pk])
    client.post(url, _post_fields(base_version="1"))
    stale = client.post(url, _post_fields(base_version="1", **{"funds.executed": "90"}))
    # both changed 执行数 from the blank first version: the merge page asks which to keep
    assert stale.status_code == 409
    text = stale.content.decode()
    assert "保存冲突：他人已保存了新版本" in text and "项目资金 · 执行数" in text
    record.refresh_from_db()
    assert record.versions.count() == 2 and record.executed == Decimal("40")
    assert record.drafts.get(user=world.filler_a).fields["funds.executed"] == "90"  # kept


def test_a_unit_cannot_make_a_table_for_another_unit(world) -> None:
    client = world.client(world.filler_a)
    response = client.post(
        reverse("documents:new", args=["monitoring"]), {"unit": world.unit_b.pk, "year": "2020"}
    )
    assert response.status_code == 403
    assert not FormRecord.documents.filter(kind="monitoring").exists()


def test_a_submitted_table_is_not_edited(world) -> None:
    client = world.client(world.filler_a)
    client.post(
        reverse("documents:new", args=["monitoring"]), {"unit": world.unit_a.pk, "year": "2020"}
    )
    record = FormRecord.documents.get(kind="monitoring")
    client.post(
        reverse("documents:edit", args=["monitoring", record.pk]), _post_fields(base_version="1")
    )
    client.post(reverse("documents:action", args=["monitoring", record.pk, "submit"]))
    record.refresh_from_db()
    assert record.status == "submitted"
    response = client.post(
        reverse("documents:edit", args=["monitoring", record.pk]), _post_fields(base_version="2")
    )
    assert response.status_code == 403
    assert record.versions.count() == 2


def test_a_targets_form_typed_without_a_cost_indicator_is_told_so(world) -> None:
    client = world.client(world.filler_a)
    client.post(
        reverse("documents:new", args=["targets"]), {"unit": world.unit_a.pk, "year": "2021"}
    )
    record = FormRecord.documents.get(kind="targets")
    url = reverse("documents:edit", args=["targets", record.pk])
    fields = {
        "base_version": "1",
        "year": "2021",
        "project_name": "社区养老服务补贴",
        "attribute": "新增",
        "funds.total": "50",
        "funds.appropriation": "50",
        "funds.other": "0",
        "annual_goal": "为辖区80岁以上老人发放养老服务补贴",
        "indicator_count": "2",
        "indicators.0.level1": "产出指标",
        "indicators.0.level2": "数量指标",
        "indicators.0.name": "补贴发放人数",
        "indicators.0.target": "≥600人",
        "indicators.1.level1": "满意度指标",
        "indicators.1.level2": "服务对象满意度指标",
        "indicators.1.name": "老人满意度",
        "indicators.1.target": "≥90%",
    }
    assert client.post(url, fields).status_code == 302
    record.refresh_from_db()
    assert (record.project_name, record.year) == ("社区养老服务补贴", 2021)
    assert record.annual_budget == Decimal("50")
    codes = {f["code"] for f in record.latest.findings}
    assert "TARGETS_NO_COST_INDICATOR" in codes
    assert "TARGETS_NO_SATISFACTION_INDICATOR" not in codes
    page = client.get(reverse("documents:detail", args=["targets", record.pk])).content.decode()
    assert "绩效指标中没有成本指标" in page
    # a new project of its own (no self-evaluation of that name yet)
    assert record.project is not None and record.project.name == "社区养老服务补贴"


def test_a_post_with_only_some_fields_keeps_the_rest(world) -> None:
    """A post that leaves out the indicator table or a field (an old page, a script) changes
    only what it names."""
    client = world.client(world.filler_a)
    client.post(
        reverse("documents:new", args=["monitoring"]), {"unit": world.unit_a.pk, "year": "2020"}
    )
    record = FormRecord.documents.get(kind="monitoring")
    url = reverse("documents:edit", args=["monitoring", record.pk])
    client.post(url, _post_fields(base_version="1"))
    client.post(url, {"base_version": "2", "funds.executed": "120"})
    record.refresh_from_db()
    data = record.latest.data
    assert record.versions.count() == 3
    assert data["funds"]["executed"] == "120" and data["funds"]["annual_budget"] == "200"
    assert data["project_name"] == "公共服务经费" and data["year"] == 2020
    assert [i["name"] for i in data["indicators"]] == ["保障社工人数"]
    assert record.execution_rate == Decimal("0.6000")  # 120 ÷ 200
