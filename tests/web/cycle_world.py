"""申报表 and 监控表 stored in both units of the web world, as a save would store them, for the
API and dataset tests of the cycle."""

from __future__ import annotations

from decimal import Decimal

from documents_world import monitoring, targets

from jixiao.web.forms.models import FormRecord, FormVersion


def store(unit, kind: str, document, **columns) -> FormRecord:
    record = FormRecord.all_objects.create(
        unit=unit,
        kind=kind,
        year=document.year,
        project_name=document.project_name.text,
        department_name=document.department.text,
        **columns,
    )
    FormVersion.objects.create(record=record, number=1, data=document.to_json_dict(), policy="")
    return record


def cycle_documents(world) -> dict[str, FormRecord]:
    """Unit A's 申报表 and red 监控表 of 公共服务经费; unit B's of another project."""
    return {
        "targets_a": store(world.unit_a, "targets", targets(), status="approved", warnings=1),
        "monitoring_a": store(
            world.unit_a,
            "monitoring",
            monitoring(),
            light="red",
            execution_rate=Decimal("0.3"),
        ),
        "targets_b": store(world.unit_b, "targets", targets(name="市民服务中心工作经费")),
        "monitoring_b": store(
            world.unit_b, "monitoring", monitoring(name="市民服务中心工作经费"), light="green"
        ),
    }
