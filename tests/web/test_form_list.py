"""The list: filters, search, sort and an export Excel opens."""

from __future__ import annotations

import csv
import io

from django.urls import reverse


def names(client, query: str = "") -> list[str]:
    page = client.get(reverse("forms:list") + query).content.decode()
    return [n for n in ("公共服务经费", "民生家园建设经费", "市民服务中心工作经费") if n in page]


def test_it_filters_by_year_status_grade_finding_and_name(world) -> None:
    client = world.client(world.admin)
    assert names(client) == ["公共服务经费", "民生家园建设经费", "市民服务中心工作经费"]
    assert names(client, "?year=2024") == ["市民服务中心工作经费"]
    assert names(client, "?q=民生") == ["民生家园建设经费"]
    assert names(client, "?code=FUNDS_RATE_MISMATCH") == ["公共服务经费"]
    assert names(client, "?status=submitted") == []
    assert names(client, f"?unit={world.unit_b.pk}") == ["市民服务中心工作经费"]
    assert names(client, "?department=安贞街道办事处") == ["公共服务经费", "民生家园建设经费"]


def test_it_exports_the_filtered_list_as_csv_with_a_bom(world) -> None:
    response = world.client(world.admin).get(reverse("forms:list") + "?year=2020&export=csv")
    body = response.getvalue()  # streamed: read once
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][:3] == ["年度", "项目名称", "主管部门"]
    assert sorted(r[1] for r in rows[1:]) == ["公共服务经费", "民生家园建设经费"]
    public = next(r for r in rows if r[1] == "公共服务经费")
    assert "90.10%" in public


def test_its_csv_guards_against_text_excel_would_run_as_a_formula(world) -> None:
    world.form_a.project_name = '=HYPERLINK("http://example.com")'
    world.form_a.save(update_fields=["project_name"])
    response = world.client(world.admin).get(reverse("forms:list") + "?year=2020&export=csv")
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    names = [r[1] for r in rows[1:]]
    assert '\'=HYPERLINK("http://example.com")' in names
    assert next(r for r in rows if r[1].startswith("'="))[3] == world.unit_a.label
