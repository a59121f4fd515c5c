"""`{{ person|who }}`: a person as others read them (姓名（用户名）)."""

from __future__ import annotations

from typing import Any

from django import template

from jixiao.web.orgs.services import who as _who

register = template.Library()


@register.filter
def who(person: Any) -> str:
    return _who(person)
