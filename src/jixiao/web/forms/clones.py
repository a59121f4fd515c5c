"""Many forms quickly, for load measurements: copies of stored forms under new project names.

`clone_forms` copies each template record's latest version (the declared form, what was computed
and found) into new records of the given units, with bulk inserts: thousands of forms a second,
not through the import path. A copy is a form like any other (list, dashboard, department page),
named "<项目名称>（副本 n）" so that every copy is its own project. Used by `bench/web_scale.py`
and the scale tests; nothing in the product calls it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import cycle, islice
from typing import Any

from django.db import connection, transaction

from jixiao.model.identity import form_identity
from jixiao.web.forms.models import FormRecord, FormVersion
from jixiao.web.orgs.models import Organisation

NOTE = "副本（负载测试）"
# the record's columns of its latest version that a copy takes over as they are
_COPIED = (
    "kind",
    "status",
    "year",
    "department_name",
    "annual_budget",
    "executed",
    "execution_rate",
    "declared_total",
    "total_score",
    "grade",
    "full_self_score",
    "errors",
    "warnings",
    "infos",
    "finding_codes",
    "reviewed_total",
    "reviewed_grade",
)


def _templates(records: Sequence[FormRecord]) -> list[tuple[FormRecord, FormVersion]]:
    latest: dict[int, FormVersion] = {}
    for version in FormVersion.objects.filter(record__in=records).order_by("record_id", "-number"):
        latest.setdefault(version.record_id, version)
    return [(r, latest[r.pk]) for r in records if r.pk in latest]


def _copies(
    templates: list[tuple[FormRecord, FormVersion]],
    units: Sequence[Organisation],
    n: int,
    start: int,
) -> Iterator[tuple[FormRecord, dict[str, Any], FormVersion]]:
    pairs = islice(cycle(templates), n)
    places = cycle(units)
    for i, (record, version) in enumerate(pairs, start=start):
        name = f"{record.project_name}（副本 {i}）"
        copy = FormRecord(
            unit=next(places),
            project_name=name,
            identity=form_identity(name),
            **{field: getattr(record, field) for field in _COPIED},
        )
        data = {**version.data, "project_name": name} if connection.vendor != "postgresql" else {}
        yield copy, data, version


def _copy_versions_in_database(chunk: list[tuple[FormRecord, dict[str, Any], FormVersion]]) -> None:
    """PostgreSQL copies the versions' JSON itself (INSERT … SELECT), renamed with jsonb_set:
    nothing of the form travels through Python."""
    table = FormVersion._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO {table}
                (record_id, number, data, computed, findings, policy, created, note)
            SELECT m.record_id, 1, jsonb_set(v.data, '{{project_name}}', to_jsonb(m.name)),
                v.computed, v.findings, v.policy, now(), %s
            FROM unnest(%s::bigint[], %s::bigint[], %s::text[]) AS m(record_id, version_id, name)
            JOIN {table} AS v ON v.id = m.version_id""",  # noqa: S608 (a table name, no input)
            [
                NOTE,
                [record.pk for record, _, _ in chunk],
                [version.pk for _, _, version in chunk],
                [record.project_name for record, _, _ in chunk],
            ],
        )


def clone_forms(
    records: Sequence[FormRecord],
    units: Sequence[Organisation],
    n: int,
    start: int = 1,
    batch: int = 2000,
) -> int:
    """Add ``n`` copies of ``records`` (in turn) to ``units`` (in turn), each with one version;
    copies are numbered from ``start``. Returns how many were added."""
    templates = _templates(records)
    if not templates or not units or n <= 0:
        return 0
    made = 0
    copies = _copies(templates, units, n, start)
    while chunk := list(islice(copies, batch)):
        with transaction.atomic():
            FormRecord.objects.bulk_create([c for c, _, _ in chunk])  # ids set (PG, SQLite)
            if connection.vendor == "postgresql":
                _copy_versions_in_database(chunk)
            else:
                FormVersion.objects.bulk_create(
                    FormVersion(
                        record=record,
                        number=1,
                        data=data,
                        computed=version.computed,
                        findings=version.findings,
                        policy=version.policy,
                        note=NOTE,
                    )
                    for record, data, version in chunk
                )
        made += len(chunk)
    return made
