"""Checking and keeping narratives: called alike by the pages and the API.

Scope comes from `jixiao.web.scope`: a narrative belongs to an organisation, and a user sees the
narratives of the organisations `unit_ids_for` gives them (their unit; a reviewer's whole subtree;
everything for an administrator). Anything else is a 404, with no hint that it exists.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet

from jixiao.final_accounts import AccountsCheck, check_bytes, check_text
from jixiao.read import ReadError
from jixiao.web.final_accounts.models import NarrativeRecord
from jixiao.web.orgs.models import Organisation
from jixiao.web.scope import User, in_scope, one_in_scope
from jixiao.web.services import audit, samples
from jixiao.web.services.imports import original_path as stored_path
from jixiao.web.services.imports import store_original

SAMPLE = samples.SAMPLES / "002_00c192bc11a47879.txt"
PASTED = "粘贴的文本"


class NarrativeError(Exception):
    """A narrative that could not be read; ``message`` names the file and the reason in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def organisations_for(user: User) -> QuerySet[Organisation]:
    """The organisations whose narratives the user may see and add."""
    organisations = Organisation.objects.select_related("parent").order_by("kind", "name")
    return in_scope(user, organisations, "pk")


def narratives_for(user: User) -> QuerySet[NarrativeRecord]:
    return in_scope(user, NarrativeRecord.objects.select_related("organisation"))


def narrative_for(user: User, pk: int) -> NarrativeRecord:
    return one_in_scope(
        user,
        NarrativeRecord.objects.select_related("organisation"),
        pk,
        "没有这份决算说明，或您无权查看。",
    )


def check_upload(name: str, data: bytes, year: int | None = None) -> AccountsCheck:
    """The check of one file, or a `NarrativeError` naming it and why it cannot be read."""
    if len(data) > settings.JIXIAO_MAX_UPLOAD_BYTES:
        limit = settings.JIXIAO_MAX_UPLOAD_BYTES // 1024 // 1024
        raise NarrativeError(f"{name}：文件过大，超过 {limit} MB 的上限")
    try:
        return check_bytes(data, name, year)
    except ReadError as exc:
        raise NarrativeError(f"{name}：{exc.reason}") from exc
    except Exception as exc:  # a bug must not become a server error page  # noqa: BLE001
        raise NarrativeError(
            f"{name}：读取时出现意外错误（{type(exc).__name__}）；请反馈给维护者"
        ) from exc


def check_pasted(text: str, year: int | None = None) -> AccountsCheck:
    if not text.strip():
        raise NarrativeError("没有输入文字：请粘贴决算说明的正文，或选择文件上传")
    try:
        return check_text(text, PASTED, year)
    except ReadError as exc:
        raise NarrativeError(f"{PASTED}：{exc.reason}") from exc


def import_narrative(
    user: Any,
    organisation: Organisation,
    name: str,
    data: bytes,
    year: int | None = None,
    pasted: bool = False,
) -> NarrativeRecord:
    """Check a narrative and keep it, with its original; the same file twice is kept once.

    The original is stored before it is read, so a file that cannot be read is still on disk
    (and its failure in the audit log) for someone to look into.
    """
    sha256 = hashlib.sha256(data).hexdigest()
    existing = NarrativeRecord.objects.filter(organisation=organisation, sha256=sha256).first()
    if existing is not None:
        return existing
    if len(data) <= settings.JIXIAO_MAX_UPLOAD_BYTES:
        store_original(data, sha256)  # kept even when it cannot be read, to look into later
    try:
        result = check_upload(name, data, year)
    except NarrativeError as exc:
        audit.record(
            user,
            "import_narrative_failed",
            name,
            about=organisation,
            sha256=sha256,
            reason=exc.message,
        )
        raise
    counts = result.counts()
    document = result.to_json_dict()
    document["file"] = name
    document["paragraphs"] = result.paragraphs_json()
    with transaction.atomic():
        record = NarrativeRecord.objects.create(
            organisation=organisation,
            name=name[:255],
            sha256=sha256,
            size=len(data),
            pasted=pasted,
            uploaded_by=user if getattr(user, "is_authenticated", False) else None,
            year=result.narrative.year,
            claims=len(result.claims),
            wrong=counts["wrong"],
            unchecked=counts["unchecked"],
            result=document,
        )
        audit.record(
            user, "import_narrative", name, about=organisation, sha256=sha256, wrong=counts["wrong"]
        )
    return record


def import_pasted(
    user: Any, organisation: Organisation, text: str, year: int | None = None
) -> NarrativeRecord:
    if not text.strip():
        raise NarrativeError("没有输入文字：请粘贴决算说明的正文，或选择文件上传")
    return import_narrative(user, organisation, PASTED, text.encode("utf-8"), year, pasted=True)


def import_sample(user: Any, organisation: Organisation) -> NarrativeRecord:
    """Seed 002, a whole disclosure whose 第二、三部分 are the narrative, in one click."""
    return import_narrative(user, organisation, Path(SAMPLE).name, SAMPLE.read_bytes())


def original_path(record: NarrativeRecord) -> Path:
    return stored_path(record.sha256)
