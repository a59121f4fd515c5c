"""Telling people: an in-app notification per person, and an e-mail when mail is configured.

Mail goes through Django's mail settings (EMAIL_BACKEND, EMAIL_HOST …) and only when
JIXIAO_SEND_EMAIL is on; a person without an address gets the in-app notification only. The
mail leaves once the change that caused it is committed, all of it over one connection, and a
mail server that does not answer never undoes or blocks the change.

Reading notifications (the list, opening one, marking all read) also lives here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import get_connection, send_mass_mail
from django.db import transaction
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from jixiao.web.inbox.models import Notification

# how many notifications the inbox shows
SHOWN = 50
MAIL_TIMEOUT_SECONDS = 10


def notify(people: Iterable[Any], kind: str, text: str, url: str = "") -> int:
    """Tell each (active, distinct) person; returns how many were told."""
    told = {p.pk: p for p in people if p is not None and getattr(p, "is_active", True)}
    Notification.objects.bulk_create(
        Notification(user=person, kind=kind, text=text[:500], url=url[:300])
        for person in told.values()
    )
    if getattr(settings, "JIXIAO_SEND_EMAIL", False):
        addresses = [p.email for p in told.values() if p.email]
        if addresses:
            transaction.on_commit(lambda: _mail(addresses, text, url))
    return len(told)


def _mail(addresses: list[str], text: str, url: str) -> None:
    link = f"\n\n{settings.JIXIAO_SITE_URL.rstrip('/')}{url}" if url else ""
    subject = f"[jixiao 绩效] {text[:60]}"
    footer = "\n\n（本邮件由 jixiao 绩效系统自动发送，请登录系统查看待办。）"
    messages = [(subject, text + link + footer, None, [address]) for address in addresses]
    connection = get_connection(fail_silently=True, timeout=MAIL_TIMEOUT_SECONDS)
    send_mass_mail(messages, fail_silently=True, connection=connection)


def notifications_for(user: Any, limit: int = SHOWN) -> list[Notification]:
    """The person's latest notifications, unread first, newest first."""
    unread_first = Case(
        When(read_at__isnull=True, then=Value(1)), default=Value(0), output_field=IntegerField()
    )
    return list(
        Notification.objects.filter(user=user)
        .annotate(unread=unread_first)
        .order_by("-unread", "-created", "-pk")[:limit]
    )


def unread(user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user, read_at__isnull=True)


def open_notification(user: Any, pk: int) -> str:
    """Mark the person's own notification read and give where it points (a page of this site;
    the inbox when it points nowhere or elsewhere). Anyone else's: 404."""
    note = Notification.objects.filter(user=user, pk=pk).first()
    if note is None:
        raise Http404("没有这条通知。")
    if note.read_at is None:
        note.read_at = timezone.now()
        note.save(update_fields=["read_at"])
    if note.url and url_has_allowed_host_and_scheme(note.url, allowed_hosts=None):
        return note.url
    return reverse("inbox:page")


def mark_all_read(user: Any) -> int:
    return unread(user).update(read_at=timezone.now())
