"""Template tags of the no-lost-edit pages: whether the person may restore an old version, and
who saved a version."""

from __future__ import annotations

from typing import Any

from django import template

from jixiao.web.forms.models import FormRecord
from jixiao.web.orgs.services import who
from jixiao.web.services import edits

register = template.Library()


@register.simple_tag(takes_context=True)
def may_restore(context: dict[str, Any], record: FormRecord) -> bool:
    """``{% may_restore record as can_restore %}``: a filler while 草稿/已退回, or an administrator;
    never on a voided form."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return bool(user and edits.can_restore(user, record))


@register.filter
def saved_by(person: Any) -> str:
    """Who saved a version, as others read people (姓名（用户名）); "系统" for nobody."""
    return "系统" if person is None else who(person)
