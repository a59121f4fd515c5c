"""部门整体评价: the JSON API endpoints (mounted on the main API at /api/departments)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from jixiao.web.departments import services

router = Router(tags=["部门整体评价"])


class DepartmentSummary(Schema):
    id: int
    name: str
    years: list[int]


@router.get("", response=list[DepartmentSummary], summary="可查看的主管部门及其年度")
def list_departments(request: HttpRequest) -> list[DepartmentSummary]:
    return [
        DepartmentSummary(id=d.pk, name=d.name, years=services.years_of(request.user, d))
        for d in services.departments_for(request.user)
    ]


@router.get("/{department_id}/{year}", summary="部门整体评价（每个数都附“怎么算的”）")
def department_evaluation(request: HttpRequest, department_id: int, year: int) -> dict[str, Any]:
    try:
        department = services.department_for(request.user, department_id)
    except Http404 as exc:
        raise HttpError(404, "没有这个部门，或您无权查看。") from exc
    evaluation, records = services.evaluate_with_records(request.user, department, year)
    data = evaluation.to_json_dict()
    for project, record in zip(data["projects"], records, strict=True):
        # 复核后总分 and its grade beside the computed one, when a reviewer gave scores
        total = record.reviewed_total
        project["reviewed_total"] = float(total) if total is not None else None
        project["reviewed_grade"] = record.reviewed_grade
    return data
