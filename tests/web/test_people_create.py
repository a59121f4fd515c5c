"""Creating a person: a temporary password shown once, to hand over, to be changed at first
login; an optional first role."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.urls import reverse

from jixiao.web.orgs import services
from jixiao.web.orgs.models import AuditEvent, Membership


def _create(world, **fields: object):
    data = {"username": "lisi", "name": "李四", "email": "lisi@example.gov.cn", **fields}
    return world.client(world.admin).post(reverse("orgs:people"), data)


def test_it_shows_the_temporary_password_once_on_a_slip(world) -> None:
    response = _create(world, role="filler", organisation=str(world.unit_a.pk))
    page = response.content.decode()
    password = re.search(r'id="temporary-password">([^<]+)<', page).group(1)
    person = get_user_model().objects.get(username="lisi")
    assert person.check_password(password) and person.first_name == "李四"
    assert "首次登录后须修改密码" in page and "data-print" in page  # site.js prints
    assert response["Cache-Control"] == "no-store"
    assert services.profile_of(person).must_change_password
    assert Membership.objects.filter(user=person, organisation=world.unit_a, role="filler").exists()
    assert AuditEvent.objects.filter(action="person_create", target="lisi").exists()
    # never again: the person's page does not show it
    detail = world.client(world.admin).get(reverse("orgs:person", args=[person.pk]))
    assert password not in detail.content.decode()


def test_a_person_can_be_created_without_a_role(world) -> None:
    assert "temporary-password" in _create(world).content.decode()
    assert not Membership.objects.filter(user__username="lisi").exists()


def test_a_role_where_it_cannot_be_held_creates_nobody(world) -> None:
    page = _create(world, role="filler", organisation=str(world.dept_a.pk)).content.decode()
    assert "填报人只能设在预算单位，“甲街道办事处”是主管部门" in page
    assert not get_user_model().objects.filter(username="lisi").exists()
    assert 'value="lisi"' in page  # what was typed is kept


def test_a_taken_username_is_refused_in_chinese(world) -> None:
    page = _create(world, username="filler_a").content.decode()
    assert "用户名“filler_a”已有人使用" in page


def test_a_malformed_email_is_refused_in_chinese(world) -> None:
    page = _create(world, email="not-an-address").content.decode()
    assert "电子邮箱“not-an-address”的格式不对" in page
    assert not get_user_model().objects.filter(username="lisi").exists()
