"""Creating, renaming, re-coding, moving, deactivating and restoring organisations on their pages."""

from __future__ import annotations

from django.urls import reverse

from jixiao.web.orgs.models import AuditEvent, Organisation


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def _unit_choices(client) -> str:
    page = client.get(reverse("forms:upload")).content.decode()
    return page.split('<select name="unit" id="unit">')[1].split("</select>")[0]


def test_it_creates_a_unit_under_a_department(world) -> None:
    response = world.client(world.admin).post(
        reverse("orgs:create"),
        {"parent": world.dept_a.pk, "kind": "unit", "code": "110101001", "name": "甲卫生服务站"},
        follow=True,
    )
    made = Organisation.objects.get(code="110101001")
    assert made.parent == world.dept_a and made.kind == "unit"
    assert "已创建预算单位“甲卫生服务站（110101001）”" in _messages(response)
    assert AuditEvent.objects.filter(action="org_create", organisation=made).exists()


def test_it_refuses_a_duplicate_code_in_chinese(world) -> None:
    response = world.client(world.admin).post(
        reverse("orgs:create"),
        {"parent": world.dept_a.pk, "kind": "unit", "code": world.unit_b.code, "name": "新单位"},
        follow=True,
    )
    assert f"单位编码“{world.unit_b.code}”已被“乙市民服务中心”使用" in _messages(response)
    assert not Organisation.objects.filter(name="新单位").exists()


def test_it_refuses_a_unit_under_a_unit(world) -> None:
    response = world.client(world.admin).post(
        reverse("orgs:create"),
        {"parent": world.unit_a.pk, "kind": "unit", "code": "X1", "name": "下级单位"},
        follow=True,
    )
    assert "预算单位不能放在预算单位“甲社区建设办公室”之下" in _messages(response)


def test_it_renames_and_recodes(world) -> None:
    url = reverse("orgs:organisation_action", args=[world.unit_a.pk, "update"])
    response = world.client(world.admin).post(
        url, {"code": "A-001", "name": "甲社区办"}, follow=True
    )
    world.unit_a.refresh_from_db()
    assert (world.unit_a.code, world.unit_a.name) == ("A-001", "甲社区办")
    assert "已保存" in _messages(response)
    event = AuditEvent.objects.get(action="org_update", organisation=world.unit_a)
    assert event.detail["changes"]["name"] == ["甲社区建设办公室", "甲社区办"]


def test_it_moves_a_unit_to_another_department(world) -> None:
    url = reverse("orgs:organisation_action", args=[world.unit_a.pk, "move"])
    response = world.client(world.admin).post(url, {"parent": world.dept_b.pk}, follow=True)
    world.unit_a.refresh_from_db()
    assert world.unit_a.parent == world.dept_b
    assert "已把“甲社区建设办公室”移到“乙街道办事处”之下" in _messages(response)
    # the reviewer of department A no longer reaches it
    assert (
        world.client(world.reviewer_a)
        .get(reverse("forms:detail", args=[world.form_a.pk]))
        .status_code
        == 404
    )


def test_the_move_choices_offer_only_fitting_parents(world) -> None:
    page = (
        world.client(world.admin)
        .get(reverse("orgs:organisation", args=[world.dept_a.pk]))
        .content.decode()
    )
    choices = page.split('id="move-parent">')[1].split("</select>")[0]
    assert world.bureau.label in choices
    assert world.unit_a.label not in choices and world.dept_b.label not in choices


def test_deactivating_hides_the_unit_from_the_upload_page_and_restoring_brings_it_back(
    world,
) -> None:
    client = world.client(world.admin)
    tree = client.post(
        reverse("orgs:organisation_action", args=[world.unit_b.pk, "deactivate"]), follow=True
    ).content.decode()
    world.unit_b.refresh_from_db()
    assert not world.unit_b.active
    assert f'data-code="{world.unit_b.code}"' not in tree
    assert f'value="{world.unit_b.pk}"' not in _unit_choices(client)
    assert f'value="{world.unit_a.pk}"' in _unit_choices(client)
    # kept with its forms, and restored from the tree
    assert world.form_b.unit == world.unit_b
    response = client.post(
        reverse("orgs:organisation_action", args=[world.unit_b.pk, "activate"]),
        {"back": "tree"},
        follow=True,
    )
    world.unit_b.refresh_from_db()
    assert world.unit_b.active and "已启用" in _messages(response)
    assert f'value="{world.unit_b.pk}"' in _unit_choices(client)


def test_a_unit_cannot_be_restored_under_a_deactivated_department(world) -> None:
    client = world.client(world.admin)
    client.post(reverse("orgs:organisation_action", args=[world.dept_b.pk, "deactivate"]))
    response = client.post(
        reverse("orgs:organisation_action", args=[world.unit_b.pk, "activate"]), follow=True
    )
    assert "上级机构“乙街道办事处”已停用，请先启用上级" in _messages(response)
    world.unit_b.refresh_from_db()
    assert not world.unit_b.active
