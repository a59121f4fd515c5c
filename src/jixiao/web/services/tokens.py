"""API tokens: made once, shown once, stored as a hash; each expires (JIXIAO_API_TOKEN_DAYS,
90 days by default) and can be revoked by its owner. Expired and revoked tokens are kept, so the
owner's list shows what each was and when it stopped."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from jixiao.web.orgs.models import ApiToken
from jixiao.web.services import audit


class TokenRefused(Exception):
    """A token that was valid once: expired or revoked. The message says which, in Chinese."""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(user: Any, name: str = "", days: int | None = None) -> str:
    days = settings.JIXIAO_API_TOKEN_DAYS if days is None else days
    token = "jx_" + secrets.token_urlsafe(32)
    ApiToken.objects.create(
        user=user,
        name=name[:100],
        digest=_digest(token),
        expires=timezone.now() + timedelta(days=days),
    )
    audit.record(user, "create_api_token", name)
    return token


def user_for_token(token: str) -> Any | None:
    """The token's user; None for a token nobody made (or an inactive user); `TokenRefused`
    for one that expired or was revoked."""
    entry = ApiToken.objects.select_related("user").filter(digest=_digest(token)).first()
    if entry is None or not entry.user.is_active:
        return None
    now = timezone.now()
    if entry.revoked is not None:
        raise TokenRefused(
            f"此令牌已于 {timezone.localtime(entry.revoked):%Y-%m-%d %H:%M} 撤销，请使用新令牌。"
        )
    if entry.expires is None or entry.expires <= now:
        when = f"已于 {timezone.localtime(entry.expires):%Y-%m-%d %H:%M} " if entry.expires else ""
        raise TokenRefused(f"此令牌{when}过期，请在“API 令牌”页生成新令牌。")
    ApiToken.objects.filter(pk=entry.pk).update(last_used=now)
    return entry.user


def state(entry: ApiToken) -> str:
    """有效 / 已过期 / 已撤销, for the owner's list."""
    if entry.revoked is not None:
        return "已撤销"
    if entry.expires is None or entry.expires <= timezone.now():
        return "已过期"
    return "有效"


def tokens_of(user: Any) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created", "-pk")


def revoke_token(user: Any, token_id: int) -> ApiToken:
    """Revoke one of the user's own tokens (another's is a 404); revoking twice changes nothing."""
    entry = tokens_of(user).filter(pk=token_id).first()
    if entry is None:
        raise Http404("没有这个令牌。")
    if entry.revoked is None:
        entry.revoked = timezone.now()
        entry.save(update_fields=["revoked"])
        audit.record(user, "revoke_api_token", entry.name or f"令牌 {entry.pk}")
    return entry
