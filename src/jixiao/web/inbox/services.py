"""Telling people: an in-app notification per person, and an e-mail when mail is configured.

Mail goes through Django's mail settings (EMAIL_BACKEND, EMAIL_HOST …) and only when
JIXIAO_SEND_EMAIL is on; a person without an address gets the in-app notification only.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail

from jixiao.web.inbox.models import Notification


def notify(people: Iterable[Any], kind: str, text: str, url: str = "") -> int:
    """Tell each (active, distinct) person; returns how many were told."""
    told = {p.pk: p for p in people if p is not None and getattr(p, "is_active", True)}
    Notification.objects.bulk_create(
        Notification(user=person, kind=kind, text=text[:500], url=url[:300])
        for person in told.values()
    )
    if getattr(settings, "JIXIAO_SEND_EMAIL", False):
        for person in told.values():
            if person.email:
                body = text + (f"\n\n{settings.JIXIAO_SITE_URL.rstrip('/')}{url}" if url else "")
                send_mail(
                    f"[jixiao 绩效] {text[:60]}", body, None, [person.email], fail_silently=True
                )
    return len(told)
