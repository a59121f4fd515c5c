"""Where a logged-in person is sent before any page: to change a temporary password, to the page
saying they have no role yet, or (an administrator, before the bureau is named) to set it up.

The JSON API (/api/) is left alone: it authenticates by token, not by session. Logging out and
the static files are always reachable (and the browser's own favicon request, which would
otherwise queue the reminder a second time).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from jixiao.web.orgs import services
from jixiao.web.orgs.models import Profile
from jixiao.web.scope import is_admin


class RoleRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or _always_open(request.path):
            return self.get_response(request)
        path = request.path
        password, no_role, setup = (
            reverse("orgs:password"),
            reverse("orgs:no_role"),
            reverse("orgs:bureau_setup"),
        )
        if Profile.objects.filter(user=user, must_change_password=True).exists():
            if path != password:
                messages.warning(request, "请先修改临时密码。")
                return redirect(password)
            return self.get_response(request)
        if not services.has_role(user):
            if path not in (password, no_role):
                return redirect(no_role)
            return self.get_response(request)
        if path not in (password, setup) and _bureau_missing(user):
            return redirect(setup)
        return self.get_response(request)


def _always_open(path: str) -> bool:
    static = "/" + settings.STATIC_URL.lstrip("/")
    return path.startswith(("/api/", static)) or path in (reverse("logout"), "/favicon.ico")


def _bureau_missing(user: object) -> bool:
    """An administrator arrives before anyone named the bureau (by the set-up page or the
    JIXIAO_BUREAU_NAME environment variable; the samples' bureau does not count)."""
    if services.the_bureau() is not None or not is_admin(user):
        return False
    return services.bureau_from_environment(user) is None
