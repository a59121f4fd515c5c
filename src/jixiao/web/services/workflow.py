"""The life of a form: 草稿 → 已提交 → 已退回 / 已审核, and back to 已提交 after a fix.

Every change goes through one of these functions, called alike by the web pages and the API.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from jixiao.web.forms.models import Comment, FormRecord
from jixiao.web.inbox.services import notify
from jixiao.web.orgs.services import who
from jixiao.web.rounds.services import fillers_of, reviewers_of
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


def _title(record: FormRecord) -> str:
    return f"《{record.project_name}》（{record.year or '—'}年度）"


def _tell(people: list[Any], kind: str, text: str, record: FormRecord) -> None:
    notify(people, kind, text, reverse("forms:detail", args=[record.pk]))


def _comments_text(comments: list[Comment]) -> str:
    return "；".join((f"[{c.finding_code}] " if c.finding_code else "") + c.text for c in comments)


@transaction.atomic
def submit_form(record: FormRecord, user: Any) -> None:
    if not can_fill(user, record):
        raise PermissionDenied("只有本单位的填报人可以提交。")
    again = record.status == Status.RETURNED
    _move(record, user, (Status.DRAFT, Status.RETURNED), Status.SUBMITTED, "提交")
    verb = "重新提交了" if again else "提交了"
    _tell(
        reviewers_of(record.unit),
        "resubmitted" if again else "submitted",
        f"{record.unit.name} {verb}{_title(record)}",
        record,
    )


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
    comments = []
    if overall.strip():
        comments.append(
            Comment.objects.create(
                record=record, version=version, author=user, text=overall.strip()
            )
        )
    for path, text in (on_findings or {}).items():
        if text.strip():
            comments.append(
                Comment.objects.create(
                    record=record,
                    version=version,
                    author=user,
                    path=path,
                    finding_code=findings.get(path, ""),
                    text=text.strip(),
                )
            )
    _tell(
        fillers_of({record.unit_id}),
        "returned",
        f"{_title(record)}被{who(user)}退回，审核意见：{_comments_text(comments)}",
        record,
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
    text = f"{_title(record)}已审核通过" + (
        f"，审核意见：{comment.strip()}" if comment.strip() else "。"
    )
    _tell(fillers_of({record.unit_id}), "approved", text, record)
