"""The audit log: one line per state change, written by the service that made it."""

from __future__ import annotations

from typing import Any

from jixiao.web.orgs.models import AuditEvent


def record(user: Any, action: str, target: object = "", **detail: Any) -> None:
    AuditEvent.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        target=str(target)[:200],
        detail=detail,
    )
