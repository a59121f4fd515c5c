"""The API of the cycle: 申报表, 监控表 and 整改事项, with the forms' conventions (fields, filters,
paging, scope) and the same services as the pages."""

from __future__ import annotations

import pytest
from cycle_world import cycle_documents
from django.test import Client

from jixiao.web.rectification import services
from jixiao.web.rectification.models import RectificationItem
from jixiao.web.services.tokens import create_token


def _api(user) -> Client:
    return Client(headers={"Authorization": f"Bearer {create_token(user, 'test')}"})


@pytest.fixture
def docs(world):
    return cycle_documents(world)


def test_the_targets_list_has_the_forms_fields_and_only_the_users_units(world, docs) -> None:
    rows = _api(world.filler_a).get("/api/targets").json()
    assert rows == [
        {
            "id": docs["targets_a"].pk,
            "kind": "targets",
            "year": 2020,
            "project_name": "公共服务经费",
            "department": "甲街道办事处",
            "unit": "甲社区建设办公室",
            "status": "approved",
            "errors": 0,
            "warnings": 1,
            "project": None,
            "light": "",
            "execution_rate": None,
        }
    ]
    both = _api(world.bureau_reviewer).get("/api/targets?status=draft").json()
    assert [r["id"] for r in both] == [docs["targets_b"].pk]


def test_a_targets_form_is_its_declared_document(world, docs) -> None:
    body = _api(world.filler_a).get(f"/api/targets/{docs['targets_a'].pk}").json()
    assert body["kind"] == "targets" and body["version"] == 1
    document = body["document"]
    assert document["project_name"] == "公共服务经费"
    assert [i["name"] for i in document["indicators"]] == ["保障社工人数", "群众满意度"]
    assert document["findings"] == []
    # another unit's, or a 监控表 asked for as a 申报表: the same 404
    for url in (f"/api/targets/{docs['targets_b'].pk}", f"/api/targets/{docs['monitoring_a'].pk}"):
        response = _api(world.filler_a).get(url)
        assert response.status_code == 404
        assert "没有这张绩效目标申报表" in response.json()["detail"]


def test_the_monitoring_list_filters_by_light_and_gives_the_rate(world, docs) -> None:
    api = _api(world.admin)
    red = api.get("/api/monitoring?light=red").json()
    assert [(r["id"], r["light"], r["execution_rate"]) for r in red] == [
        (docs["monitoring_a"].pk, "red", "0.3000")
    ]
    detail = api.get(f"/api/monitoring/{docs['monitoring_a'].pk}").json()
    assert detail["document"]["indicators"][0]["likelihood"] == "完全不可能"
    assert _api(world.filler_b).get(f"/api/monitoring/{docs['monitoring_a'].pk}").status_code == 404


def test_lists_page_with_offset_and_limit(world, docs) -> None:
    api = _api(world.admin)
    first = api.get("/api/monitoring?limit=1").json()
    second = api.get("/api/monitoring?limit=1&offset=1").json()
    assert len(first) == len(second) == 1
    assert first[0]["id"] != second[0]["id"]
    assert api.get("/api/monitoring?limit=0").status_code == 422


def test_a_reviewer_makes_items_from_findings_and_the_unit_rectifies_over_the_api(world) -> None:
    finding = world.form_a.latest.findings[0]
    made = _api(world.reviewer_a).post(
        f"/api/rectification/from-form/{world.form_a.pk}",
        {"findings": [services.finding_key(finding)], "due": "2031-05-31", "requirement": "改正"},
        content_type="application/json",
    )
    assert made.status_code == 200
    [item] = made.json()
    assert item["unit"] == "甲社区建设办公室"
    assert (item["status"], item["status_label"]) == ("pending", "待整改")
    assert (item["finding_code"], item["record"]) == (finding["code"], world.form_a.pk)
    assert item["due"] == "2031-05-31" and item["days_late"] == 0
    clerk = _api(world.filler_a)
    url = f"/api/rectification/{item['id']}"
    assert clerk.post(f"{url}/start", {}, content_type="application/json").json()["status"] == (
        "in_progress"
    )
    refused = clerk.post(f"{url}/done", {"note": "已改"}, content_type="application/json")
    assert refused.status_code == 409 and "佐证材料" in refused.json()["detail"]
    uploaded = clerk.post(f"{url}/evidence", {"files": [_file("整改说明.txt", b"done")]})
    assert uploaded.json()["evidence"] == ["整改说明.txt"]
    done = clerk.post(f"{url}/done", {"note": "已改"}, content_type="application/json").json()
    assert (done["status"], done["done_note"]) == ("done", "已改")
    # the clerk may not confirm; the reviewer does
    no = clerk.post(f"{url}/confirm", {}, content_type="application/json")
    assert no.status_code == 403
    yes = _api(world.reviewer_a).post(f"{url}/confirm", {}, content_type="application/json")
    assert yes.json()["status"] == "confirmed"


def _file(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def test_the_items_list_is_scoped_and_filtered(world) -> None:
    for record, user in ((world.form_a, world.reviewer_a), (world.form_b, world.admin)):
        services.from_findings(
            record,
            [services.finding_key(record.latest.findings[0])],
            due=None,
            requirement="",
            user=user,
        )
    a, b = RectificationItem.objects.order_by("pk")
    assert [r["id"] for r in _api(world.filler_a).get("/api/rectification").json()] == [a.pk]
    assert _api(world.filler_a).get(f"/api/rectification/{b.pk}").status_code == 404
    admin = _api(world.admin)
    assert len(admin.get("/api/rectification").json()) == 2
    by_department = admin.get(f"/api/rectification?unit={world.dept_b.pk}").json()
    assert [r["id"] for r in by_department] == [b.pk]
    assert admin.get("/api/rectification?status=done").json() == []
    assert admin.get("/api/rectification?overdue=true").json() == []  # no due date, not late


def test_a_panels_problems_are_listed_and_made_items_over_the_api(world) -> None:
    from panel_world import SEED_002, seed_panel

    from jixiao.web.panels import services as panels

    panel = seed_panel(world)
    text = panels.report_text_from_file(panel, SEED_002.name, SEED_002.read_bytes())
    panels.check_report(world.filler_a, panel, text)
    api = _api(world.reviewer_a)
    problems = api.get(f"/api/rectification/panel-problems/{panel.pk}").json()
    assert len(problems) == 7
    assert problems[5] == {
        "index": 5,
        "group": "项目管理",
        "title": "运维质量监控有待进一步完善",
        "detail": problems[5]["detail"],
        "requirement": "建立健全运维工作的验收考核制度，保障运维工作持续开展。",
    }
    assert problems[5]["detail"].startswith("对乙方承担的运维服务未建立验收考核制度。")
    made = api.post(
        f"/api/rectification/from-panel/{panel.pk}",
        {"problems": [5, 5], "due": "2031-12-31"},
        content_type="application/json",
    ).json()
    assert [(i["title"], i["source"], i["panel"]) for i in made] == [
        ("运维质量监控有待进一步完善", "panel", panel.pk)
    ]
    wrong = api.post(
        f"/api/rectification/from-panel/{panel.pk}",
        {"problems": [7], "due": "2031-12-31"},
        content_type="application/json",
    )
    assert wrong.status_code == 422 and "0 到 6" in wrong.json()["detail"]
    clerk = _api(world.filler_a).post(
        f"/api/rectification/from-panel/{panel.pk}",
        {"problems": [0], "due": "2031-12-31"},
        content_type="application/json",
    )
    assert clerk.status_code == 403


def test_a_monitoring_tables_findings_are_made_items_over_the_api(world) -> None:
    from documents_world import monitoring

    from jixiao.web.services.documents import create_document

    record = create_document(world.unit_a, "monitoring", monitoring(), world.filler_a, "测试")
    key = services.finding_key(record.latest.findings[0])
    made = (
        _api(world.reviewer_a)
        .post(
            f"/api/rectification/from-document/monitoring/{record.pk}",
            {"findings": [key], "due": "2031-10-31"},
            content_type="application/json",
        )
        .json()
    )
    assert [(i["record"], i["source"]) for i in made] == [(record.pk, "monitoring")]
    as_targets = _api(world.reviewer_a).post(
        f"/api/rectification/from-document/targets/{record.pk}",
        {"findings": [key], "due": "2031-10-31"},
        content_type="application/json",
    )
    assert as_targets.status_code == 404
