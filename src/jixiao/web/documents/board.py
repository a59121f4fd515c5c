"""The monitoring board (监控预警看板): per department, how many projects are 红 / 黄 / 绿, and
each project with its light, execution rate and the indicators at risk.

A project's light is its monitoring table's (`FormRecord.light`, worked out on save by
`review.monitoring.review_monitoring`); an indicator is at risk when the table says its target
is 完全不可能 or only 有可能 to be met.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from jixiao.web.forms.models import FormRecord, FormVersion
from jixiao.web.orgs.models import Organisation

Light = FormRecord.Light
AT_RISK = ("完全不可能", "有可能")
ORDER = {Light.RED: 0, Light.YELLOW: 1, Light.GREEN: 2, Light.NONE: 3}


@dataclass
class BoardProject:
    record: FormRecord
    at_risk: list[dict[str, str]]  # {"name", "likelihood", "target", "forecast"}


@dataclass
class BoardDepartment:
    organisation: Organisation | None
    name: str
    projects: list[BoardProject] = field(default_factory=list)

    def count(self, light: str) -> int:
        return sum(1 for p in self.projects if p.record.light == light)

    @property
    def red(self) -> int:
        return self.count(Light.RED)

    @property
    def yellow(self) -> int:
        return self.count(Light.YELLOW)

    @property
    def green(self) -> int:
        return self.count(Light.GREEN)


def _department(unit: Organisation) -> Organisation | None:
    """The unit's 主管部门: its nearest department above (the unit itself when it has none)."""
    node: Organisation | None = unit
    seen: set[int] = set()
    while node is not None and node.pk not in seen:
        if node.kind == Organisation.Kind.DEPARTMENT:
            return node
        seen.add(node.pk)
        node = node.parent
    return unit


def at_risk(data: dict[str, Any]) -> list[dict[str, str]]:
    """The indicators of a monitoring table whose target is not sure to be met."""
    out = []
    for i, ind in enumerate(data.get("indicators") or []):
        likelihood = str(ind.get("likelihood") or "").strip()
        if likelihood in AT_RISK:
            out.append(
                {
                    "path": f"indicators.{i}",
                    "name": str(ind.get("name") or ""),
                    "likelihood": likelihood,
                    "target": str(ind.get("target") or ""),
                    "forecast": str(ind.get("forecast") or ""),
                }
            )
    return out


def monitoring_board(rows: QuerySet[FormRecord], year: int | None) -> list[BoardDepartment]:
    """The board for the monitoring tables in ``rows`` (already in the user's scope) of
    ``year``: departments by name, in each the red projects first."""
    records = list(rows.filter(year=year).select_related("unit", "unit__parent"))
    latest: dict[int, dict[str, Any]] = {}
    versions = FormVersion.objects.filter(record__in=records).order_by("record_id", "-number")
    for record_id, data in versions.values_list("record_id", "data"):
        latest.setdefault(record_id, data)
    departments: dict[int | None, BoardDepartment] = {}
    for record in records:
        org = _department(record.unit)
        key = org.pk if org else None
        if key not in departments:
            departments[key] = BoardDepartment(org, org.name if org else "（未知部门）")
        departments[key].projects.append(BoardProject(record, at_risk(latest.get(record.pk, {}))))
    for department in departments.values():
        department.projects.sort(
            key=lambda p: (ORDER.get(p.record.light, 3), p.record.project_name, p.record.pk)
        )
    return sorted(departments.values(), key=lambda d: d.name)
