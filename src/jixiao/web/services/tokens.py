"""API tokens: made once, shown once, stored as a hash."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.utils import timezone

from jixiao.web.orgs.models import ApiToken
from jixiao.web.services import audit


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(user: Any, name: str = "") -> str:
    token = "jx_" + secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, name=name[:100], digest=_digest(token))
    audit.record(user, "create_api_token", name)
    return token


def user_for_token(token: str) -> Any | None:
    entry = ApiToken.objects.select_related("user").filter(digest=_digest(token)).first()
    if entry is None or not entry.user.is_active:
        return None
    ApiToken.objects.filter(pk=entry.pk).update(last_used=timezone.now())
    return entry.user
