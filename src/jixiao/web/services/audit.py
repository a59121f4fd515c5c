"""The audit log: one line per state change, written by the service that made it.

Each line names the organisation it concerns (a form's unit, an organisation itself, or what
the caller gives), so a reviewer's log page shows the events of their own scope.
"""

from __future__ import annotations

from typing import Any

from jixiao.web.orgs.models import AuditEvent, Organisation


def organisation_of(target: object) -> Organisation | None:
    if isinstance(target, Organisation):
        return target
    for attribute in ("unit", "organisation", "department"):
        found = getattr(target, attribute, None)
        if isinstance(found, Organisation):
            return found
    return None


def record(
    user: Any, action: str, target: object = "", *, about: Organisation | None = None, **detail: Any
) -> None:
    AuditEvent.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        target=str(target)[:200],
        organisation=about or organisation_of(target),
        detail=detail,
    )
