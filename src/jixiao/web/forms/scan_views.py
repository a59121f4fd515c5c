"""The image of one cell of a scanned form, cut from the stored original, so a reviewer checks
a value the OCR engine read with low confidence in one glance (see OCR_LOW_CONFIDENCE)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest

from jixiao.read import ReadError
from jixiao.read.scan import cell_image as cut_cell
from jixiao.web.scope import form_for
from jixiao.web.services.imports import original_path


@login_required
def cell_image(request: HttpRequest, pk: int) -> HttpResponse:
    """GET /forms/<pk>/cell-image/?path=funds.total.executed[&v=2]: a PNG of the cell the value
    at ``path`` was read from, for a form in the user's scope that was read from a scan. Out of
    scope: 404; a value with no image (typed, or not read from a scan): 400 saying so."""
    record = form_for(request.user, pk)  # out of scope: 404
    number = request.GET.get("v", "")
    versions = record.versions.select_related("source_file")
    version = versions.filter(number=int(number)).first() if number.isdigit() else versions.first()
    if version is None or version.source_file is None:
        return _no_image("这一版本没有原始文件（在线填写或恢复的版本）")
    loc = (version.data.get("locations") or {}).get(request.GET.get("path", ""))
    if (
        not isinstance(loc, dict)
        or "confidence" not in loc
        or not loc.get("box")
        or not loc.get("page")
    ):
        return _no_image("这个值不是从扫描件或照片识别出来的，没有原图可以截取")
    stored = version.source_file
    try:
        data = original_path(stored.sha256).read_bytes()
        x0, top, x1, bottom = (float(v) for v in loc["box"])
        png = cut_cell(data, int(loc["page"]), (x0, top, x1, bottom))
    except (OSError, ReadError, ValueError, TypeError) as exc:
        return _no_image(
            f"无法从原始文件中截取这个单元格：{getattr(exc, 'reason', '文件无法读取')}"
        )
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _no_image(reason: str) -> HttpResponse:
    return HttpResponseBadRequest(reason, content_type="text/plain; charset=utf-8")
