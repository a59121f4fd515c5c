"""What the form and panel pages show of 整改: the items already made from them, the problems a
panel's report names, and whether the person may make items there."""

from __future__ import annotations

from typing import Any

from django import template

from jixiao.department.problems import Problem
from jixiao.model.finding import Severity
from jixiao.web.rectification import services
from jixiao.web.rectification.models import RectificationItem
from jixiao.web.rounds.status import today

register = template.Library()


@register.simple_tag
def items_of_record(record: Any) -> list[RectificationItem]:
    return list(RectificationItem.objects.filter(record=record).order_by("due", "pk"))


@register.simple_tag
def items_of_panel(panel: Any) -> list[RectificationItem]:
    return list(RectificationItem.objects.filter(panel=panel).order_by("due", "pk"))


@register.simple_tag
def panel_problems(panel: Any) -> list[Problem]:
    return services.panel_problems(panel)


@register.simple_tag
def department_problems(evaluation: Any) -> list[Problem]:
    from jixiao.department.report import evaluation_problems

    return evaluation_problems(evaluation)


@register.simple_tag
def department_items(user: Any, department: Any, year: int) -> list[Any]:
    return list(services.department_items(user, department, year))


@register.simple_tag
def cycle_tables() -> list[tuple[str, str, str]]:
    """(table, title, what a row is) of the cycle's datasets, for the export page."""
    from jixiao.write import cycle_datasets as cd

    return [(t, cd.TABLE_TITLES[t], cd.TABLE_DESCRIPTIONS[t]) for t in cd.TABLES]


@register.simple_tag
def may_make_items(user: Any, organisation_id: int) -> bool:
    return services.may_make(user, organisation_id)


@register.simple_tag
def due_default() -> str:
    return services.default_due().isoformat()


@register.filter
def finding_key(finding: Any) -> str:
    return services.finding_key(
        {"code": getattr(finding, "code", ""), "path": getattr(finding, "path", "")}
        if not isinstance(finding, dict)
        else finding
    )


@register.filter
def severity_label(severity: str) -> str:
    """错误 / 警告 / 提示, from the one home of severity labels."""
    try:
        return Severity(severity).label
    except ValueError:
        return severity


@register.filter
def late_days(item: RectificationItem) -> int:
    return services.days_late(item, today())
