"""Template helpers for records of any kind (自评表, 绩效目标申报表, 绩效运行监控表)."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from jixiao.web.forms.models import FormRecord
from jixiao.web.services.documents import detail_url, related_link

register = template.Library()


@register.filter
def record_url(record: FormRecord) -> str:
    """The page of the record, whatever its kind."""
    return detail_url(record)


@register.filter
def record_edit_url(record: FormRecord) -> str:
    """The edit page of the record, whatever its kind."""
    if record.kind == FormRecord.Kind.SELF:
        return reverse("forms:edit", args=[record.pk])
    return reverse("documents:edit", args=[record.kind, record.pk])


@register.simple_tag
def related_document(record: FormRecord, finding: dict[str, Any]) -> dict[str, str]:
    """The other document a chain finding points at: {"label", "url"} (url "" when missing)."""
    text, url = related_link(record, finding)
    return {"label": text, "url": url}
