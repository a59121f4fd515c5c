"""An administrator resets a password: a temporary one shown once, which must be changed at the
next login before anything else."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from jixiao.web.orgs import services


def _reset(world, person) -> str:
    url = reverse("orgs:person_action", args=[person.pk, "reset"])
    page = world.client(world.admin).post(url).content.decode()
    return re.search(r'id="temporary-password">([^<]+)<', page).group(1)


def test_a_reset_password_must_be_changed_at_the_next_login(world) -> None:
    temporary = _reset(world, world.filler_a)
    client = Client()
    response = client.post(
        reverse("login"), {"username": "filler_a", "password": temporary}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("orgs:password")
    page = response.content.decode()
    assert "请先修改临时密码" in page and "临时密码" in page
    # every other page sends them back; logging out stays open
    assert client.get(reverse("forms:list")).url == reverse("orgs:password")
    assert client.get(reverse("orgs:tree")).url == reverse("orgs:password")
    new = "换一个新的-密码-2027"
    response = client.post(
        reverse("orgs:password"),
        {"old_password": temporary, "new_password1": new, "new_password2": new},
        follow=True,
    )
    assert "密码已修改" in response.content.decode()
    assert not services.profile_of(world.filler_a).must_change_password
    assert client.get(reverse("forms:list")).status_code == 200  # still logged in


def test_the_old_password_stops_working(world) -> None:
    _reset(world, world.filler_b)
    world.filler_b.refresh_from_db()
    assert not world.filler_b.check_password("jixiao-test-密码-2026")


def test_the_api_is_not_redirected_for_a_temporary_password(world) -> None:
    from jixiao.web.services.tokens import create_token

    token = create_token(world.filler_a, "test")
    _reset(world, world.filler_a)
    response = Client().get("/api/forms", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
