"""What every page's menu needs: the to-do count and which set-up pages the person may open."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from jixiao.web.orgs.models import Membership
from jixiao.web.scope import is_admin


def inbox(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    admin = is_admin(user)
    reviewer = admin or Membership.objects.filter(user=user, role=Membership.Role.REVIEWER).exists()
    return {"nav_admin": admin, "nav_reviewer": reviewer, "todo_count": 0}
