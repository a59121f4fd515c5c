"""专家评价: the JSON API endpoints (mounted on the main API at /api/panels).

The same scope and services as the pages; the detail is the panel of `jixiao panel --json`
(Decimals as strings) with the panel's id and filing.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import File, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from jixiao.panel.compute import fixed
from jixiao.web.panels import services
from jixiao.web.panels.models import Panel

router = Router(tags=["专家评价"])
MAX_SHEET_BYTES = 20 * 1024 * 1024


class PanelSummary(Schema):
    id: int
    project: str
    year: int | None
    organisation: str
    framework: str
    experts: list[str]
    total: str | None
    grade: str


class PanelCreate(Schema):
    project: str
    year: int | None = None
    organisation_id: int
    framework: str = "project"
    experts: list[str]


class Scores(Schema):
    scores: dict[str, list[str | int | float | None]]  # level-3 indicator → one score per expert


class ReportText(Schema):
    text: str


def _panel(request: HttpRequest, panel_id: int) -> Panel:
    try:
        return services.panel_for(request.user, panel_id)
    except Http404 as exc:
        raise HttpError(404, services.NOT_FOUND) from exc


def _summary(panel: Panel) -> PanelSummary:
    result = services.result_of(panel)
    scored = result.panel.is_scored()
    return PanelSummary(
        id=panel.pk,
        project=panel.project,
        year=panel.year,
        organisation=panel.organisation.name,
        framework=panel.framework,
        experts=list(panel.experts),
        total=fixed(result.total, result.framework.settings.decimals) if scored else None,
        grade=result.grade if scored else "",
    )


@router.get("", response=list[PanelSummary], summary="专家评价列表")
def list_panels(request: HttpRequest) -> list[PanelSummary]:
    return [_summary(p) for p in services.panels_for(request.user)[:500]]


@router.post("", response={201: dict[str, Any]}, summary="新建专家评价")
def create_panel(request: HttpRequest, body: PanelCreate) -> Status[dict[str, Any]]:
    try:
        panel = services.create_panel(
            request.user,
            project=body.project,
            year=body.year,
            organisation_id=body.organisation_id,
            framework=body.framework,
            experts=body.experts,
        )
    except Http404 as exc:
        raise HttpError(404, str(exc)) from exc
    except ValidationError as exc:
        raise HttpError(422, " ".join(exc.messages)) from exc
    return Status(201, services.panel_json(panel))


@router.get(
    "/{panel_id}", response=dict[str, Any], summary="专家评价详情（计算后的评分表与审核发现）"
)
def panel_detail(request: HttpRequest, panel_id: int) -> dict[str, Any]:
    return services.panel_json(_panel(request, panel_id))


@router.put("/{panel_id}/scores", response=dict[str, Any], summary="保存评分")
def put_scores(request: HttpRequest, panel_id: int, body: Scores) -> dict[str, Any]:
    panel = _panel(request, panel_id)
    values = {k: ["" if v is None else str(v) for v in row] for k, row in body.scores.items()}
    errors = services.save_scores(request.user, panel, values)
    if errors:
        raise HttpError(422, "；".join(errors.values()))
    return services.panel_json(panel)


@router.post("/{panel_id}/report", response=dict[str, Any], summary="核对报告中的数字")
def check_report(request: HttpRequest, panel_id: int, body: ReportText) -> dict[str, Any]:
    panel = _panel(request, panel_id)
    result = services.check_report(request.user, panel, body.text)
    return {"id": panel.pk, "findings": [f.model_dump(mode="json") for f in result.findings]}


@router.post(
    "/{panel_id}/upload", response=dict[str, Any], summary="上传专家评分表（.xlsx/.docx/.txt）"
)
def upload_sheet(request: HttpRequest, panel_id: int, file: File[UploadedFile]) -> dict[str, Any]:
    """Experts and scores from a score sheet, as the page's upload; the panel JSON after it."""
    panel = _panel(request, panel_id)
    name = file.name or "上传的文件"
    if (file.size or 0) > MAX_SHEET_BYTES:
        raise HttpError(413, f"{name}：文件过大，评分表不应超过 20 MB")
    try:
        services.fill_from_file(request.user, panel, name, b"".join(file.chunks()))
    except ValidationError as exc:
        raise HttpError(422, " ".join(exc.messages)) from exc
    return services.panel_json(panel)
