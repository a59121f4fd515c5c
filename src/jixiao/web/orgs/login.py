"""Login with throttling per account and per address, as a trusted system does it.

Every password login (the login page, the admin's) goes through `ThrottledModelBackend`, which
takes one attempt from two counters in the database *before* the password is checked: the
account's (MAX_FAILURES in LOCKED_FOR) and the client address's (MAX_ADDRESS_FAILURES). Each
take is one conditional UPDATE, atomic on PostgreSQL and SQLite alike, so a burst of concurrent
guesses lets no more than the limit reach the password check, and every app process sees the
same counts. A successful login gives its attempts back (the account's counter is cleared, the
address's loses one), so only failures stay counted. A refused attempt is written to the audit
log with the address.

The address is REMOTE_ADDR, or behind JIXIAO_TRUSTED_PROXIES reverse proxies the entry of
X-Forwarded-For that the outermost trusted proxy saw.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model, signals
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone

from jixiao.web.orgs.models import LoginFailure
from jixiao.web.services import audit

MAX_FAILURES = 5  # per account
MAX_ADDRESS_FAILURES = 30  # per address: an office behind one NAT address shares it
LOCKED_FOR = timedelta(minutes=15)
LIMITS = {
    LoginFailure.Scope.ACCOUNT: MAX_FAILURES,
    LoginFailure.Scope.ADDRESS: MAX_ADDRESS_FAILURES,
}
REFUSALS = {
    LoginFailure.Scope.ACCOUNT: "登录失败次数过多，该账号已暂时锁定，请 {minutes} 分钟后再试。",
    LoginFailure.Scope.ADDRESS: "此地址登录失败次数过多，已暂时禁止登录，请 {minutes} 分钟后再试。",
}


def client_address(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    hops = getattr(settings, "JIXIAO_TRUSTED_PROXIES", 0)
    if hops:
        forwarded = [
            a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()
        ]
        if len(forwarded) >= hops:
            return forwarded[-hops][:150]
    return str(request.META.get("REMOTE_ADDR", ""))[:150]


def take_attempt(scope: str, key: str) -> bool:
    """Count one attempt on (scope, key) if the limit allows it; False when it is refused."""
    now, limit = timezone.now(), LIMITS[scope]
    counters = LoginFailure.objects.filter(scope=scope, key=key)
    for _ in range(3):  # a counter made by a concurrent attempt meanwhile: go round again
        if counters.filter(last__lte=now - LOCKED_FOR).update(failures=1, last=now):
            return True  # the last failure is long ago: counting starts again
        if counters.filter(failures__lt=limit).update(failures=F("failures") + 1, last=now):
            return True
        if counters.exists():
            return False
        try:
            with transaction.atomic():
                LoginFailure.objects.create(scope=scope, key=key, failures=1, last=now)
            return True
        except IntegrityError:
            continue
    return False


def give_back(scope: str, key: str) -> None:
    """A successful login: its attempt was no failure."""
    counters = LoginFailure.objects.filter(scope=scope, key=key)
    if scope == LoginFailure.Scope.ACCOUNT:
        counters.delete()
    else:
        counters.filter(failures__gt=0).update(failures=F("failures") - 1)


class ThrottledModelBackend(ModelBackend):
    """Django's backend, behind the two counters: a refused attempt never reaches the password."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if not username or password is None:
            return None
        username, address = str(username)[:150], client_address(request)
        # the address first: a guess it refuses costs the account nothing, and one the account
        # refuses is given back to the address (no password was tried)
        if address and not take_attempt(LoginFailure.Scope.ADDRESS, address):
            _refuse(request, username, address, LoginFailure.Scope.ADDRESS)
        if not take_attempt(LoginFailure.Scope.ACCOUNT, username):
            if address:
                give_back(LoginFailure.Scope.ADDRESS, address)
            _refuse(request, username, address, LoginFailure.Scope.ACCOUNT)
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None:
            give_back(LoginFailure.Scope.ACCOUNT, username)
            if address:
                give_back(LoginFailure.Scope.ADDRESS, address)
        return user


def _refuse(request: HttpRequest | None, username: str, address: str, scope: str) -> None:
    known = get_user_model().objects.filter(username=username).first()
    audit.record(
        None,
        "login_blocked",
        username,
        about=audit.organisation_of(known),
        address=address,
        reason=LoginFailure.Scope(scope).label,
    )
    if request is not None:
        request.login_refusal = scope  # type: ignore[attr-defined]
    raise PermissionDenied  # no other backend is asked


class LockoutAuthenticationForm(AuthenticationForm):
    def get_invalid_login_error(self) -> ValidationError:
        scope = getattr(self.request, "login_refusal", None)
        if scope:
            message = REFUSALS[scope].format(minutes=LOCKED_FOR.seconds // 60)
            return ValidationError(message, code="locked")
        return super().get_invalid_login_error()


class JixiaoLoginView(LoginView):
    template_name = "web/login.html"
    authentication_form = LockoutAuthenticationForm


@receiver(signals.user_login_failed)
def _record_failure(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username", ""))[:150]
    if not username or getattr(request, "login_refusal", None):
        return  # a refused attempt is in the log already, as login_blocked
    known = get_user_model().objects.filter(username=username).first()
    counter = LoginFailure.objects.filter(scope=LoginFailure.Scope.ACCOUNT, key=username).first()
    audit.record(
        None,
        "login_failed",
        username,
        about=audit.organisation_of(known),
        failures=counter.failures if counter else None,
        address=client_address(request),
    )


@receiver(signals.user_logged_in)
def _logged_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    audit.record(user, "login", user)
