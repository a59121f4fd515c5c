"""Exports over the API: the same files as the web pages' download buttons, in the same scope."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Router
from ninja.errors import HttpError

from jixiao.web.scope import form_for, forms_for
from jixiao.web.services import exports
from jixiao.web.services.exports import ExportError, ExportFile, Options

router = Router(tags=["导出"])


def _response(export: ExportFile) -> HttpResponse:
    from django.utils.http import content_disposition_header

    response = HttpResponse(export.data, content_type=export.content_type)
    response["Content-Disposition"] = content_disposition_header(True, export.name)
    return response


@router.get("/forms", summary="导出自评表或数据集：format=docx|xlsx|dataset|csv|parquet")
def export_forms(
    request: HttpRequest,
    format: str,
    ids: str = "",
    year: int | None = None,
    layout: str = "beijing",
    table: str = "indicators",
) -> HttpResponse:
    """ids: comma-separated form ids (default: every form in scope, narrowed by year)."""
    records = forms_for(request.user).order_by("-year", "project_name", "pk")
    if ids:
        wanted = [int(i) for i in ids.split(",") if i.strip().isdigit()]
        records = records.filter(pk__in=wanted)
        if records.count() != len(set(wanted)):
            raise HttpError(404, "有的自评表不存在，或您无权查看。")
    if year:
        records = records.filter(year=year)
    try:
        return _response(
            exports.export_records(request.user, records, format, Options(layout, table))
        )
    except ExportError as exc:
        raise HttpError(400, str(exc)) from exc


@router.get("/template", summary="Excel 填报模板（from=自评表 id 时按该表生成下年度模板）")
def export_template(request: HttpRequest, from_form: int | None = None) -> HttpResponse:
    record = None
    if from_form is not None:
        try:
            record = form_for(request.user, from_form)
        except Http404 as exc:
            raise HttpError(404, "没有这张自评表，或您无权查看。") from exc
    return _response(exports.export_template(request.user, record))
