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


def test_the_rollup_from_stored_columns_is_the_rollup_of_the_stored_forms(world) -> None:
    """The page reads each record's stored columns and findings, not the forms: the evaluation
    is the same, number for number, as the one made from the forms as stored."""
    from jixiao.department.evaluation import evaluate_department
    from jixiao.web.departments.services import department_forms
    from jixiao.web.services.versions import policy

    clone_forms([world.form_a], [world.unit_a], 3)
    records = list(department_forms(world.admin, world.dept_a).filter(year=2020))
    records.sort(key=lambda r: r.project_name)
    from_forms = evaluate_department("甲街道办事处", 2020, stored_checked(records), None, policy())
    from_columns = evaluate(world.admin, world.dept_a, 2020)
    assert from_columns.to_json_dict() == from_forms.to_json_dict()
    assert len(from_columns.projects) == len(records) >= 4


def test_a_department_of_many_projects_lists_the_first_and_links_to_all(world, monkeypatch) -> None:
    from django.urls import reverse

    from jixiao.web.departments import views

    monkeypatch.setattr(views, "SHOWN", 2)
    clone_forms([world.form_a], [world.unit_a], 3)
    client = world.client(world.admin)
    page = client.get(reverse("departments:detail", args=[world.dept_a.pk, 2020]))
    assert len(page.context["view"]["projects"]) == 2
    total = len(page.context["ev"].projects)
    assert total >= 4 and page.context["view"]["more"] == total - 2
    text = page.content.decode()
    assert f"共 {total} 个项目" in text
    link = f"{reverse('forms:list')}?org={world.dept_a.pk}&amp;year=2020"
    assert link in text
    listed = client.get(link.replace("&amp;", "&")).context["count"]
    assert listed == total
