"""The upgrade that stores findings by severity (forms 0006): every record's errors, warnings
and infos are counted from its latest version's findings, an older version's do not count."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("forms", "0005_document_projects")]
AFTER = [("forms", "0006_stored_list_columns_and_indexes")]


def migrate(targets: list[tuple[str, str]]):  # noqa: ANN201  (historical apps)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    others = [n for n in executor.loader.graph.leaf_nodes() if n[0] in ("orgs", "projects")]
    return executor.loader.project_state(targets + others).apps


def finding(severity: str) -> dict[str, str]:
    return {"code": "X", "severity": severity, "message": "", "location": ""}


@pytest.mark.django_db(transaction=True)
def test_the_upgrade_counts_each_records_latest_findings_by_severity() -> None:
    old = migrate(BEFORE)
    unit = old.get_model("orgs", "Organisation").objects.create(
        name="甲单位", kind="unit", code="ZD0006"
    )
    record_model = old.get_model("forms", "FormRecord")
    version_model = old.get_model("forms", "FormVersion")
    record = record_model.objects.create(unit=unit, year=2020, project_name="公共服务经费")
    for number, findings in [
        (1, [finding("error")] * 5),  # an older version: not counted
        (2, [finding("error"), finding("warning"), finding("info"), finding("info")]),
    ]:
        version_model.objects.create(
            record=record, number=number, data={}, findings=findings, policy="beijing"
        )
    try:
        new = migrate(AFTER)
        counted = new.get_model("forms", "FormRecord")._base_manager.get(pk=record.pk)
        assert (counted.errors, counted.warnings, counted.infos) == (1, 1, 2)
    finally:  # whatever happened, the database is left at the latest schema
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
