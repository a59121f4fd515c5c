"""Voiding and restoring through the API, for every kind of document: the request, the answer
and the one call both /api/forms/{id}/void and /api/targets|monitoring/{id}/void make
(`services.voiding` does the work)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Schema
from ninja.errors import HttpError

from jixiao.web.forms.models import FormRecord
from jixiao.web.orgs.services import who
from jixiao.web.services import voiding


class VoidRequest(Schema):
    reason: str = ""


class VoidState(Schema):
    id: int
    voided: bool
    void_reason: str
    voided_by: str
    voided_at: str | None


def void_state(record: FormRecord) -> VoidState:
    record.refresh_from_db()
    return VoidState(
        id=record.pk,
        voided=record.voided_at is not None,
        void_reason=record.void_reason,
        voided_by=who(record.voided_by) if record.voided_by else "",
        voided_at=record.voided_at.isoformat() if record.voided_at else None,
    )


def void_or_restore(record: FormRecord, user: Any, reason: str | None = None) -> VoidState:
    """Void the record (with ``reason``) or, without one given, restore it: 403 when the user may
    not, 409 when it cannot be (already voided, no reason, another active one of its project)."""
    try:
        if reason is None:
            voiding.restore_form(record, user)
        else:
            voiding.void_form(record, user, reason)
    except PermissionDenied as exc:
        raise HttpError(403, str(exc)) from exc
    except ValidationError as exc:
        raise HttpError(409, "；".join(exc.messages)) from exc
    return void_state(record)
