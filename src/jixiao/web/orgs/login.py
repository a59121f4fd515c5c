"""Login with a lockout: after repeated failures a user name is refused for a while.

Counted per user name in the database, so every app process sees the same count.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.contrib.auth import get_user_model, signals
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone

from jixiao.web.orgs.models import LoginFailure
from jixiao.web.services import audit

MAX_FAILURES = 5
LOCKED_FOR = timedelta(minutes=15)


def locked(username: str) -> bool:
    entry = LoginFailure.objects.filter(username=username).first()
    return bool(
        entry and entry.failures >= MAX_FAILURES and timezone.now() - entry.last < LOCKED_FOR
    )


class LockoutAuthenticationForm(AuthenticationForm):
    def clean(self) -> dict[str, Any]:
        username = (self.data.get("username") or "").strip()
        if username and locked(username):
            raise forms.ValidationError(
                f"登录失败次数过多，该账号已暂时锁定，请 {LOCKED_FOR.seconds // 60} 分钟后再试。",
                code="locked",
            )
        return super().clean()


class JixiaoLoginView(LoginView):
    template_name = "web/login.html"
    authentication_form = LockoutAuthenticationForm


@receiver(signals.user_login_failed)
def _count_failure(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username", ""))[:150]
    if not username:
        return
    entry, _ = LoginFailure.objects.get_or_create(username=username)
    if timezone.now() - entry.last >= LOCKED_FOR:
        entry.failures = 0
    entry.failures += 1
    entry.save()
    known = get_user_model().objects.filter(username=username).first()
    audit.record(
        None, "login_failed", username, about=audit.organisation_of(known), failures=entry.failures
    )


@receiver(signals.user_logged_in)
def _reset(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    LoginFailure.objects.filter(username=user.get_username()).delete()
    audit.record(user, "login", user)
