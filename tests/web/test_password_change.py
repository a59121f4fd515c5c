"""Everyone changes their own password: the old one, the new one twice, Django's validators,
messages in Chinese; the session stays logged in."""

from __future__ import annotations

from django.urls import reverse
from web_world import PASSWORD

from jixiao.web.orgs.models import AuditEvent

NEW = "另一个更长的-密码-2027"


def test_it_changes_the_password_and_keeps_the_session(world) -> None:
    client = world.client(world.reviewer_a)
    response = client.post(
        reverse("orgs:password"),
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
        follow=True,
    )
    assert "密码已修改" in response.content.decode()
    world.reviewer_a.refresh_from_db()
    assert world.reviewer_a.check_password(NEW)
    assert client.get(reverse("forms:list")).status_code == 200
    assert AuditEvent.objects.filter(action="password_change", target="reviewer_a").exists()


def test_the_page_has_chinese_labels(world) -> None:
    page = world.client(world.filler_a).get(reverse("orgs:password")).content.decode()
    assert "原密码" in page and "新密码" in page and "再输入一次新密码" in page


def test_a_wrong_old_password_is_refused_in_chinese(world) -> None:
    page = (
        world.client(world.filler_a)
        .post(
            reverse("orgs:password"),
            {"old_password": "wrong", "new_password1": NEW, "new_password2": NEW},
        )
        .content.decode()
    )
    assert "原密码不对" in page
    world.filler_a.refresh_from_db()
    assert world.filler_a.check_password(PASSWORD)


def test_two_different_new_passwords_are_refused(world) -> None:
    page = (
        world.client(world.filler_a)
        .post(
            reverse("orgs:password"),
            {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW + "x"},
        )
        .content.decode()
    )
    assert "两次输入的新密码不一样" in page


def test_a_weak_password_is_refused_by_the_validators(world) -> None:
    page = (
        world.client(world.filler_a)
        .post(
            reverse("orgs:password"),
            {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
        )
        .content.decode()
    )
    assert "密码长度太短" in page or "至少" in page
    world.filler_a.refresh_from_db()
    assert world.filler_a.check_password(PASSWORD)


def test_it_needs_a_login(client, world) -> None:
    response = client.get(reverse("orgs:password"))
    assert response.status_code == 302 and reverse("login") in response.url
