"""Naming the bureau: until it is named (on its page or by JIXIAO_BUREAU_NAME), an administrator
is sent to the set-up page; the samples' bureau does not count."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from web_world import PASSWORD

from jixiao.web.orgs import services
from jixiao.web.orgs.models import Membership, Organisation
from jixiao.web.services.samples import BUREAU_CODE


@pytest.fixture
def administrator(db, monkeypatch) -> Client:
    monkeypatch.delenv(services.BUREAU_NAME_VARIABLE, raising=False)
    user = get_user_model().objects.create_superuser(username="root", password=PASSWORD)
    client = Client()
    client.force_login(user)
    return client


def test_an_administrator_is_sent_to_name_the_bureau_first(administrator) -> None:
    response = administrator.get(reverse("forms:list"))
    assert response.status_code == 302 and response.url == reverse("orgs:bureau_setup")
    assert "设置财政局" in administrator.get(reverse("orgs:bureau_setup")).content.decode()
    # changing one's password and logging out stay open
    assert administrator.get(reverse("orgs:password")).status_code == 200


def test_the_samples_bureau_does_not_count(administrator) -> None:
    Organisation.objects.create(code=BUREAU_CODE, name="示例财政局", kind="bureau")
    assert administrator.get(reverse("forms:list")).url == reverse("orgs:bureau_setup")


def test_naming_it_makes_the_bureau_and_its_administrator(administrator) -> None:
    response = administrator.post(
        reverse("orgs:bureau_setup"), {"name": "某市财政局", "code": "110000"}, follow=True
    )
    bureau = services.the_bureau()
    assert bureau is not None and (bureau.name, bureau.code) == ("某市财政局", "110000")
    assert Membership.objects.filter(
        user__username="root", organisation=bureau, role=Membership.Role.ADMIN
    ).exists()
    assert "已设置财政局“某市财政局（110000）”" in response.content.decode()
    assert administrator.get(reverse("forms:list")).status_code == 200
    # the page is not offered twice
    assert administrator.get(reverse("orgs:bureau_setup")).url == reverse("orgs:tree")


def test_a_missing_name_is_refused_in_chinese(administrator) -> None:
    page = administrator.post(
        reverse("orgs:bureau_setup"), {"name": " ", "code": "110000"}
    ).content.decode()
    assert "请填写名称" in page
    assert services.the_bureau() is None


def test_the_environment_variable_makes_the_page_unnecessary(administrator, monkeypatch) -> None:
    monkeypatch.setenv(services.BUREAU_NAME_VARIABLE, "某县财政局")
    monkeypatch.setenv(services.BUREAU_CODE_VARIABLE, "120000")
    assert administrator.get(reverse("forms:list")).status_code == 200
    bureau = services.the_bureau()
    assert bureau is not None and (bureau.name, bureau.code) == ("某县财政局", "120000")


def test_it_is_not_found_for_anyone_but_an_administrator(world) -> None:
    for user in (world.filler_a, world.reviewer_a):
        assert world.client(user).get(reverse("orgs:bureau_setup")).status_code == 404
        response = world.client(user).post(
            reverse("orgs:bureau_setup"), {"name": "假财政局", "code": "999"}
        )
        assert response.status_code == 404
    assert not Organisation.objects.filter(name="假财政局").exists()
