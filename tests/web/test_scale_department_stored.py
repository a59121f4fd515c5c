"""The department page rolls up what each form's latest version stored (computed values and
findings), read in a fixed number of queries; it does not score or review the forms again."""

from __future__ import annotations

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from jixiao.web.departments.services import evaluate
from jixiao.web.forms.clones import clone_forms
from jixiao.web.services.versions import checked_records, stored_checked


def test_it_shows_the_score_each_version_stored(world) -> None:
    version = world.form_a.latest
    version.computed = {**version.computed, "total_score": 12.34}
    version.save(update_fields=["computed"])
    rows = {p.name: p for p in evaluate(world.admin, world.dept_a, 2020).projects}
    assert rows["公共服务经费"].computed_score == Decimal("12.34")  # stored, not scored anew


def test_the_stored_checks_are_the_checks_made_on_saving(world) -> None:
    records = [world.form_a, world.form_b]
    for stored, fresh in zip(stored_checked(records), checked_records(records), strict=True):
        assert stored.form.project_name.text == fresh.form.project_name.text
        assert stored.computed.total_score == fresh.computed.total_score
        assert stored.computed.annual_budget == fresh.computed.annual_budget
        assert stored.computed.execution_rate == fresh.computed.execution_rate
        assert {f.code for f in fresh.findings} <= {f.code for f in stored.findings}


def test_it_reads_the_departments_forms_in_the_same_queries_for_few_or_many(world) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            evaluate(world.admin, world.dept_a, 2020)
        return len(captured)

    few = queries()
    clone_forms([world.form_a], [world.unit_a], 30)
    many = queries()
    assert few == many
    assert len(evaluate(world.admin, world.dept_a, 2020).projects) >= 31


def test_the_index_counts_every_departments_forms_in_the_same_queries(world) -> None:
    from django.urls import reverse

    from jixiao.web.orgs.models import Organisation

    client = world.client(world.admin)

    def grow(n: int) -> None:
        for i in range(n):
            department = Organisation.objects.create(
                name=f"新部门{Organisation.objects.count()}", kind="department", parent=world.bureau
            )
            unit = Organisation.objects.create(name=f"新单位{i}", kind="unit", parent=department)
            clone_forms([world.form_a], [unit], 2, start=Organisation.objects.count() * 10)

    def queries() -> tuple[int, list[dict[str, object]]]:
        with CaptureQueriesContext(connection) as captured:
            rows = client.get(reverse("departments:index")).context["rows"]
        return len(captured), rows

    grow(1)
    few, _ = queries()
    grow(6)
    many, rows = queries()
    assert few == many
    new = [r for r in rows if str(r["department"].name).startswith("新部门")]
    assert len(new) == 7 and all(r["count"] == 2 and r["year"] == 2020 for r in new)
    assert all(r["budget"] == 2 * world.form_a.annual_budget for r in new)
    a = next(r for r in rows if r["department"] == world.dept_a and r["year"] == 2020)
    assert a["count"] == 2  # 004's two forms in unit A
