"""What every page's menu needs: the to-do count and which set-up pages the person may open."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from jixiao.web.inbox.todo import roles_of, todo_count


def inbox(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    roles = roles_of(user)
    return {
        "nav_admin": roles.admin,
        "nav_reviewer": roles.reviewer,
        "todo_count": todo_count(user, roles),
    }
