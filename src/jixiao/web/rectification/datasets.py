"""The cycle's datasets from the web application: 申报表, 监控表 and 整改事项 of the user's scope,
as the rows `jixiao.write.cycle_datasets` writes. Every download is audited."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet

from jixiao.model.monitoring import MonitoringForm
from jixiao.model.targets import TargetsForm
from jixiao.web.forms.models import FormRecord
from jixiao.web.rectification import services
from jixiao.web.rectification.models import RectificationItem
from jixiao.web.rounds.status import today
from jixiao.web.scope import User, documents_for
from jixiao.web.services import audit
from jixiao.write import cycle_datasets as cd

MAX_ROWS = 5000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")
# which tables read which kind of record
KIND_OF = {
    "targets": FormRecord.Kind.TARGETS,
    "target_indicators": FormRecord.Kind.TARGETS,
    "monitoring": FormRecord.Kind.MONITORING,
    "monitoring_indicators": FormRecord.Kind.MONITORING,
}


class DatasetError(ValueError):
    """A request the download cannot honour; the message is for the user."""


@dataclass(frozen=True)
class DatasetFile:
    name: str
    content_type: str
    data: bytes


def document_rows(records: Iterable[FormRecord]) -> list[cd.DocumentRow]:
    """申报表 / 监控表 records as dataset rows, from each one's latest version."""
    found = []
    for record in records:
        version = record.latest
        if version is None:
            continue
        model = TargetsForm if record.kind == FormRecord.Kind.TARGETS else MonitoringForm
        found.append(
            cd.DocumentRow(
                key=str(record.pk),
                form=model.from_json_dict(version.data),
                unit=record.unit.name,
                status=record.get_status_display(),
                errors=record.errors,
                warnings=record.warnings,
                light=record.light,
                execution_rate=record.execution_rate,
            )
        )
    return found


def _department(unit: Any) -> str:
    """The department's name for the dataset; empty for a unit standing alone."""
    department = services.department_of(unit)
    return department.name if department.kind == "department" else ""


def item_rows(
    items: QuerySet[RectificationItem], on: datetime.date | None = None
) -> list[cd.RectificationRow]:
    on = on or today()
    rows = items.select_related("unit", "unit__parent", "record", "panel", "project")
    rows = rows.annotate(evidence_count=Count("evidence"))
    return [
        cd.RectificationRow(
            key=str(i.pk),
            unit=i.unit.name,
            department=_department(i.unit),
            year=i.year,
            source=i.get_source_display(),
            title=i.title,
            requirement=i.requirement,
            due=i.due,
            status=i.get_status_display(),
            days_late=services.days_late(i, on),
            project=(i.record.project_name if i.record else (i.panel.project if i.panel else "")),
            document_key=str(i.record_id) if i.record_id else "",
            finding_code=i.finding_code,
            created=i.created,
            done_at=i.done_at,
            confirmed_at=i.confirmed_at,
            evidence=i.evidence_count,
        )
        for i in rows.order_by("due", "pk")[:MAX_ROWS]
    ]


def contexts(user: User, table: str, year: int | None = None) -> Sequence[Any]:
    """The rows of one table within the user's scope (narrowed by year)."""
    if table == "rectification":
        items = services.items_for(user)
        if year:
            items = items.filter(year=year)
        return item_rows(items)
    if table not in KIND_OF:
        raise DatasetError(f"没有数据表“{table}”，可选：{'、'.join(cd.TABLES)}")
    records = documents_for(user, KIND_OF[table]).order_by("-year", "project_name", "pk")
    if year:
        records = records.filter(year=year)
    documents = document_rows(_capped(records))
    if table.endswith("indicators"):
        return list(cd.indicator_rows(documents))
    return documents


def _capped(rows: QuerySet[Any]) -> list[Any]:
    found = list(rows[: MAX_ROWS + 1])
    if len(found) > MAX_ROWS:
        raise DatasetError(f"一次最多导出 {MAX_ROWS} 张表或事项，请按年度缩小范围。")
    return found


def download(
    user: User, table: str, fmt: str, rows: Sequence[Any] | None = None, year: int | None = None
) -> DatasetFile:
    """One table as CSV, or as an Excel workbook with its 字段说明; ``rows`` when the caller
    filtered them already (the list page), else the user's whole scope."""
    if fmt not in FORMATS:
        raise DatasetError(f"不支持的格式：{fmt}（可选 csv、xlsx）")
    if table not in cd.COLUMNS:
        raise DatasetError(f"没有数据表“{table}”，可选：{'、'.join(cd.TABLES)}")
    rows = contexts(user, table, year) if rows is None else rows
    out = io.BytesIO()
    if fmt == "csv":
        cd.write_table_csv(table, rows, out)
        content_type = "text/csv"
    else:
        cd.write_tables_xlsx({table: rows}, out)
        content_type = XLSX
    audit.record(user, "export", f"{len(rows)} 行{cd.TABLE_TITLES[table]}", format=fmt)
    return DatasetFile(f"{cd.TABLE_TITLES[table]}.{fmt}", content_type, out.getvalue())
