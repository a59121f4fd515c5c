"""The upgrade to one record per form (forms 0003): a form uploaded twice before it, in two
formats, is one active record afterwards; the later copy is voided (kept, restorable), and
every form gets its identity and its first version the file it was read from."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("forms", "0002_formrecord_submitted_at_formrecord_submitted_by")]
AFTER = [("forms", "0003_one_record_review_levels_reviewed_scores")]


def migrate(targets: list[tuple[str, str]]):  # noqa: ANN201  (historical apps)
    """The forms app migrated to ``targets``, the others left at their latest; the models as
    they were then."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    others = [n for n in executor.loader.graph.leaf_nodes() if n[0] == "orgs"]
    return executor.loader.project_state(targets + others).apps


@pytest.mark.django_db(transaction=True)
def test_the_upgrade_voids_the_later_copy_of_a_form_and_keeps_it() -> None:
    old = migrate(BEFORE)
    organisation = old.get_model("orgs", "Organisation")
    stored_file = old.get_model("forms", "StoredFile")
    record_model = old.get_model("forms", "FormRecord")
    version_model = old.get_model("forms", "FormVersion")
    unit = organisation.objects.create(name="甲单位", kind="unit", code="ZD0001")
    made = []
    for i, (name, project) in enumerate(
        [("a.docx", "公共服务经费"), ("a.pdf", "公共服务 经费"), ("b.docx", "民生家园建设经费")]
    ):
        f = stored_file.objects.create(
            sha256=f"{i}" * 64, name=name, size=1, organisation=unit, forms_found=1
        )
        record = record_model.objects.create(
            unit=unit, source_file=f, source_index=0, year=2020, project_name=project
        )
        version_model.objects.create(record=record, number=1, data={}, policy="mof-2020")
        made.append(record.pk)
    try:
        new = migrate(AFTER)
        records = new.get_model("forms", "FormRecord")
        first, copy, other = (records._base_manager.get(pk=pk) for pk in made)
        assert first.voided_at is None and other.voided_at is None
        assert copy.voided_at is not None
        assert copy.void_reason == f"与第 {first.pk} 号自评表是同一张表（升级时作废，可恢复）"
        assert first.identity == copy.identity == "name:公共服务经费"
        versions = new.get_model("forms", "FormVersion")
        assert versions.objects.get(record_id=copy.pk).source_file.name == "a.pdf"
    finally:  # whatever happened, the database is left at the latest schema
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
