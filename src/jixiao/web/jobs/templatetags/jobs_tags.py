from __future__ import annotations

from django import template

from jixiao.web.forms.models import FormRecord
from jixiao.web.jobs.models import JobFile

register = template.Library()


@register.filter
def file_kind(row: JobFile) -> str:
    """Which document the file held (自评表, 绩效目标申报表 …), once it was read."""
    return str(FormRecord.Kind(row.kind).label) if row.kind else ""
