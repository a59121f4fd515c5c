"""Login throttling as a trusted system does it: per account and per address, atomic under a
burst of concurrent guesses (real threads, real database), refusals in the audit log with the
address."""

from __future__ import annotations

import pytest
from concurrently import afterwards, shared_database, together
from django.contrib.auth import get_user_model
from django.test import Client

from jixiao.web.orgs.login import MAX_ADDRESS_FAILURES, MAX_FAILURES
from jixiao.web.orgs.models import AuditEvent, LoginFailure

PASSWORD = "一个足够长的密码-2026"
WRONG = "请输入一个正确的"  # Django's answer to a wrong password: the password was checked
ACCOUNT_LOCKED = "该账号已暂时锁定"
ADDRESS_LOCKED = "此地址登录失败次数过多"


def attempt(username: str, password: str, client: Client | None = None, **headers: str) -> str:
    response = (client or Client()).post(
        "/login/", {"username": username, "password": password}, **headers
    )
    assert response.status_code in (200, 302), response.status_code
    return "logged in" if response.status_code == 302 else response.content.decode()


@pytest.fixture
def person(transactional_db):
    return get_user_model().objects.create_user(username="tianbao", password=PASSWORD)


def test_a_burst_of_wrong_guesses_at_one_account_lets_no_more_than_the_limit_through(
    person, tmp_path
) -> None:
    with shared_database(tmp_path):
        pages = together(60, lambda i: attempt("tianbao", f"guess-{i}"))
        blocked = afterwards(
            lambda: list(
                AuditEvent.objects.filter(action="login_blocked").values_list("detail", flat=True)
            )
        )
        right = afterwards(lambda: attempt("tianbao", PASSWORD))
    errors = [p for p in pages if isinstance(p, BaseException)]
    assert errors == []
    assert sum(WRONG in p for p in pages) == MAX_FAILURES  # the password checked five times
    # the others refused before any password check: by the account's counter, or by the
    # address's while the attempts the account refused had not yet been given back to it
    assert sum(ACCOUNT_LOCKED in p or ADDRESS_LOCKED in p for p in pages) == 60 - MAX_FAILURES
    assert any(ACCOUNT_LOCKED in p for p in pages)
    assert len(blocked) == 60 - MAX_FAILURES
    assert all(d["address"] == "127.0.0.1" and d["reason"] in ("账号", "地址") for d in blocked)
    assert ACCOUNT_LOCKED in right  # the right password too, while locked


def test_a_burst_of_guesses_at_many_accounts_from_one_address_is_limited_by_the_address(
    transactional_db, tmp_path
) -> None:
    with shared_database(tmp_path):
        pages = together(60, lambda i: attempt(f"user{i}", "guess"))
        counter = afterwards(
            lambda: LoginFailure.objects.get(scope="address", key="127.0.0.1").failures
        )
    assert [p for p in pages if isinstance(p, BaseException)] == []
    assert sum(WRONG in p for p in pages) == MAX_ADDRESS_FAILURES
    assert sum(ADDRESS_LOCKED in p for p in pages) == 60 - MAX_ADDRESS_FAILURES
    assert counter == MAX_ADDRESS_FAILURES


def test_a_successful_login_gives_its_attempts_back(person) -> None:
    for _ in range(MAX_FAILURES - 1):
        assert WRONG in attempt("tianbao", "wrong")
    assert attempt("tianbao", PASSWORD) == "logged in"
    assert not LoginFailure.objects.filter(scope="account").exists()
    address = LoginFailure.objects.get(scope="address")
    assert address.failures == MAX_FAILURES - 1  # the failures stay counted, the success not
    for _ in range(MAX_FAILURES):
        assert WRONG in attempt("tianbao", "wrong")
    assert ACCOUNT_LOCKED in attempt("tianbao", PASSWORD)


def test_a_failure_is_logged_with_the_address(person) -> None:
    attempt("tianbao", "wrong")
    event = AuditEvent.objects.get(action="login_failed")
    assert event.target == "tianbao"
    assert event.detail["address"] == "127.0.0.1" and event.detail["failures"] == 1


def test_behind_a_trusted_proxy_the_address_is_the_one_it_forwards(person, settings) -> None:
    settings.JIXIAO_TRUSTED_PROXIES = 1
    attempt("tianbao", "wrong", HTTP_X_FORWARDED_FOR="10.1.2.3, 203.0.113.7")
    assert LoginFailure.objects.get(scope="address").key == "203.0.113.7"


def test_without_a_trusted_proxy_a_forwarded_address_is_ignored(person) -> None:
    attempt("tianbao", "wrong", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert LoginFailure.objects.get(scope="address").key == "127.0.0.1"


def test_the_admin_login_is_throttled_as_well(person) -> None:
    for _ in range(MAX_FAILURES):
        Client().post("/admin/login/", {"username": "tianbao", "password": "wrong"})
    assert AuditEvent.objects.filter(action="login_failed").count() == MAX_FAILURES
    Client().post("/admin/login/", {"username": "tianbao", "password": PASSWORD})
    assert AuditEvent.objects.filter(action="login_blocked").count() == 1
