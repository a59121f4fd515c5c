"""No lost edit: what a person typed and has not saved (their Draft), restoring an old version
as a new one, and who may do that."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import QueryDict
from django.utils import timezone

from jixiao.model.form import Form
from jixiao.web.forms.models import Draft, FormRecord, FormVersion
from jixiao.web.scope import can_fill, is_admin
from jixiao.web.services import audit
from jixiao.web.services.versions import save_version

MAX_FIELDS = 2000  # an edit page has a few hundred fields; more is not an edit page
MAX_VALUE = 20_000


def posted_fields(post: QueryDict | Mapping[str, Any]) -> dict[str, str]:
    """The edit page's fields as posted (name → value), without the CSRF token."""
    out: dict[str, str] = {}
    for name, value in post.items():
        if name in ("csrfmiddlewaretoken", "discard") or len(out) >= MAX_FIELDS:
            continue
        out[str(name)[:100]] = str(value)[:MAX_VALUE]
    return out


def editable(user: Any, record: FormRecord) -> bool:
    """Whether the user may change the form now (fillers of its unit while it is not handed in
    or approved; administrators likewise); never a voided form."""
    return (
        record.voided_at is None
        and can_fill(user, record)
        and record.status
        not in (
            FormRecord.Status.SUBMITTED,
            FormRecord.Status.APPROVED,
        )
    )


def can_restore(user: Any, record: FormRecord) -> bool:
    """Who may restore an old version: a filler of the unit while the form is 草稿 or 已退回,
    or an administrator at any time; never on a voided form (restore the form first)."""
    if record.voided_at is not None:
        return False
    if is_admin(user):
        return True
    return can_fill(user, record) and record.status in (
        FormRecord.Status.DRAFT,
        FormRecord.Status.RETURNED,
    )


def keep_draft(record: FormRecord, user: Any, base_number: int, fields: dict[str, str]) -> Draft:
    """Keep what the user typed, started from version ``base_number`` (one draft a person)."""
    draft, _ = Draft.objects.update_or_create(
        record=record, user=user, defaults={"base_number": base_number, "fields": fields}
    )
    return draft


def draft_of(record: FormRecord, user: Any) -> Draft | None:
    return Draft.objects.filter(record=record, user=user).first()


def discard_draft(record: FormRecord, user: Any) -> bool:
    deleted, _ = Draft.objects.filter(record=record, user=user).delete()
    return bool(deleted)


def saved_at(draft: Draft) -> str:
    return timezone.localtime(draft.updated).strftime("%H:%M:%S")


def restore_version(record: FormRecord, old: FormVersion, user: Any) -> FormVersion:
    """Save an old version's form again as the record's newest version (nothing is deleted)."""
    form = Form.from_json_dict(old.data)
    version = save_version(record, form, user, note=f"恢复自第{old.number}版")
    audit.record(user, "restore_version", record, version=version.number, restored=old.number)
    return version
