"""部门整体评价 for the web: which departments a user may see, their evaluation, their figures.

Scope comes from `jixiao.web.scope`: a department is visible when the user's reach
(`unit_ids_for`) takes in the department itself — a reviewer of the department or of the bureau
above it, or an administrator. A 填报人 reaches only their own unit, so they see no department
page: the evaluation rolls up every unit's forms, which they may not see.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Count, QuerySet, Sum

from jixiao.department.evaluation import (
    DepartmentEvaluation,
    ProjectFinding,
    ProjectRow,
    evaluate_projects,
    grade_of,
)
from jixiao.department.figures import DepartmentFigures, load_figures
from jixiao.model.finding import Severity
from jixiao.scoring.policy import Policy
from jixiao.values import parse_number
from jixiao.web.departments.models import FIELDS, DepartmentYear
from jixiao.web.forms.models import FormRecord, FormVersion
from jixiao.web.orgs.models import Organisation
from jixiao.web.scope import User, forms_for, in_scope, one_in_scope
from jixiao.web.services import audit
from jixiao.web.services.versions import policy

EXAMPLES = Path(__file__).resolve().parents[2] / "department" / "examples"


def _departments() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=Organisation.Kind.DEPARTMENT).order_by("name")


def departments_for(user: User) -> QuerySet[Organisation]:
    return in_scope(user, _departments(), "pk")


def department_for(user: User, pk: int) -> Organisation:
    """The department if the user may see it; 404 otherwise (no hint that it exists)."""
    return one_in_scope(user, _departments(), pk, "没有这个部门，或您无权查看。", "pk")


def year_rows(user: User) -> list[dict[str, Any]]:
    """Each department the user sees, each year it has forms or figures of: its forms counted
    and its amounts summed by the database (one grouped query over units and years, whatever
    the number of forms or departments), newest year first within a department."""
    departments = list(departments_for(user))
    children: dict[int | None, list[int]] = {}
    for pk, parent in Organisation.objects.values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)
    by_unit_year: dict[tuple[int, int], dict[str, Any]] = {}
    grouped = (
        forms_for(user)
        .exclude(year=None)
        .order_by()
        .values("unit_id", "year")
        .annotate(count=Count("pk"), budget=Sum("annual_budget"), executed=Sum("executed"))
    )
    for row in grouped:
        by_unit_year[(row["unit_id"], row["year"])] = row
    figures: dict[int, set[int]] = {}
    stored = DepartmentYear.objects.filter(department__in=departments)
    for department_id, year in stored.values_list("department_id", "year"):
        figures.setdefault(department_id, set()).add(year)
    rows = []
    for department in departments:
        units, frontier = {department.pk}, [department.pk]
        while frontier:  # the department's subtree, from the tree read once
            frontier = [c for pk in frontier for c in children.get(pk, [])]
            units.update(frontier)
        years: dict[int, dict[str, Any]] = {}
        for (unit_id, year), row in by_unit_year.items():
            if unit_id in units:
                total = years.setdefault(year, {"count": 0, "budget": None, "executed": None})
                total["count"] += row["count"]
                for key in ("budget", "executed"):
                    if row[key] is not None:
                        total[key] = (total[key] or 0) + row[key]
        for year in figures.get(department.pk, set()) - set(years):
            years[year] = {"count": 0, "budget": None, "executed": None}
        rows += [
            {
                "department": department,
                "year": year,
                "figures": year in figures.get(department.pk, set()),
                **years[year],
            }
            for year in sorted(years, reverse=True)
        ]
    return rows


def department_forms(user: User, department: Organisation) -> QuerySet[FormRecord]:
    return forms_for(user).filter(unit_id__in=department.subtree_ids())


def years_of(user: User, department: Organisation) -> list[int]:
    forms = department_forms(user, department).exclude(year=None).order_by()
    years = set(forms.values_list("year", flat=True).distinct())
    years |= set(
        DepartmentYear.objects.filter(department=department).values_list("year", flat=True)
    )
    return sorted(years, reverse=True)


def stored_figures(department: Organisation, year: int) -> DepartmentYear | None:
    return DepartmentYear.objects.filter(department=department, year=year).first()


def evaluate(user: User, department: Organisation, year: int) -> DepartmentEvaluation:
    return evaluate_with_records(user, department, year)[0]


def evaluate_with_records(
    user: User, department: Organisation, year: int
) -> tuple[DepartmentEvaluation, list[FormRecord]]:
    """The department's evaluation from the latest version of each of its forms of the year as
    it was checked when saved (not scored again on every request), and those forms' records
    in the order of the evaluation's projects."""
    records = list(department_forms(user, department).filter(year=year).order_by("project_name"))
    stored = stored_figures(department, year)
    figures = stored.to_figures() if stored is not None else None
    under = policy()
    rows, found = project_rows(records, under)
    return evaluate_projects(department.name, year, rows, found, figures, under), records


def project_rows(
    records: list[FormRecord], under: Policy
) -> tuple[list[ProjectRow], list[ProjectFinding]]:
    """Each record's project row, from the columns its last save stored (amounts in 万元, the
    computed score, the counts of findings), and its findings' codes: one query for what the
    record does not hold (the 实施单位 and file the form names, the findings), no form read
    or scored again however many the department has."""
    from django.db.models import OuterRef, Subquery

    newest = FormVersion.objects.filter(record=OuterRef("record")).order_by("-number")
    latest = FormVersion.objects.filter(
        record__in=[r.pk for r in records], number=Subquery(newest.values("number")[:1])
    ).order_by()
    fields = ("annual_budget", "executed", "execution_rate", "total_score")
    stored = {
        row[0]: row[1:]
        for row in latest.values_list(
            "record_id",
            "data__implementing_unit",
            "data__source__file",
            "findings",
            "computed__grade",
            *(f"computed__{name}" for name in fields),
        )
    }
    rows, found = [], []
    for record in records:
        unit, file, findings, grade, *numbers = stored.get(record.pk, ("", "", [], None))
        # the computed values as the version stored them (the record's columns hold them to a
        # fixed number of places)
        budget, executed, rate, score = (_decimal(v) for v in numbers or [None] * 4)
        name = record.project_name
        rows.append(
            ProjectRow(
                name=name,
                unit=unit or "",
                file=file or "",
                budget=budget,
                executed=executed,
                rate=rate,
                declared_score=parse_number(record.declared_total),
                computed_score=score,
                grade=grade_of(score, under, grade),
                counts={
                    Severity.ERROR: record.errors,
                    Severity.WARNING: record.warnings,
                    Severity.INFO: record.infos,
                },
            )
        )
        found += [ProjectFinding(name, f["code"], Severity(f["severity"])) for f in findings]
    return rows, found


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


@transaction.atomic
def save_figures(
    user: Any, department: Organisation, year: int, values: dict[str, Decimal | None]
) -> DepartmentYear:
    """Store the department's figures for the year, and say who changed what in the audit log."""
    row, created = DepartmentYear.objects.get_or_create(department=department, year=year)
    changes = {}
    for name, _, _, label in FIELDS:
        if name not in values:
            continue
        old, new = getattr(row, name), values[name]
        if (old is None) != (new is None) or (old is not None and new is not None and old != new):
            changes[label] = [_text(old), _text(new)]
            setattr(row, name, new)
    row.updated_by = user
    row.save()
    if created or changes:
        audit.record(
            user,
            "department_figures",
            f"{department.name} {year}年度",
            about=department,
            year=year,
            department=department.pk,
            changes=changes,
        )
    return row


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def figures_values(figures: DepartmentFigures) -> dict[str, Decimal | None]:
    """The model's fields from a figures file (the inverse of DepartmentYear.to_figures)."""
    values: dict[str, Decimal | None] = {}
    for name, part, key, _ in FIELDS:
        source = figures if part is None else getattr(figures, part)
        values[name] = getattr(source, key)
    return values


def import_example_figures(user: Any, departments: QuerySet[Organisation]) -> list[DepartmentYear]:
    """The shipped example figures (department/examples/*.toml) for the departments among
    ``departments`` they name, where that year has no figures yet: the sample import's last step."""
    stored = []
    for path in sorted(EXAMPLES.glob("*.toml")):
        figures = load_figures(path)
        department = departments.filter(name=figures.department).first()
        if department is None or figures.year is None:
            continue
        if stored_figures(department, figures.year) is None:
            stored.append(save_figures(user, department, figures.year, figures_values(figures)))
    return stored


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def report_file(user: Any, department: Organisation, year: int) -> tuple[str, bytes]:
    """The department's Word report of the year (file name, content), in the audit log;
    ReportError (its message in Chinese) when it cannot be written. Run as a background job."""
    import io

    from jixiao.department.report import write_department_report
    from jixiao.web.rectification import services as rectification

    evaluation = evaluate(user, department, year)
    out = io.BytesIO()
    lines = rectification.report_lines(user, department, year)
    write_department_report(evaluation, out, rectification=lines)
    audit.record(
        user, "department_report", f"{department.name} {year}年度", about=department, year=year
    )
    return f"{department.name}{year}年度部门整体绩效评价报告.docx", out.getvalue()
