"""No edit of a 申报表 or 监控表 is lost, as none of a 自评表 is: two people editing one document
from the same version get both their changes (the second save merges; where both changed the
same place they choose); what one types is kept as one's draft as one types and after a save
that fails, and offered back on the edit page."""

from __future__ import annotations

import json

from django.contrib.auth import get_user_model
from django.urls import reverse
from documents_world import only, upload
from test_no_lost_edit import posted_by
from web_world import PASSWORD

from jixiao.web.forms.models import Draft
from jixiao.web.orgs.models import Membership


def _two_fillers(world, targets_files):
    upload(world.client(world.filler_a), targets_files["anzhen", "docx"], world.unit_a.pk)
    other = get_user_model().objects.create_user(username="filler_a2", password=PASSWORD)
    Membership.objects.create(user=other, organisation=world.unit_a, role=Membership.Role.FILLER)
    targets = only("targets", unit=world.unit_a)
    url = reverse("documents:edit", args=["targets", targets.pk])
    return targets, url, world.client(world.filler_a), world.client(other)


def _page_fields(client, url: str) -> dict[str, str]:
    return posted_by(client.get(url).content.decode(), "edit-form")


def test_two_people_editing_one_version_keep_both_changes(world, targets_files) -> None:
    targets, url, first, second = _two_fillers(world, targets_files)
    mine, theirs = _page_fields(first, url), _page_fields(second, url)
    assert mine["base_version"] == theirs["base_version"] == "1"
    first.post(url, {**mine, "annual_goal": "保障社区工作者待遇，稳定队伍"})
    merge = second.post(url, {**theirs, "indicators.0.target": "≥160人"})
    assert merge.status_code == 409
    text = merge.content.decode()
    assert "已自动合并（2 处）" in text and "双方都修改了的地方" not in text
    # the merge page posts both changes back as the next version of the newer one
    resolved = posted_by(text, "merge-form")
    assert resolved["base_version"] == "2"
    assert second.post(url, resolved).status_code == 302
    latest = only("targets", unit=world.unit_a).latest
    assert latest.number == 3
    assert latest.data["annual_goal"] == "保障社区工作者待遇，稳定队伍"
    assert latest.data["indicators"][0]["target"] == "≥160人"


def test_both_changing_one_place_choose_and_nothing_else_is_lost(world, targets_files) -> None:
    targets, url, first, second = _two_fillers(world, targets_files)
    mine, theirs = _page_fields(first, url), _page_fields(second, url)
    first.post(url, {**mine, "funds.total": "120", "phone": "010-1234"})
    merge = second.post(url, {**theirs, "funds.total": "130"})
    text = merge.content.decode()
    assert merge.status_code == 409
    assert "双方都修改了的地方（1 处，请选择）" in text and "项目资金 · 资金总额" in text
    resolved = posted_by(text, "merge-form")
    assert resolved["funds.total"] == "130"  # mine until chosen
    second.post(url, {**resolved, "funds.total": "120"})  # takes theirs
    latest = only("targets", unit=world.unit_a).latest
    assert (latest.data["funds"]["total"], latest.data["phone"]) == ("120", "010-1234")


def test_typing_is_kept_as_a_draft_and_offered_back(world, targets_files) -> None:
    targets, url, first, _ = _two_fillers(world, targets_files)
    fields = _page_fields(first, url)
    autosave = reverse("documents:autosave", args=["targets", targets.pk])
    answer = first.post(autosave, {**fields, "annual_goal": "正在写的目标"})
    assert answer.status_code == 200 and answer.json()["message"].startswith("已自动保存")
    page = first.get(url).content.decode()
    offered = json.loads(page.split('id="draft-data" type="application/json">')[1].split("<")[0])
    assert offered["fields"]["annual_goal"] == "正在写的目标" and offered["base"] == 1
    assert first.post(autosave, {"discard": "1"}).json()["discarded"] is True
    assert not Draft.objects.filter(record=targets).exists()


def test_a_save_that_fails_keeps_what_was_typed(world, targets_files) -> None:
    targets, url, first, _ = _two_fillers(world, targets_files)
    fields = _page_fields(first, url)
    page = first.post(url, {**fields, "base_version": "9", "annual_goal": "新目标"})
    assert "修改所基于的第 9 版不存在；您的修改已暂存，可在下方恢复。" in page.content.decode()
    assert Draft.objects.get(record=targets).fields["annual_goal"] == "新目标"


def test_another_units_filler_cannot_autosave(world, targets_files) -> None:
    targets, _, _, _ = _two_fillers(world, targets_files)
    autosave = reverse("documents:autosave", args=["targets", targets.pk])
    assert world.client(world.filler_b).post(autosave, {"year": "2020"}).status_code == 404
