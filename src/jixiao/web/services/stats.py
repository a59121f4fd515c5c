"""Figures for the dashboard: per year and department, from the forms a user may see.

Every sum and count is done by the database over the columns stored with each record (see
`FormRecord`: computed score, grade, status, amounts in 万元, findings by severity and code), in
a handful of queries however many forms there are; no form is re-scored or read into Python.
Aggregates clear the model's default ordering (``.order_by()``), so the database never sorts
the table to count it.

`Remembered` keeps such figures (and a list's filter choices and count) per scope until a form
changes: its key holds the newest ``updated`` and the highest id of the records, two index
look-ups, so a saved, submitted, reviewed or voided form shows at once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Avg, Count, Max, Q, QuerySet, Sum

from jixiao.web.forms.models import FormRecord
from jixiao.web.scope import User, unit_ids_for

T = TypeVar("T")
# how long remembered figures live at most: changes that do not touch a record's ``updated``
# (an organisation merged into another moves forms with an UPDATE) show within this time
REMEMBER_SECONDS = 60

SCORE_BANDS = [
    ("60 分以下", None, 60),
    ("60–80", 60, 80),
    ("80–90", 80, 90),
    ("90–95", 90, 95),
    ("95–100", 95, 100.01),
    ("100 以上", 100.01, None),
]
GRADES = ["优", "良", "中", "差"]


def _rate(executed: Decimal | None, budget: Decimal | None) -> Decimal | None:
    if not budget or executed is None:
        return None
    return (executed / budget).quantize(Decimal("0.0001"))


def _percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{value * 100:.2f}%"


def _mean(value: Decimal | float | None) -> Decimal | None:
    """An average score to two decimals (SQLite averages as a float)."""
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"))


class Remembered:
    """Figures of one user's scope, kept in the cache until any form changes."""

    def __init__(self, user: User) -> None:
        ids = unit_ids_for(user)
        scope = "all" if ids is None else ",".join(map(str, sorted(ids)))
        latest = FormRecord.all_objects.order_by().aggregate(u=Max("updated"), n=Max("pk"))
        self.prefix = hashlib.sha256(f"{scope}|{latest['u']}|{latest['n']}".encode()).hexdigest()

    def get(self, what: str, compute: Callable[[], T]) -> T:
        key = "jixiao:figures:" + hashlib.sha256(f"{self.prefix}|{what}".encode()).hexdigest()
        found = cache.get(key)
        if found is None:
            found = compute()
            cache.set(key, found, REMEMBER_SECONDS)
        return found  # type: ignore[no-any-return]


def _band(low: float | None, high: float | None) -> Q:
    q = Q(total_score__isnull=False)
    if low is not None:
        q &= Q(total_score__gte=Decimal(str(low)))
    if high is not None:
        q &= Q(total_score__lt=Decimal(str(high)))
    return q


def years_of(records: QuerySet[FormRecord]) -> list[int]:
    """The years the records are of, newest first (for a year filter), by the database."""
    years = records.exclude(year=None).order_by("-year").values_list("year", flat=True)
    return list(years.distinct())


def departments_of(records: QuerySet[FormRecord]) -> list[str]:
    """The 主管部门 names the records give, in order (for a department filter)."""
    names = records.exclude(department_name="").order_by("department_name")
    return list(names.values_list("department_name", flat=True).distinct())


def finding_codes(records: QuerySet[FormRecord]) -> list[tuple[str, int]]:
    """How many of the records have each finding code, most first, counted by the database
    from the stored ",CODE,CODE," column (split with unnest on PostgreSQL, json_each on
    SQLite)."""
    try:
        sql, params = records.order_by().values("finding_codes").query.sql_with_params()
    except EmptyResultSet:  # a scope of no units: nothing to count
        return []
    if connection.vendor == "postgresql":
        split = "unnest(string_to_array(r.finding_codes, ',')) AS c(value)"
    else:
        split = (
            "json_each('[\"' || replace(trim(r.finding_codes, ','), ',', '\",\"') || '\"]') AS c"
        )
    query = (
        f"SELECT c.value, COUNT(*) FROM ({sql}) AS r, {split} "  # noqa: S608 (Django's own SQL)
        "WHERE c.value <> '' GROUP BY c.value ORDER BY COUNT(*) DESC, c.value"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return [(str(code), int(n)) for code, n in cursor.fetchall()]


def dashboard(records: QuerySet[FormRecord]) -> dict[str, Any]:
    records = records.order_by()  # aggregates never sort
    totals = records.aggregate(
        forms=Count("pk"),
        budget=Sum("annual_budget"),
        executed=Sum("executed"),
        full=Count("pk", filter=Q(full_self_score=True)),
        with_errors=Count("pk", filter=Q(errors__gt=0)),
        reviewed=Count("pk", filter=Q(reviewed_total__isnull=False)),
        reviewed_mean=Avg("reviewed_total"),
        computed_mean=Avg("total_score"),
        **{
            f"status_{value}": Count("pk", filter=Q(status=value))
            for value, _ in FormRecord.Status.choices
        },
        **{
            f"band_{i}": Count("pk", filter=_band(lo, hi))
            for i, (_, lo, hi) in enumerate(SCORE_BANDS)
        },
        **{f"grade_{g}": Count("pk", filter=Q(grade=g)) for g in GRADES},
        **{f"reviewed_grade_{g}": Count("pk", filter=Q(reviewed_grade=g)) for g in GRADES},
    )
    statuses = [
        {"status": value, "label": label, "count": totals.pop(f"status_{value}")}
        for value, label in FormRecord.Status.choices
    ]
    by_department = []
    for row in (
        records.values("department_name")
        .annotate(
            forms=Count("pk"),
            budget=Sum("annual_budget"),
            executed=Sum("executed"),
            full=Count("pk", filter=Q(full_self_score=True)),
            with_errors=Count("pk", filter=Q(errors__gt=0)),
            **{f"grade_{g}": Count("pk", filter=Q(grade=g)) for g in GRADES},
            reviewed=Count("pk", filter=Q(reviewed_total__isnull=False)),
            reviewed_mean=Avg("reviewed_total"),
        )
        .order_by("-budget")
    ):
        row["rate"] = _rate(row["executed"], row["budget"])
        row["rate_text"] = _percent(row["rate"])
        row["reviewed_mean"] = _mean(row["reviewed_mean"])
        row["grades"] = [{"grade": g, "count": row.pop(f"grade_{g}")} for g in GRADES]
        by_department.append(row)
    bands = [
        {"label": label, "count": totals.pop(f"band_{i}"), "min": low, "max": high}
        for i, (label, low, high) in enumerate(SCORE_BANDS)
    ]
    grades = [{"grade": g, "count": totals.pop(f"grade_{g}")} for g in GRADES]
    reviewed_grades = [{"grade": g, "count": totals.pop(f"reviewed_grade_{g}")} for g in GRADES]
    return {
        "totals": {
            **totals,
            "rate": (rate := _rate(totals["executed"], totals["budget"])),
            "rate_text": _percent(rate),
            "reviewed_mean": _mean(totals["reviewed_mean"]),
            "computed_mean": _mean(totals["computed_mean"]),
            "full_share": _percent(
                Decimal(totals["full"]) / totals["forms"] if totals["forms"] else None
            ),
        },
        "by_department": by_department,
        "statuses": statuses,
        "score_bands": bands,
        "grades": grades,
        # 复核后: the grades of the forms a reviewer gave scores for, beside the computed ones
        "reviewed_grades": reviewed_grades,
        "codes": finding_codes(records),
    }
