"""A person's page: edit name and e-mail, grant and revoke roles, deactivate and restore."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from web_world import PASSWORD

from jixiao.web.orgs.models import AuditEvent, Membership


def _act(world, person, action: str, **data: object):
    url = reverse("orgs:person_action", args=[person.pk, action])
    return world.client(world.admin).post(url, data, follow=True)


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_it_edits_the_name_and_email(world) -> None:
    _act(world, world.filler_a, "update", name="王五", email="wangwu@example.gov.cn")
    world.filler_a.refresh_from_db()
    assert (world.filler_a.first_name, world.filler_a.email) == ("王五", "wangwu@example.gov.cn")
    assert AuditEvent.objects.filter(action="person_update", target="filler_a").exists()


def test_it_grants_a_role_where_it_can_be_held(world) -> None:
    response = _act(world, world.filler_a, "grant", role="reviewer", organisation=world.dept_b.pk)
    assert "已授予审核人" in _messages(response)
    assert Membership.objects.filter(
        user=world.filler_a, organisation=world.dept_b, role="reviewer"
    ).exists()
    page = response.content.decode()
    assert world.dept_b.label in page.split('id="roles"')[1]


def test_it_refuses_a_role_where_it_cannot_be_held(world) -> None:
    response = _act(world, world.filler_a, "grant", role="admin", organisation=world.dept_a.pk)
    assert "管理员只能设在财政局" in _messages(response)
    assert not Membership.objects.filter(user=world.filler_a, role="admin").exists()


def test_it_revokes_a_role(world) -> None:
    membership = Membership.objects.get(user=world.reviewer_a)
    response = _act(world, world.reviewer_a, "revoke", membership=membership.pk)
    assert "已取消审核人" in _messages(response)
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEvent.objects.filter(action="role_revoke", target="reviewer_a").exists()


def test_it_deactivates_and_restores_a_person(world) -> None:
    _act(world, world.filler_b, "deactivate")
    world.filler_b.refresh_from_db()
    assert not world.filler_b.is_active
    assert not Client().login(username="filler_b", password=PASSWORD)
    _act(world, world.filler_b, "activate")
    world.filler_b.refresh_from_db()
    assert world.filler_b.is_active


def test_an_administrator_cannot_deactivate_themselves(world) -> None:
    response = _act(world, world.admin, "deactivate")
    assert "不能停用自己的账号" in _messages(response)
    world.admin.refresh_from_db()
    assert world.admin.is_active
