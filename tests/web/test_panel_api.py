"""/api/panels: list, detail (the JSON of `jixiao panel`), create, put scores, check report text;
another unit's panel is a 404 on every endpoint."""

from __future__ import annotations

import pytest
from django.test import Client
from panel_world import SEED_002, other_panel, seed_panel

from jixiao.web.panels.models import Panel
from jixiao.web.services.tokens import create_token


def api(user) -> tuple[Client, dict[str, str]]:
    return Client(), {"HTTP_AUTHORIZATION": f"Bearer {create_token(user, 'test')}"}


def test_it_needs_a_token(world) -> None:
    assert Client().get("/api/panels").status_code == 401


def test_it_lists_only_the_users_panels(world) -> None:
    mine, _ = seed_panel(world), other_panel(world)
    client, auth = api(world.filler_a)
    listed = client.get("/api/panels", **auth).json()
    assert [(p["id"], p["total"], p["grade"]) for p in listed] == [(mine.pk, "83.72", "良好")]


def test_the_detail_is_the_panel_json_of_the_cli(world) -> None:
    panel = seed_panel(world)
    client, auth = api(world.filler_a)
    data = client.get(f"/api/panels/{panel.pk}", **auth).json()
    assert data["id"] == panel.pk and data["organisation"] == "甲社区建设办公室"
    assert data["total"] == "83.72" and data["grade"] == "良好"
    assert [e["total"] for e in data["experts"]] == ["82.4", "83", "81.7", "85", "86.5"]
    row = next(r for r in data["indicators"] if r["name"] == "资金使用合规性")
    assert (row["sum"], row["average"]) == ("12", "2.40")
    money = next(g for g in data["groups"] if g["name"] == "资金管理")
    assert money["loss_rate"] == "0.1833"


def test_it_creates_a_panel_in_scope_and_refuses_another_unit(world) -> None:
    client, auth = api(world.filler_a)
    body = {
        "project": "新项目",
        "year": 2022,
        "organisation_id": world.unit_a.pk,
        "experts": ["甲", "乙"],
    }
    response = client.post("/api/panels", body, content_type="application/json", **auth)
    assert response.status_code == 201
    assert response.json()["experts"][1]["name"] == "乙"
    body["organisation_id"] = world.unit_b.pk
    response = client.post("/api/panels", body, content_type="application/json", **auth)
    assert response.status_code == 404
    assert Panel.objects.filter(project="新项目").count() == 1


def test_putting_scores_validates_and_computes(world) -> None:
    panel = seed_panel(world)
    client, auth = api(world.filler_a)
    url = f"/api/panels/{panel.pk}/scores"
    scores = dict(panel.scores)
    scores["资金使用合规性"] = ["4", "4", "4", "4", "4"]  # was 2 3 3 1 3 → +8 points
    response = client.put(url, {"scores": scores}, content_type="application/json", **auth)
    assert response.status_code == 200
    data = response.json()
    # the indicator goes from 2.40 to 4.00: 83.72 + 1.60 = 85.32
    assert data["total"] == "85.32"
    scores["资金使用合规性"] = ["5", "4", "4", "4", "4"]
    response = client.put(url, {"scores": scores}, content_type="application/json", **auth)
    assert response.status_code == 422
    assert "应在 0 到分值 4 之间" in response.json()["detail"]


def test_checking_report_text_returns_the_findings(world) -> None:
    panel = seed_panel(world)
    client, auth = api(world.filler_a)
    text = "\n".join(SEED_002.read_text(encoding="utf-8").splitlines()[619:660])
    response = client.post(
        f"/api/panels/{panel.pk}/report", {"text": text}, content_type="application/json", **auth
    )
    findings = response.json()["findings"]
    assert [f["code"] for f in findings] == ["PANEL_LOSS_RATE_MISMATCH"]
    assert findings[0]["location"] == "报告第15行"  # line 634 of the seed; line 620 is line 1


@pytest.mark.parametrize("method", ["get", "put", "report"])
def test_it_validates_ownership_on_every_endpoint(world, method: str) -> None:
    theirs = other_panel(world)
    client, auth = api(world.filler_a)
    url = f"/api/panels/{theirs.pk}"
    if method == "get":
        response = client.get(url, **auth)
    elif method == "put":
        response = client.put(
            f"{url}/scores", {"scores": {}}, content_type="application/json", **auth
        )
    else:
        response = client.post(
            f"{url}/report", {"text": "x"}, content_type="application/json", **auth
        )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.report_text == ""


def test_uploading_seed_002_fills_the_panel_and_another_units_panel_is_refused(world) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client, auth = api(world.filler_a)
    created = client.post(
        "/api/panels",
        {
            "project": "网站运维",
            "year": 2021,
            "organisation_id": world.unit_a.pk,
            "experts": ["甲"],
        },
        content_type="application/json",
        **auth,
    ).json()
    sheet = SimpleUploadedFile(SEED_002.name, SEED_002.read_bytes())
    panel = client.post(f"/api/panels/{created['id']}/upload", {"file": sheet}, **auth).json()
    assert [e["name"] for e in panel["experts"]] == ["陈竹", "刘文辉", "刘莉君", "伏虎", "郭家义"]
    assert [e["total"] for e in panel["experts"]] == ["82.4", "83", "81.7", "85", "86.5"]
    assert (panel["total"], panel["grade"]) == ("83.72", "良好")
    junk = SimpleUploadedFile("坏.xlsx", b"PK\x03\x04 broken")
    refused = client.post(f"/api/panels/{created['id']}/upload", {"file": junk}, **auth)
    assert refused.status_code == 422 and "坏.xlsx" in refused.json()["detail"]
    theirs = other_panel(world)
    sheet = SimpleUploadedFile(SEED_002.name, SEED_002.read_bytes())
    assert (
        client.post(f"/api/panels/{theirs.pk}/upload", {"file": sheet}, **auth).status_code == 404
    )
