"""The cycle's datasets (申报表, 监控表, 整改事项): their columns as documented, the user's scope
only, CSV and Excel as the forms' datasets write them."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from cycle_world import cycle_documents
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from jixiao.web.rectification import services
from jixiao.web.rounds.status import today
from jixiao.web.services.tokens import create_token
from jixiao.write import cycle_datasets as cd


def _api(user) -> Client:
    return Client(headers={"Authorization": f"Bearer {create_token(user, 'test')}"})


def _csv(response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.content
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def docs(world):
    return cycle_documents(world)


def test_the_documentation_is_current() -> None:
    assert cd.DOC.read_text(encoding="utf-8") == cd.cycle_markdown()


def test_every_table_documents_each_column_once() -> None:
    for table, columns in cd.COLUMNS.items():
        names = [c.name for c in columns]
        assert len(names) == len(set(names)), table
        assert all(c.title and c.description for c in columns), table


def test_the_targets_csv_holds_the_users_forms_as_declared(world, docs) -> None:
    rows = _csv(_api(world.filler_a).get("/api/cycle/datasets/targets?format=csv"))
    assert [r["record_key"] for r in rows] == [str(docs["targets_a"].pk)]
    row = rows[0]
    assert row["project_name"] == "公共服务经费"
    assert row["funds_total"] == "100"
    assert row["annual_goal"] == "保障社区工作者待遇"
    assert (row["indicator_count"], row["status"], row["warning_count"]) == ("2", "已审核", "1")
    indicators = _csv(_api(world.filler_a).get("/api/cycle/datasets/target_indicators"))
    assert [(r["indicator_no"], r["name"], r["target"]) for r in indicators] == [
        ("1", "保障社工人数", "≥154人"),
        ("2", "群众满意度", "≥95%"),
    ]


def test_the_monitoring_workbook_has_the_light_the_rate_and_a_field_guide(world, docs) -> None:
    response = _api(world.admin).get("/api/cycle/datasets/monitoring?format=xlsx&year=2020")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["运行监控表", "字段说明"]
    sheet = book["运行监控表"]
    header = [c.value for c in sheet[1]]
    assert header == [c.title for c in cd.MONITORING]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    red = rows[str(docs["monitoring_a"].pk)]
    assert red[header.index("预警")] == "红"
    assert red[header.index("执行率（计算，%）")] == 30
    assert red[header.index("执行率（填报）")] is None  # not written on the form
    indicators = _csv(_api(world.admin).get("/api/cycle/datasets/monitoring_indicators"))
    mine = [r for r in indicators if r["record_key"] == str(docs["monitoring_a"].pk)]
    assert [(r["likelihood"], r["cause"], r["actual"]) for r in mine] == [
        ("完全不可能", "人员", "142人")
    ]


def test_the_rectification_csv_is_scoped_and_says_how_late(world) -> None:
    for record, user in ((world.form_a, world.reviewer_a), (world.form_b, world.admin)):
        services.from_findings(
            record,
            [services.finding_key(record.latest.findings[0])],
            due=today() - datetime.timedelta(days=4),
            requirement="请改正",
            user=user,
        )
    rows = _csv(_api(world.filler_a).get("/api/cycle/datasets/rectification"))
    assert len(rows) == 1
    row = rows[0]
    assert (row["unit"], row["department"], row["source"]) == (
        "甲社区建设办公室",
        "甲街道办事处",
        "审核发现",
    )
    assert (row["status"], row["days_late"], row["requirement"]) == ("待整改", "4", "请改正")
    assert row["document_key"] == str(world.form_a.pk)
    assert row["project"] == "公共服务经费"
    # the list page's export follows its filters
    page = world.client(world.admin).get(
        reverse("rectification:export", args=["csv"]) + f"?organisation={world.dept_b.pk}"
    )
    assert [r["unit"] for r in _csv(page)] == ["乙市民服务中心"]


def test_a_bad_table_or_format_is_named(world) -> None:
    api = _api(world.admin)
    response = api.get("/api/cycle/datasets/nothing")
    assert response.status_code == 400 and "没有数据表“nothing”" in response.json()["detail"]
    response = api.get("/api/cycle/datasets/targets?format=pdf")
    assert response.status_code == 400 and "不支持的格式" in response.json()["detail"]


def test_the_export_page_offers_each_table_and_the_download_is_scoped(world, docs) -> None:
    client = world.client(world.filler_b)
    page = client.get(reverse("exports:page")).content.decode()
    for table in cd.TABLES:
        assert reverse("rectification:dataset", args=[table, "csv"]) in page
    rows = _csv(client.get(reverse("rectification:dataset", args=["targets", "csv"])))
    assert [r["record_key"] for r in rows] == [str(docs["targets_b"].pk)]
    bad = client.get(reverse("rectification:dataset", args=["targets", "pdf"]), follow=True)
    assert "不支持的格式" in bad.content.decode()
