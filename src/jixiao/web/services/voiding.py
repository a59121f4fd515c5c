"""Voiding a document and restoring it — a 自评表, a 绩效目标申报表 or a 绩效运行监控表: the one
home of both, for the pages and the API alike.

A voided document is kept with its versions, comments and original; it is left out of every
list, total and chart (`FormRecord.objects`, `FormRecord.documents`), can still be opened by its
id, and can be restored as long as no other active document of the same kind, unit, year and
project has been made meanwhile. A voided 申报表 or 监控表 is no longer what the project's
self-evaluations are checked against: their chain findings are worked out again (and again when
it is restored).

Who may: an administrator at any time (the reason is kept, whatever the state); the owning
unit's 填报人 only while the document is a 草稿. A reason is always required.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from jixiao.web.forms.models import FormRecord
from jixiao.web.inbox.services import notify
from jixiao.web.orgs.models import Membership
from jixiao.web.orgs.services import who
from jixiao.web.rounds.services import fillers_of
from jixiao.web.scope import is_admin
from jixiao.web.services import audit
from jixiao.web.services.documents import detail_url, refresh_chain

REASON_LENGTH = 300  # FormRecord.void_reason's length


def _noun(record: FormRecord) -> str:
    """自评表, 绩效目标申报表 or 绩效运行监控表."""
    return str(FormRecord.Kind(record.kind).label)


def _title(record: FormRecord) -> str:
    return f"《{record.project_name}》（{record.year or '—'}年度）"


def _is_filler(user: Any, record: FormRecord) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and (
        Membership.objects.filter(
            user=user, role=Membership.Role.FILLER, organisation_id=record.unit_id
        ).exists()
    )


def refusal(user: Any, record: FormRecord) -> str:
    """Why ``user`` may not void (or restore) ``record``; "" when they may."""
    if is_admin(user):
        return ""
    noun = _noun(record)
    if not _is_filler(user, record):
        return f"只有管理员或本单位的填报人可以作废或恢复{noun}。"
    if record.status != FormRecord.Status.DRAFT:
        return (
            f"{_title(record)}{record.get_status_display()}，填报人只能作废或恢复草稿状态的{noun}；"
            "如确需作废，请联系管理员。"
        )
    return ""


def may_void(user: Any, record: FormRecord) -> bool:
    return not refusal(user, record)


def _lock(record: FormRecord) -> None:
    """Lock the record's row and read it afresh, so two people voiding at once act in turn."""
    list(FormRecord.all_objects.select_for_update().filter(pk=record.pk).values_list("pk"))
    record.refresh_from_db()


def clash(record: FormRecord) -> FormRecord | None:
    """Another active document of the record's kind, unit, year and project, if there is one."""
    if not record.identity:
        return None
    return (
        FormRecord.documents.filter(
            kind=record.kind, unit_id=record.unit_id, year=record.year, identity=record.identity
        )
        .exclude(pk=record.pk)
        .first()
    )


@transaction.atomic
def void_form(record: FormRecord, user: Any, reason: str) -> None:
    """Void the document with the reason: hidden from lists and totals, kept, restorable."""
    _lock(record)
    why = refusal(user, record)
    if why:
        raise PermissionDenied(why)
    if record.voided_at is not None:
        raise ValidationError(f"{_title(record)}已经作废。")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("作废时请写明原因。")
    if len(reason) > REASON_LENGTH:
        raise ValidationError(f"作废原因不能超过 {REASON_LENGTH} 字。")
    record.voided_at, record.voided_by, record.void_reason = timezone.now(), user, reason
    record.save(update_fields=["voided_at", "voided_by", "void_reason", "updated"])
    action = "void_form" if record.kind == FormRecord.Kind.SELF else "void_document"
    audit.record(user, action, record, reason=reason, status=record.status)
    _recheck_chain(record)
    if is_admin(user):
        notify(
            [p for p in fillers_of({record.unit_id}) if p.pk != user.pk],
            "voided",
            f"{_noun(record)}{_title(record)}已被{who(user)}作废，原因：{reason}",
            detail_url(record),
        )


@transaction.atomic
def restore_form(record: FormRecord, user: Any) -> None:
    """Bring a voided document back into lists and totals, unless another active document of
    the same kind, unit, year and project has been made meanwhile."""
    _lock(record)
    why = refusal(user, record)
    if why:
        raise PermissionDenied(why)
    if record.voided_at is None:
        raise ValidationError(f"{_title(record)}没有作废，无需恢复。")
    other = clash(record)
    if other is not None:
        raise ValidationError(_restore_clash(other))
    reason = record.void_reason
    record.voided_at, record.voided_by, record.void_reason = None, None, ""
    try:
        with transaction.atomic():
            record.save(update_fields=["voided_at", "voided_by", "void_reason", "updated"])
    except IntegrityError:  # another active form of the same project came in meanwhile
        other = clash(record)
        raise ValidationError(
            _restore_clash(other)
            if other
            else f"本单位该年度已有同一项目的{_noun(record)}，不能恢复。"
        ) from None
    action = "restore_form" if record.kind == FormRecord.Kind.SELF else "restore_document"
    audit.record(user, action, record, reason=reason, status=record.status)
    _recheck_chain(record)
    if is_admin(user):
        notify(
            [p for p in fillers_of({record.unit_id}) if p.pk != user.pk],
            "restored",
            f"{_noun(record)}{_title(record)}已被{who(user)}恢复",
            detail_url(record),
        )


def _recheck_chain(record: FormRecord) -> None:
    """A 申报表 or 监控表 voided or restored: the project's self-evaluations of its year are
    checked against what is active now."""
    if record.kind != FormRecord.Kind.SELF:
        refresh_chain(record.project_id, record.year)


def _restore_clash(other: FormRecord) -> str:
    noun = _noun(other)
    return (
        f"不能恢复：本单位该年度已有项目《{other.project_name}》的{noun}（第{other.pk}号），"
        f"不能有两张；请先作废那一张，或在那一张上修改"
    )
