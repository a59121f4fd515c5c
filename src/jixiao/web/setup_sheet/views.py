"""Bulk set-up from Excel: the page with the template and the upload, the preview, the import.

Administrators only; anyone else gets 404. The uploaded file is kept as an original and the
preview is tied to its SHA-256 (in the session and in the confirmation form); confirming reads
the stored file again and plans against the database as it is then. The temporary passwords of
the people an import creates are in the one response that shows them, and in the download link
built into it: they are kept nowhere.
"""

from __future__ import annotations

import base64
import io
from dataclasses import asdict
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from jixiao.read import MAX_FILE_BYTES
from jixiao.web.orgs.services import the_bureau
from jixiao.web.scope import is_admin
from jixiao.web.setup_sheet import services
from jixiao.web.setup_sheet.services import Plan, Upload
from jixiao.web.setup_sheet.sheet import (
    ORGANISATIONS,
    PEOPLE,
    SheetError,
    write_passwords,
    write_template,
)

SESSION_KEY = "setup_sheet"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATE_NAME = "机构与人员设置模板.xlsx"
PASSWORDS_NAME = "初始密码.xlsx"


def _admin_only(request: HttpRequest) -> None:
    if not is_admin(request.user):
        raise Http404("没有这个页面。")


def _attachment(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@login_required
def page(request: HttpRequest) -> HttpResponse:
    _admin_only(request)
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("sheet")
        if upload is None:
            error = "请选择要上传的 Excel 文件。"
        elif upload.size is not None and upload.size > MAX_FILE_BYTES:
            error = f"{upload.name}：文件过大，超过 {MAX_FILE_BYTES // 1024 // 1024} MB 的上限"
        else:
            try:
                received, _ = services.receive(upload.name or "设置表.xlsx", upload.read())
            except SheetError as exc:
                error = exc.message
            else:
                request.session[SESSION_KEY] = asdict(received)
                return redirect("setup_sheet:preview")
    context = {"bureau": the_bureau(), "error": error}
    return render(request, "setup_sheet/page.html", context, status=400 if error else 200)


@login_required
def template(request: HttpRequest) -> HttpResponse:
    _admin_only(request)
    bureau = the_bureau()
    out = io.BytesIO()
    write_template(out, bureau.code if bureau else "", bureau.name if bureau else "")
    return _attachment(out.getvalue(), TEMPLATE_NAME)


def _upload(request: HttpRequest) -> Upload | None:
    stored = request.session.get(SESSION_KEY)
    try:
        return Upload(**stored) if stored else None
    except TypeError:  # a session from another version of this page
        return None


def _plan_or_redirect(request: HttpRequest) -> Plan | HttpResponse:
    upload = _upload(request)
    if upload is None:
        messages.info(request, "请先上传填好的设置表。")
        return redirect("setup_sheet:page")
    try:
        return services.plan(services.reread(upload))
    except SheetError as exc:
        request.session.pop(SESSION_KEY, None)
        messages.error(request, exc.message)
        return redirect("setup_sheet:page")


def _preview(request: HttpRequest, plan: Plan, status: int = 200) -> HttpResponse:
    sections = []
    for title, outcomes in ((ORGANISATIONS, plan.organisations), (PEOPLE, plan.people)):
        sections.append(
            {
                "title": title,
                "changed": [o for o in outcomes if o.actions],
                "unchanged": [o for o in outcomes if not o.actions],
            }
        )
    context: dict[str, Any] = {
        "plan": plan,
        "counts": list(plan.counts.items()),
        "sections": sections,
    }
    return render(request, "setup_sheet/preview.html", context, status=status)


@login_required
def preview(request: HttpRequest) -> HttpResponse:
    _admin_only(request)
    plan = _plan_or_redirect(request)
    if isinstance(plan, HttpResponse):
        return plan
    return _preview(request, plan)


@never_cache
@login_required
def confirm(request: HttpRequest) -> HttpResponse:
    _admin_only(request)  # before the method, so nobody else learns the page exists
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    upload = _upload(request)
    if upload is None or request.POST.get("sha256") != upload.sha256:
        messages.error(request, "预览已过期，或与最近上传的文件不符；请重新上传。")
        return redirect("setup_sheet:page")
    plan = _plan_or_redirect(request)
    if isinstance(plan, HttpResponse):
        return plan
    if not plan.ok:
        messages.error(
            request,
            "确认时按系统中的最新情况重新核对，发现有误的行；未做任何修改，请改正后重新上传。",
        )
        return _preview(request, plan, status=409)
    try:
        result = services.apply(plan, request.user)
    except ValidationError as exc:
        messages.error(request, f"导入失败，未做任何修改：{'；'.join(exc.messages)}")
        return _preview(request, plan, status=409)
    request.session.pop(SESSION_KEY, None)
    download = ""
    if result.passwords:
        out = io.BytesIO()
        write_passwords(out, [(p.username, p.name, p.password) for p in result.passwords])
        download = f"data:{XLSX};base64," + base64.b64encode(out.getvalue()).decode("ascii")
    context = {
        "plan": plan,
        "result": result,
        "counts": list(result.counts.items()),
        "download": download,
        "download_name": PASSWORDS_NAME,
    }
    return render(request, "setup_sheet/result.html", context)
