"""Logging in: wrong passwords are refused, and repeated failures lock the name for a while."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from web_world import PASSWORD

from jixiao.web.orgs.models import AuditEvent


def login(client, username: str, password: str) -> str:
    return client.post(
        reverse("login"), {"username": username, "password": password}, follow=True
    ).content.decode()


def test_a_right_password_logs_in(client, world) -> None:
    page = login(client, "filler_a", PASSWORD)
    assert "公共服务经费" in page
    assert AuditEvent.objects.filter(action="login", target="filler_a").exists()


def test_a_wrong_password_is_refused_in_chinese(client, world) -> None:
    assert "请输入一个正确的" in login(client, "filler_a", "wrong-password")


def test_five_failures_lock_the_name_even_with_the_right_password(client, world) -> None:
    for _ in range(5):
        login(client, "filler_a", "wrong-password")
    page = login(client, "filler_a", PASSWORD)
    assert "登录失败次数过多" in page
    assert "公共服务经费" not in page


def test_passwords_must_be_strong(world) -> None:
    with pytest.raises(ValidationError):
        validate_password("12345678")
