"""Figures for the dashboard: per year and department, from the forms a user may see.

Sums and counts are done by the database; the score bands and the finding codes are counted
here from one narrow query.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet, Sum

from jixiao.web.forms.models import FormRecord

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


def dashboard(records: QuerySet[FormRecord]) -> dict[str, Any]:
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
    scores = [
        float(s) for s in records.exclude(total_score=None).values_list("total_score", flat=True)
    ]
    bands = []
    for label, low, high in SCORE_BANDS:
        n = sum(1 for s in scores if (low is None or s >= low) and (high is None or s < high))
        bands.append({"label": label, "count": n, "min": low, "max": high})
    grades = Counter(records.values_list("grade", flat=True))
    reviewed_grades = Counter(
        records.exclude(reviewed_grade="").values_list("reviewed_grade", flat=True)
    )
    codes: Counter[str] = Counter()
    for text in records.values_list("finding_codes", flat=True):
        codes.update(c for c in text.split(",") if c)
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
        "grades": [{"grade": g, "count": grades.get(g, 0)} for g in GRADES],
        # 复核后: the grades of the forms a reviewer gave scores for, beside the computed ones
        "reviewed_grades": [{"grade": g, "count": reviewed_grades.get(g, 0)} for g in GRADES],
        "codes": codes.most_common(),
    }
