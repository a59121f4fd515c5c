"""决算说明: the JSON API endpoints (mounted on the main API at /api/final-accounts).

`POST /check` answers with the same JSON as `jixiao accounts --json` and keeps nothing; the list
and the detail show the narratives in the user's scope (another organisation's is a 404).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import File, Form, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile

from jixiao.web.final_accounts import services
from jixiao.web.final_accounts.models import NarrativeRecord

router = Router(tags=["决算说明"])


class CheckIn(Schema):
    text: str
    year: int | None = None


class NarrativeSummary(Schema):
    id: int
    name: str
    organisation: str
    year: int | None
    claims: int
    wrong: int
    unchecked: int
    created: datetime


class NarrativeDetail(NarrativeSummary):
    result: dict[str, Any]


def _summary(record: NarrativeRecord) -> dict[str, Any]:
    return {
        "id": record.pk,
        "name": record.name,
        "organisation": record.organisation.name,
        "year": record.year,
        "claims": record.claims,
        "wrong": record.wrong,
        "unchecked": record.unchecked,
        "created": record.created,
    }


@router.post("/check", response=dict[str, Any], summary="核对一段决算说明（不保存）")
def check(request: HttpRequest, payload: CheckIn) -> dict[str, Any]:
    try:
        result = services.check_pasted(payload.text, payload.year)
    except services.NarrativeError as exc:
        raise HttpError(400, exc.message) from exc
    return result.to_json_dict()


@router.get("", response=list[NarrativeSummary], summary="决算说明列表")
def list_narratives(request: HttpRequest) -> list[dict[str, Any]]:
    return [_summary(r) for r in services.narratives_for(request.user)]


@router.get(
    "/{int:narrative_id}", response=NarrativeDetail, summary="一份决算说明（数字说法与审核发现）"
)
def get_narrative(request: HttpRequest, narrative_id: int) -> dict[str, Any]:
    record = services.narrative_for(request.user, narrative_id)
    return {**_summary(record), "result": record.result}


@router.post("/upload", response=NarrativeDetail, summary="上传一份决算说明，核对并保存")
def upload(
    request: HttpRequest,
    file: File[UploadedFile],
    organisation: Form[int],
    year: Form[int | None] = None,
) -> dict[str, Any]:
    unit = services.organisations_for(request.user).filter(pk=organisation).first()
    if unit is None:
        raise HttpError(404, "没有这个单位，或您无权向其上传。")
    data = b"".join(file.chunks())
    try:
        record = services.import_narrative(request.user, unit, file.name or "决算说明", data, year)
    except services.NarrativeError as exc:
        raise HttpError(400, exc.message) from exc
    return {**_summary(record), "result": record.result}
