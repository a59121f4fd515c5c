"""`manage.py bootstrap`, run by `make run`: the first administrator, the bureau only when the
environment names it, and the sample accounts printed every time."""

from __future__ import annotations

import io
import stat

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from jixiao.web.orgs.models import Membership, Organisation
from jixiao.web.orgs.services import the_bureau
from jixiao.web.services import samples


@pytest.fixture
def environment(monkeypatch, settings, data_dir):
    """A clean environment: no administrator or bureau named, a cheap password hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    for name in (
        "JIXIAO_ADMIN_USER",
        "JIXIAO_ADMIN_PASSWORD",
        "JIXIAO_BUREAU_NAME",
        "JIXIAO_BUREAU_CODE",
    ):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def bootstrap() -> str:
    out = io.StringIO()
    call_command("bootstrap", stdout=out, stderr=out)
    return out.getvalue()


def test_it_makes_the_first_administrator_and_prints_the_password_once(db, environment) -> None:
    printed = bootstrap()
    admin = get_user_model().objects.get(is_superuser=True)
    assert admin.username == "admin"
    password = printed.split("密码：")[1].split()[0]
    assert admin.check_password(password)
    again = bootstrap()
    assert password not in again
    assert get_user_model().objects.filter(is_superuser=True).count() == 1


def test_without_a_bureau_name_it_makes_no_bureau_and_says_who_will_name_it(
    db, environment
) -> None:
    printed = bootstrap()
    assert not Organisation.objects.exists()  # not even 示例财政局: only the samples make it
    assert "尚未设置财政局" in printed and "JIXIAO_BUREAU_NAME" in printed


def test_with_a_bureau_name_it_makes_the_bureau_and_its_administrator(db, environment) -> None:
    environment.setenv("JIXIAO_BUREAU_NAME", "北京市某区财政局")
    environment.setenv("JIXIAO_BUREAU_CODE", "110101")
    printed = bootstrap()
    bureau = the_bureau()
    assert (bureau.name, bureau.code, bureau.kind) == ("北京市某区财政局", "110101", "bureau")
    admin = get_user_model().objects.get(is_superuser=True)
    assert Membership.objects.filter(
        user=admin, organisation=bureau, role=Membership.Role.ADMIN
    ).exists()
    assert "已建立财政局 北京市某区财政局（110101）" in printed
    bootstrap()
    assert Organisation.objects.count() == 1
    assert Membership.objects.count() == 1


def test_a_bureau_named_later_is_made_on_the_next_run(db, environment) -> None:
    bootstrap()
    environment.setenv("JIXIAO_BUREAU_NAME", "某区财政局")
    bootstrap()
    assert the_bureau().name == "某区财政局"
    assert Membership.objects.filter(role=Membership.Role.ADMIN).count() == 1


def test_it_prints_the_sample_accounts_every_time_from_an_owner_only_file(
    db, environment, data_dir
) -> None:
    first, second = bootstrap(), bootstrap()
    accounts = samples.sample_accounts()
    for printed in (first, second):
        assert "一键导入样例" in printed
        for account in accounts:
            assert f"{account.username}" in printed and account.password in printed
    path = data_dir / samples.ACCOUNTS_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert {"sl_guanli", "sl_shenhe", "fengtai_shenhe", "fengtai_tianbao"} <= {
        a.username for a in accounts
    }
    assert not get_user_model().objects.filter(username="sl_guanli").exists()  # not before import


def test_the_administrator_named_by_the_environment_is_told_the_password_came_from_it(
    db, environment
) -> None:
    environment.setenv("JIXIAO_ADMIN_USER", "root")
    environment.setenv("JIXIAO_ADMIN_PASSWORD", "一个足够长的密码-2026")
    printed = bootstrap()
    assert "已创建管理员 root（密码取自环境变量 JIXIAO_ADMIN_PASSWORD）" in printed
    assert "一个足够长的密码-2026" not in printed
    assert get_user_model().objects.get(username="root").check_password("一个足够长的密码-2026")


def test_a_bureau_code_already_taken_is_reported_and_the_run_goes_on(db, environment) -> None:
    Organisation.objects.create(code="110101", name="某单位", kind="bureau", active=False)
    environment.setenv("JIXIAO_BUREAU_NAME", "北京市某区财政局")
    environment.setenv("JIXIAO_BUREAU_CODE", "110101")
    printed = bootstrap()
    assert (
        "无法按环境变量 JIXIAO_BUREAU_NAME 建立财政局：单位编码“110101”已被“某单位”使用" in printed
    )
    assert "样例账号" in printed
