"""{% may_void record as may %}: whether the page's user may void (or restore) the form."""

from __future__ import annotations

from typing import Any

from django import template

from jixiao.web.forms.models import FormRecord
from jixiao.web.services.voiding import may_void as _may_void

register = template.Library()


@register.simple_tag(takes_context=True)
def may_void(context: Any, record: FormRecord) -> bool:
    request = context.get("request")
    return request is not None and _may_void(request.user, record)
