"""Voiding a form: hidden from lists, totals, charts and exports; kept, viewable, restorable.

An administrator voids any form (a reason is required, and kept); the unit's 填报人 only a
draft. The page of a voided form opens by its id with who voided it and why; nothing can be
done to it but restoring, which is refused while another active form of the project exists.
Another unit's people get 404 from every page and endpoint.
"""

from __future__ import annotations

from decimal import Decimal

from django.test import Client
from django.urls import reverse
from seeds import SAMPLES

from jixiao.web.forms.models import FormRecord
from jixiao.web.inbox.models import Notification
from jixiao.web.orgs.models import AuditEvent as Event
from jixiao.web.scope import forms_for
from jixiao.web.services import voiding
from jixiao.web.services.audit import action_label
from jixiao.web.services.imports import import_file
from jixiao.web.services.stats import dashboard
from jixiao.web.services.tokens import create_token

SEED_004 = SAMPLES / "004_b10b36a27f1da553.txt"


def api(user: object) -> tuple[Client, dict[str, str]]:
    return Client(), {"HTTP_AUTHORIZATION": f"Bearer {create_token(user, 'test')}"}


def void(client: Client, record: FormRecord, reason: str = "重复上传") -> str:
    response = client.post(reverse("forms:void", args=[record.pk]), {"reason": reason}, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def fresh(record: FormRecord) -> FormRecord:
    return FormRecord.all_objects.get(pk=record.pk)


def submitted(record: FormRecord) -> FormRecord:
    FormRecord.objects.filter(pk=record.pk).update(status=FormRecord.Status.SUBMITTED)
    return fresh(record)


def test_an_admin_voids_a_form_and_it_leaves_every_list_total_and_export(world) -> None:
    admin = world.client(world.admin)
    form_a = submitted(world.form_a)  # an administrator may void it whatever its state
    before = dashboard(forms_for(world.admin))["totals"]
    assert before["budget"] == Decimal("2175.9657") + Decimal("1000") + Decimal("30.78")
    department = reverse("departments:detail", args=[world.dept_a.pk, 2020])
    assert "公共服务经费" in admin.get(department).content.decode()

    page = void(admin, form_a, "与另一张重复，保留另一张")
    assert "已作废：这张自评表不再计入列表和统计" in page
    assert "已作废</strong>：原因：与另一张重复，保留另一张 · 作废人：admin" in page
    record = fresh(form_a)
    assert record.voided_by == world.admin and record.status == FormRecord.Status.SUBMITTED

    # lists, dashboard totals, the department page, CSV, dataset exports, the API
    listed = admin.get(reverse("forms:list")).content.decode()
    assert "公共服务经费" not in listed and "自评表（2 张）" in listed
    after = dashboard(forms_for(world.admin))["totals"]
    assert after["forms"] == before["forms"] - 1
    assert after["budget"] == Decimal("1000") + Decimal("30.78")
    board = admin.get(reverse("dashboard")).content.decode()
    assert 'href="/forms/?status=submitted">0</a>' in board and "1,030.78" in board
    dept_page = admin.get(department).content.decode()
    assert "公共服务经费" not in dept_page and "民生家园建设经费" in dept_page
    csv = admin.get(reverse("forms:list") + "?export=csv").getvalue().decode("utf-8-sig")
    assert "公共服务经费" not in csv and "民生家园建设经费" in csv
    empty = admin.get(reverse("exports:download") + "?format=xlsx&q=公共服务经费", follow=True)
    assert "没有选中任何自评表" in empty.content.decode()
    client, auth = api(world.admin)
    names = {f["project_name"] for f in client.get("/api/forms", **auth).json()}
    assert "公共服务经费" not in names and "民生家园建设经费" in names

    # an administrator's filter 已作废 lists it; it is kept and opens by its id
    voided = admin.get(reverse("forms:list") + "?voided=1").content.decode()
    assert "已作废的自评表（1 张）" in voided and "公共服务经费" in voided
    assert 'id="unvoid"' in admin.get(reverse("forms:detail", args=[form_a.pk])).content.decode()
    assert client.get(f"/api/forms/{form_a.pk}", **auth).json()["id"] == form_a.pk

    # audited, and the unit's 填报人 told
    event = Event.objects.get(action="void_form")
    assert action_label(event.action) == "作废自评表"
    assert event.detail["reason"] == "与另一张重复，保留另一张"
    note = Notification.objects.get(user=world.filler_a, kind="voided")
    assert "《公共服务经费》（2020年度）已被admin作废，原因：与另一张重复，保留另一张" in note.text
    assert note.url == reverse("forms:detail", args=[form_a.pk])


def test_a_reason_is_required(world) -> None:
    page = void(world.client(world.admin), world.form_a, "  ")
    assert "作废时请写明原因" in page
    assert fresh(world.form_a).voided_at is None
    client, auth = api(world.admin)
    response = client.post(
        f"/api/forms/{world.form_a.pk}/void", {}, content_type="application/json", **auth
    )
    assert response.status_code == 409 and "作废时请写明原因" in response.json()["detail"]


def test_a_filler_voids_and_restores_a_draft_of_their_own_unit(world) -> None:
    filler = world.client(world.filler_a)
    page = filler.get(reverse("forms:detail", args=[world.form_a.pk])).content.decode()
    assert 'id="void-confirm"' in page and 'name="reason"' in page
    void(filler, world.form_a, "填错了项目")
    assert fresh(world.form_a).voided_at is not None
    assert not Notification.objects.filter(kind="voided").exists()  # they did it themselves
    listed = filler.get(reverse("forms:list") + "?voided=1").content.decode()
    assert "公共服务经费" not in listed  # the 已作废 filter is an administrator's

    page = filler.get(reverse("forms:detail", args=[world.form_a.pk])).content.decode()
    assert "已作废</strong>：原因：填错了项目" in page and 'id="unvoid"' in page
    assert 'id="edit"' not in page and 'id="submit"' not in page
    response = filler.post(reverse("forms:unvoid", args=[world.form_a.pk]), follow=True)
    assert "已恢复" in response.content.decode()
    record = fresh(world.form_a)
    assert record.voided_at is None and record.void_reason == ""
    assert "公共服务经费" in filler.get(reverse("forms:list")).content.decode()
    restored = Event.objects.get(action="restore_form")
    assert action_label(restored.action) == "恢复自评表"
    assert restored.detail["reason"] == "填错了项目"


def test_a_filler_cannot_void_a_submitted_form_nor_a_reviewer_any(world) -> None:
    form_a = submitted(world.form_a)
    filler = world.client(world.filler_a)
    page = filler.get(reverse("forms:detail", args=[form_a.pk])).content.decode()
    assert 'id="void-confirm"' not in page
    assert filler.post(reverse("forms:void", args=[form_a.pk]), {"reason": "x"}).status_code == 403
    client, auth = api(world.filler_a)
    response = client.post(
        f"/api/forms/{form_a.pk}/void", {"reason": "x"}, content_type="application/json", **auth
    )
    assert response.status_code == 403 and "填报人只能作废或恢复草稿" in response.json()["detail"]
    reviewer = world.client(world.reviewer_a)
    assert (
        reviewer.post(reverse("forms:void", args=[form_a.pk]), {"reason": "x"}).status_code == 403
    )
    assert fresh(form_a).voided_at is None


def test_nothing_is_done_to_a_voided_form_but_restoring_it(world) -> None:
    voiding.void_form(world.form_a, world.admin, "作废试验")
    filler = world.client(world.filler_a)
    page = filler.post(
        reverse("forms:action", args=[world.form_a.pk, "submit"]), follow=True
    ).content.decode()
    assert "这张自评表已作废，不能提交、退回或审核" in page
    assert fresh(world.form_a).status == FormRecord.Status.DRAFT
    assert filler.get(reverse("forms:edit", args=[world.form_a.pk])).status_code == 403
    client, auth = api(world.filler_a)
    response = client.post(
        f"/api/forms/{world.form_a.pk}/submit", {}, content_type="application/json", **auth
    )
    assert response.status_code == 409
    assert fresh(world.form_a).versions.count() == 1
    # voiding twice says so
    page = void(world.client(world.admin), world.form_a)
    assert "已经作废" in page


def test_restoring_is_refused_while_another_active_form_of_the_project_exists(world) -> None:
    voiding.void_form(world.form_a, world.admin, "先作废")
    changed = SEED_004.read_bytes() + b"\n"
    outcome = import_file(world.filler_a, "004 again.txt", changed, unit=world.unit_a)
    new = next(r for r in outcome.forms if r.project_name == "公共服务经费")
    assert new.pk != world.form_a.pk  # the voided form's project made a new record

    page = (
        world.client(world.admin)
        .post(reverse("forms:unvoid", args=[world.form_a.pk]), follow=True)
        .content.decode()
    )
    assert f"不能恢复：本单位该年度已有项目《公共服务经费》的自评表（第{new.pk}号）" in page
    assert fresh(world.form_a).voided_at is not None
    client, auth = api(world.admin)
    response = client.post(f"/api/forms/{world.form_a.pk}/restore", **auth)
    assert response.status_code == 409 and "不能恢复" in response.json()["detail"]

    voiding.void_form(new, world.admin, "保留原来那张")
    response = client.post(f"/api/forms/{world.form_a.pk}/restore", **auth)
    assert response.status_code == 200
    assert response.json() == {
        "id": world.form_a.pk,
        "voided": False,
        "void_reason": "",
        "voided_by": "",
        "voided_at": None,
    }


def test_the_api_voids_with_a_reason_and_restores(world) -> None:
    client, auth = api(world.admin)
    response = client.post(
        f"/api/forms/{world.form_a.pk}/void",
        {"reason": "API 作废"},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 200
    body = response.json()
    assert body["voided"] and body["void_reason"] == "API 作废" and body["voided_by"] == "admin"
    assert world.form_a.pk not in {f["id"] for f in client.get("/api/forms", **auth).json()}
    assert client.post(f"/api/forms/{world.form_a.pk}/restore", **auth).json()["voided"] is False


def test_another_units_people_get_404_from_every_voiding_page_and_endpoint(world) -> None:
    other = world.client(world.filler_b)
    url_void = reverse("forms:void", args=[world.form_a.pk])
    assert other.post(url_void, {"reason": "别人的表"}).status_code == 404
    client, auth = api(world.filler_b)
    path = f"/api/forms/{world.form_a.pk}"
    response = client.post(
        f"{path}/void", {"reason": "别人的表"}, content_type="application/json", **auth
    )
    assert response.status_code == 404
    assert fresh(world.form_a).voided_at is None

    voiding.void_form(world.form_a, world.admin, "管理员作废")
    assert other.post(reverse("forms:unvoid", args=[world.form_a.pk])).status_code == 404
    assert client.post(f"{path}/restore", **auth).status_code == 404
    assert other.get(reverse("forms:detail", args=[world.form_a.pk])).status_code == 404
    assert client.get(path, **auth).status_code == 404
    assert "公共服务经费" not in other.get(reverse("forms:list") + "?voided=1").content.decode()
    assert fresh(world.form_a).voided_at is not None
    # the pages answer POST only
    assert world.client(world.admin).get(url_void).status_code == 405


def test_a_voided_form_follows_its_unit_when_units_are_merged(world) -> None:
    from jixiao.web.orgs.models import Organisation
    from jixiao.web.orgs.services import merge_units
    from jixiao.web.services.voiding import void_form

    other = Organisation.objects.create(name="甲社区另一办公室", kind="unit", parent=world.dept_a)
    void_form(world.form_a, world.admin, "测试合并")
    merge_units(world.admin, world.unit_a, other)
    voided = FormRecord.all_objects.get(pk=world.form_a.pk)
    assert voided.unit_id == other.pk
    assert voided.voided_at is not None
