"""A person with no role is told so in Chinese, and who to ask, instead of empty pages."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from web_world import PASSWORD

from jixiao.web.orgs import services


def _nobody(world) -> Client:
    get_user_model().objects.create_user(username="newcomer", password=PASSWORD)
    client = Client()
    client.login(username="newcomer", password=PASSWORD)
    return client


def test_every_page_leads_to_the_no_role_page(world) -> None:
    client = _nobody(world)
    for name in ("forms:list", "forms:upload", "dashboard", "orgs:tree"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response.url == reverse("orgs:no_role")


def test_it_lists_the_administrators_to_ask(world) -> None:
    world.admin.first_name, world.admin.email = "赵管理", "admin@example.gov.cn"
    world.admin.save()
    page = _nobody(world).get(reverse("orgs:no_role")).content.decode()
    assert "尚未分配角色" in page
    table = page.split('id="administrators"')[1]
    assert "赵管理" in table and "admin" in table and "admin@example.gov.cn" in table
    assert "filler_a" not in table


def test_the_password_page_and_logout_stay_open(world) -> None:
    client = _nobody(world)
    assert client.get(reverse("orgs:password")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("forms:list")).url.startswith(reverse("login"))


def test_a_role_on_a_deactivated_unit_is_no_role(world) -> None:
    services.set_organisation_active(world.admin, world.unit_b, False)
    response = world.client(world.filler_b).get(reverse("forms:list"))
    assert response.url == reverse("orgs:no_role")


def test_someone_with_a_role_is_sent_on_from_the_page(world) -> None:
    response = world.client(world.filler_a).get(reverse("orgs:no_role"))
    assert response.status_code == 302 and response.url == reverse("forms:list")
