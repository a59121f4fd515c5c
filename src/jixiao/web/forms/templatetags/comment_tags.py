"""Reviewers' comments beside the fields of the edit page.

`{% load comment_tags %}` then, after a field, `{% field_comments "funds.total.executed" %}` or, in
the indicator rows, `{% field_comments "indicators" forloop.counter0 "actual" %}` (the parts are
joined with dots): the open comments (待修改, 已修改) on that field, with their finding's
wording. The record's comments are read once per page (the template's `record`).
`{% open_comments_list as rows %}` gives every open comment of the record (overall ones too)
for the top of the page.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.context import Context
from django.template.loader import render_to_string

from jixiao.web.orgs.services import who as who_
from jixiao.web.services.comments import NOT_DONE, Shown, by_field, shown

register = template.Library()


@register.filter
def who(person: Any) -> str:
    """A person as others read them: 姓名（用户名）."""
    return who_(person)


def _by_field(context: Context) -> dict[str, list[Shown]]:
    cache = context.render_context
    if "jixiao_field_comments" not in cache:
        record = context.get("record")
        cache["jixiao_field_comments"] = by_field(record) if record is not None else {}
    return cache["jixiao_field_comments"]


@register.simple_tag(takes_context=True)
def field_comments(context: Context, *parts: Any) -> str:
    field = ".".join(str(p) for p in parts)
    shown = _by_field(context).get(field, [])
    if not shown:
        return ""
    return render_to_string("web/form_edit_comment.html", {"shown": shown, "field": field})


@register.simple_tag(takes_context=True)
def open_comments_list(context: Context) -> list[Shown]:
    """Every comment of the record still to be done (待修改, 已修改), oldest first."""
    record = context.get("record")
    if record is None:
        return []
    rows = record.comments.filter(state__in=NOT_DONE).select_related("author", "version")
    return shown(list(rows))
