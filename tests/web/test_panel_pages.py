"""专家评价 pages: create, enter scores in the grid, upload a sheet, see the computed sheet,
check the report, download — and the other unit's panel is a 404 on every page."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from panel_world import EXPERTS, SEED_002, other_panel, seed_panel

from jixiao.web.orgs.models import AuditEvent
from jixiao.web.panels.models import Panel


def test_the_list_shows_only_panels_in_scope(world) -> None:
    mine, theirs = seed_panel(world), other_panel(world)
    page = world.client(world.filler_a).get("/panels/").content.decode()
    assert f"/panels/{mine.pk}/" in page and f"/panels/{theirs.pk}/" not in page
    reviewer = world.client(world.reviewer_a).get("/panels/").content.decode()
    assert f"/panels/{mine.pk}/" in reviewer and f"/panels/{theirs.pk}/" not in reviewer


def test_it_creates_a_panel_and_goes_to_the_grid(world) -> None:
    client = world.client(world.filler_a)
    response = client.post(
        "/panels/new/",
        {
            "project": "某项目",
            "year": "2022",
            "organisation": world.unit_a.pk,
            "framework": "project",
            "experts": "甲\n乙\n\n丙\n",
        },
    )
    panel = Panel.objects.get(project="某项目")
    assert response.status_code == 302 and response["Location"] == f"/panels/{panel.pk}/scores/"
    assert panel.experts == ["甲", "乙", "丙"] and panel.organisation == world.unit_a


def test_it_refuses_to_file_a_panel_under_another_unit(world) -> None:
    client = world.client(world.filler_a)
    response = client.post(
        "/panels/new/",
        {
            "project": "某项目",
            "organisation": world.unit_b.pk,
            "framework": "project",
            "experts": "甲",
        },
    )
    assert response.status_code == 404
    assert not Panel.objects.filter(project="某项目").exists()


def test_creating_without_experts_says_so(world) -> None:
    client = world.client(world.filler_a)
    response = client.post(
        "/panels/new/",
        {
            "project": "某项目",
            "organisation": world.unit_a.pk,
            "framework": "project",
            "experts": "",
        },
    )
    assert response.status_code == 400
    assert "请至少填写一位专家的姓名" in response.content.decode()


def test_the_grid_saves_valid_scores_and_shows_the_grade(world) -> None:
    client = world.client(world.filler_a)
    client.post(
        "/panels/new/",
        {
            "project": "满分项目",
            "organisation": world.unit_a.pk,
            "framework": "project",
            "experts": "甲\n乙",
        },
    )
    panel = Panel.objects.get(project="满分项目")
    weights = ["1.5", "1.5", "2", "2", "1.5", "1.5", "5", "3", "4", "4", "4"] + ["10"] * 7
    data = {f"s-{r}-{i}": w for r, w in enumerate(weights) for i in range(2)}
    data["s-0-1"] = "1"  # 乙 gives 立项依据充分性 1 of 1.5: average 1.25, total 99.75
    response = client.post(f"/panels/{panel.pk}/scores/", data)
    assert response.status_code == 302
    page = client.get(f"/panels/{panel.pk}/").content.decode()
    assert '<span class="computed" id="total">99.75</span>' in page
    assert '<span class="computed" id="grade">优秀</span>' in page


def test_the_grid_refuses_a_score_above_the_weight_in_chinese(world) -> None:
    panel = seed_panel(world)
    before = dict(panel.scores)
    response = world.client(world.filler_a).post(
        f"/panels/{panel.pk}/scores/", {"s-0-0": "2", "s-1-0": "abc"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "“立项依据充分性”专家陈竹的评分 2 超出范围：应在 0 到分值 1.5 之间" in page
    assert "“立项程序规范性”专家陈竹的评分“abc”不是数字" in page
    panel.refresh_from_db()
    assert panel.scores == before  # nothing stored when anything is wrong


def test_uploading_the_seed_fills_the_sheet_and_shows_the_computation(world) -> None:
    panel = seed_panel(world)
    assert panel.experts == EXPERTS
    assert panel.scores["立项程序规范性"] == ["1.5", "1.5", "1.2", "1", "1"]
    page = world.client(world.filler_a).get(f"/panels/{panel.pk}/").content.decode()
    assert '<span class="computed" id="total">83.72</span>' in page and ">良好<" in page
    assert "18.33%" in page and ">418.6<" in page


@pytest.mark.parametrize("name", ["sheet.docx", "sheet.exe"])
def test_a_bad_upload_is_a_chinese_message(world, name: str) -> None:
    panel = seed_panel(world)
    client = world.client(world.filler_a)
    upload = SimpleUploadedFile(name, b"not a document")
    response = client.post(f"/panels/{panel.pk}/upload/", {"file": upload}, follow=True)
    assert name in response.content.decode()
    assert 'class="error"' in response.content.decode()


def test_checking_the_report_text_finds_the_wrong_loss_rate(world) -> None:
    panel = seed_panel(world)
    client = world.client(world.filler_a)
    text = SEED_002.read_text(encoding="utf-8").splitlines()[619:660]
    response = client.post(f"/panels/{panel.pk}/report/", {"text": "\n".join(text)}, follow=True)
    page = response.content.decode()
    assert "已核对报告中的数字：发现 1 处问题" in page
    assert "PANEL_LOSS_RATE_MISMATCH" in page and "19.11%" in page and "18.33%" in page


def test_uploading_the_report_file_checks_the_part_after_the_sheet(world) -> None:
    panel = seed_panel(world)
    upload = SimpleUploadedFile(SEED_002.name, SEED_002.read_bytes())
    response = world.client(world.filler_a).post(
        f"/panels/{panel.pk}/report/", {"file": upload}, follow=True
    )
    page = response.content.decode()
    assert "发现 1 处问题" in page and "PANEL_LOSS_RATE_MISMATCH" in page


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_it_downloads_the_computed_sheet(world, kind: str) -> None:
    panel = seed_panel(world)
    response = world.client(world.filler_a).get(f"/panels/{panel.pk}/download.{kind}")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    if kind == "xlsx":
        sheet = load_workbook(io.BytesIO(response.content))["专家评分表"]
        assert [c.value for c in sheet[21]][3:11] == [100, 82.4, 83, 81.7, 85, 86.5, 418.6, 83.72]
    event = AuditEvent.objects.get(action="panel.download")
    assert event.user == world.filler_a and event.detail["format"] == kind


@pytest.mark.parametrize(
    "url",
    [
        "/panels/{pk}/",
        "/panels/{pk}/scores/",
        "/panels/{pk}/report/",
        "/panels/{pk}/download.xlsx",
        "/panels/{pk}/download.docx",
    ],
)
def test_another_units_panel_is_not_found_on_every_page(world, url: str) -> None:
    theirs = other_panel(world)
    client = world.client(world.filler_a)
    assert client.get(url.format(pk=theirs.pk)).status_code == 404
    reviewer = world.client(world.reviewer_a)
    assert reviewer.get(url.format(pk=theirs.pk)).status_code == 404
    assert world.client(world.filler_b).get(url.format(pk=theirs.pk)).status_code == 200


@pytest.mark.parametrize(
    "url", ["/panels/{pk}/scores/", "/panels/{pk}/report/", "/panels/{pk}/upload/"]
)
def test_another_units_panel_cannot_be_changed(world, url: str) -> None:
    theirs = other_panel(world)
    before = (theirs.scores, theirs.report_text)
    response = world.client(world.filler_a).post(
        url.format(pk=theirs.pk), {"s-0-0": "0", "text": "x"}
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert (theirs.scores, theirs.report_text) == before


def test_anonymous_users_are_sent_to_login(world) -> None:
    from django.test import Client

    assert Client().get("/panels/").status_code == 302


def test_a_new_panel_says_it_has_no_scores_yet(world) -> None:
    client = world.client(world.filler_a)
    client.post(
        "/panels/new/",
        {
            "project": "空项目",
            "organisation": world.unit_a.pk,
            "framework": "project",
            "experts": "甲",
        },
    )
    panel = Panel.objects.get(project="空项目")
    page = client.get(f"/panels/{panel.pk}/").content.decode()
    assert "尚未录入评分" in page and page.count("PANEL_SCORE_MISSING") == 1


def test_a_reviewer_of_the_department_sees_its_units_panel(world) -> None:
    mine = seed_panel(world)
    assert world.client(world.reviewer_a).get(f"/panels/{mine.pk}/").status_code == 200
    assert world.client(world.filler_b).get(f"/panels/{mine.pk}/").status_code == 404


def test_experts_can_be_renamed_added_and_removed(world) -> None:
    panel = seed_panel(world)
    client = world.client(world.filler_a)
    response = client.post(
        f"/panels/{panel.pk}/experts/", {"experts": "陈竹\n刘文辉（组长）\n新专家"}
    )
    assert response.status_code == 302
    panel.refresh_from_db()
    assert panel.experts == ["陈竹", "刘文辉（组长）", "新专家"]
    assert panel.scores["立项程序规范性"] == ["1.5", "1.5", "1.2"]  # the third column kept
    assert client.post(f"/panels/{panel.pk}/experts/", {"experts": "甲\n甲"}).status_code == 302
    panel.refresh_from_db()
    assert panel.experts == ["陈竹", "刘文辉（组长）", "新专家"]  # duplicates refused
    theirs = other_panel(world)
    assert client.post(f"/panels/{theirs.pk}/experts/", {"experts": "甲"}).status_code == 404
