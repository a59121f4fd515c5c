"""API tokens expire (90 days unless JIXIAO_API_TOKEN_DAYS says otherwise), are listed on the
owner's page with when each was made, last used and expires, and can be revoked; an expired or
revoked token is answered 401 with a Chinese reason."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from jixiao.web.orgs.models import ApiToken, AuditEvent, Membership, Organisation
from jixiao.web.services.tokens import create_token


@pytest.fixture
def people(db):
    bureau = Organisation.objects.create(name="某区财政局", kind=Organisation.Kind.BUREAU)
    made = []
    for name in ("tianbao", "other"):
        user = get_user_model().objects.create_user(username=name, password="x")
        Membership.objects.create(user=user, organisation=bureau, role=Membership.Role.REVIEWER)
        made.append(user)
    return made


def call(token: str) -> tuple[int, str]:
    response = Client().get("/api/forms", HTTP_AUTHORIZATION=f"Bearer {token}")
    return response.status_code, response.json().get(
        "detail", ""
    ) if response.status_code != 200 else ""


def page(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_new_token_expires_after_ninety_days(people) -> None:
    create_token(people[0], "报表系统")
    entry = ApiToken.objects.get()
    assert entry.expires - entry.created == pytest.approx(
        timedelta(days=90), abs=timedelta(seconds=5)
    )
    assert entry.revoked is None


def test_the_expiry_is_a_setting(people, settings) -> None:
    settings.JIXIAO_API_TOKEN_DAYS = 7
    create_token(people[0])
    entry = ApiToken.objects.get()
    assert entry.expires - entry.created < timedelta(days=8)


def test_a_valid_token_answers_and_is_marked_used(people) -> None:
    token = create_token(people[0])
    assert call(token) == (200, "")
    assert ApiToken.objects.get().last_used is not None


def test_an_expired_token_is_refused_with_401_in_chinese(people) -> None:
    token = create_token(people[0])
    ApiToken.objects.update(expires=timezone.now() - timedelta(minutes=1))
    status, detail = call(token)
    assert status == 401 and "过期" in detail and "生成新令牌" in detail


def test_a_revoked_token_is_refused_with_401_in_chinese(people) -> None:
    token = create_token(people[0], "报表系统")
    entry = ApiToken.objects.get()
    response = page(people[0]).post("/api-token/", {"revoke": entry.pk}, follow=True)
    assert "已撤销令牌“报表系统”" in response.content.decode()
    status, detail = call(token)
    assert status == 401 and "撤销" in detail
    assert AuditEvent.objects.filter(action="revoke_api_token", user=people[0]).exists()


def test_a_token_nobody_made_is_refused_in_chinese(people) -> None:
    status, detail = call("jx_not-a-token")
    assert status == 401 and "API 令牌" in detail
    assert Client().get("/api/forms").status_code == 401


def test_the_page_lists_the_tokens_with_their_dates_and_state(people) -> None:
    create_token(people[0], "报表系统")
    create_token(people[0], "旧系统")
    ApiToken.objects.filter(name="旧系统").update(expires=timezone.now() - timedelta(days=1))
    create_token(people[1], "别人的")
    html = page(people[0]).get("/api-token/").content.decode()
    assert "报表系统" in html and "旧系统" in html and "别人的" not in html
    for heading in ("创建时间", "最近使用", "到期时间", "状态"):
        assert heading in html
    assert "有效" in html and "已过期" in html
    assert html.count('name="revoke"') == 1  # only the valid one can be revoked


def test_nobody_revokes_another_persons_token(people) -> None:
    token = create_token(people[1])
    theirs = ApiToken.objects.get()
    response = page(people[0]).post("/api-token/", {"revoke": theirs.pk})
    assert response.status_code == 404
    assert call(token) == (200, "")
