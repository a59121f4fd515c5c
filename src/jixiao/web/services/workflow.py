"""The life of a form: 草稿 → 已提交 → 已退回 / 已审核, and back to 已提交 after a fix.

Every change goes through one of these functions, called alike by the web pages and the API.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from jixiao.web.forms.models import Comment, FormRecord
from jixiao.web.scope import can_fill, can_review
from jixiao.web.services import audit

Status = FormRecord.Status


def _move(record: FormRecord, user: Any, allowed: tuple[str, ...], to: str, action: str) -> None:
    if record.status not in allowed:
        raise ValidationError(f"“{record.get_status_display()}”状态的自评表不能{action}。")
    record.status = to
    fields = ["status", "updated"]
    if to == Status.SUBMITTED:
        record.submitted_at, record.submitted_by = timezone.now(), user
        fields += ["submitted_at", "submitted_by"]
    record.save(update_fields=fields)
    audit.record(user, action, record, status=to)


@transaction.atomic
def submit_form(record: FormRecord, user: Any) -> None:
    if not can_fill(user, record):
        raise PermissionDenied("只有本单位的填报人可以提交。")
    _move(record, user, (Status.DRAFT, Status.RETURNED), Status.SUBMITTED, "提交")


@transaction.atomic
def return_form(
    record: FormRecord, user: Any, overall: str = "", on_findings: dict[str, str] | None = None
) -> None:
    """Send a submitted form back with an overall comment and/or comments per finding path."""
    if not can_review(user, record):
        raise PermissionDenied("只有上级审核人可以退回。")
    if not overall.strip() and not any(t.strip() for t in (on_findings or {}).values()):
        raise ValidationError("退回时请写明意见（总体意见或针对某条审核发现的意见）。")
    _move(record, user, (Status.SUBMITTED,), Status.RETURNED, "退回")
    version = record.latest
    findings = {f["path"]: f["code"] for f in version.findings}
    if overall.strip():
        Comment.objects.create(record=record, version=version, author=user, text=overall.strip())
    for path, text in (on_findings or {}).items():
        if text.strip():
            Comment.objects.create(
                record=record,
                version=version,
                author=user,
                path=path,
                finding_code=findings.get(path, ""),
                text=text.strip(),
            )


@transaction.atomic
def approve_form(record: FormRecord, user: Any, comment: str = "") -> None:
    if not can_review(user, record):
        raise PermissionDenied("只有上级审核人可以审核通过。")
    _move(record, user, (Status.SUBMITTED,), Status.APPROVED, "审核通过")
    if comment.strip():
        Comment.objects.create(
            record=record, version=record.latest, author=user, text=comment.strip()
        )
