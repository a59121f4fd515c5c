"""`manage.py bootstrap` refuses a weak administrator password, in Chinese, and makes nothing."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError


@pytest.fixture
def environment(monkeypatch, data_dir):
    for name in ("JIXIAO_BUREAU_NAME", "JIXIAO_BUREAU_CODE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("JIXIAO_ADMIN_USER", "root")
    return monkeypatch


@pytest.mark.parametrize("weak", ["1", "12345678901", "password123", "rootroot"])
def test_it_refuses_a_weak_password(db, environment, weak) -> None:
    environment.setenv("JIXIAO_ADMIN_PASSWORD", weak)
    with pytest.raises(CommandError) as refused:
        call_command("bootstrap", stdout=io.StringIO(), stderr=io.StringIO())
    assert "JIXIAO_ADMIN_PASSWORD 给出的密码太弱" in str(refused.value)
    assert "未创建管理员" in str(refused.value)
    assert not get_user_model().objects.exists()


def test_the_password_1_is_refused_as_too_short(db, environment) -> None:
    environment.setenv("JIXIAO_ADMIN_PASSWORD", "1")
    with pytest.raises(CommandError) as refused:
        call_command("bootstrap", stdout=io.StringIO(), stderr=io.StringIO())
    assert "太短" in str(refused.value) and "全是数字" in str(refused.value)


def test_a_strong_password_makes_the_administrator(db, environment) -> None:
    environment.setenv("JIXIAO_ADMIN_PASSWORD", "一个足够长的密码-2026")
    call_command("bootstrap", stdout=io.StringIO(), stderr=io.StringIO())
    assert get_user_model().objects.get(username="root").is_superuser
