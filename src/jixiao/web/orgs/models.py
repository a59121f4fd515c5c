"""Organisations (财政局 → 主管部门 → 预算单位) and who does what in them."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone


class Organisation(models.Model):
    class Kind(models.TextChoices):
        BUREAU = "bureau", "财政局"
        DEPARTMENT = "department", "主管部门"
        UNIT = "unit", "预算单位"

    code = models.CharField("单位编码", max_length=50, unique=True)
    name = models.CharField("名称", max_length=200)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name="上级",
    )
    # a deactivated organisation is kept with everything it owns, hidden from choices and lists
    active = models.BooleanField("启用", default=True, db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "机构"
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="unique_name_under_parent")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.code:  # made in code without one (tests, old data): a code nobody else has
            self.code = f"ZD{secrets.token_hex(4).upper()}"
        super().save(*args, **kwargs)

    @property
    def label(self) -> str:
        """The name with the code, which tells two organisations of one name apart."""
        return self.label_of(self.name, self.code)

    @staticmethod
    def label_of(name: str, code: str) -> str:
        return f"{name}（{code}）"

    def ancestors(self) -> list[Organisation]:
        """The organisations above this one, nearest first."""
        found, parent = [], self.parent
        while parent is not None:
            found.append(parent)
            parent = parent.parent
        return found

    def subtree_ids(self) -> set[int]:
        """This organisation and everything under it."""
        ids, frontier = {self.pk}, [self.pk]
        while frontier:
            frontier = list(
                Organisation.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
            )
            ids.update(frontier)
        return ids


class Membership(models.Model):
    class Role(models.TextChoices):
        FILLER = "filler", "填报人"
        REVIEWER = "reviewer", "审核人"
        ADMIN = "admin", "管理员"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField("角色", max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = verbose_name_plural = "人员角色"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="unique_membership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"


class Profile(models.Model):
    """What jixiao keeps about a person besides Django's user: 姓名 is the user's first_name."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    # set when an administrator gives a temporary password; cleared by the person's own change
    must_change_password = models.BooleanField("须修改密码", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "人员信息"


class AuditEvent(models.Model):
    """Who did what, when: every state change goes through a service that writes one."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    action = models.CharField(max_length=50, db_index=True)
    # the organisation the event concerns, so reviewers see the log of their own scope
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    target = models.CharField(max_length=200, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "操作记录"
        ordering = ["-created"]


class LoginFailure(models.Model):
    """Login attempts counted per account and per address, for the lockout after repeated
    failures (`orgs/login.py` takes each attempt atomically before the password is checked)."""

    class Scope(models.TextChoices):
        ACCOUNT = "account", "账号"
        ADDRESS = "address", "地址"

    scope = models.CharField(max_length=10, choices=Scope.choices, default=Scope.ACCOUNT)
    key = models.CharField(max_length=150)  # the user name, or the client's address
    failures = models.IntegerField(default=0)
    last = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "登录失败记录"
        constraints = [
            models.UniqueConstraint(fields=["scope", "key"], name="one_login_counter_per_key")
        ]


class ApiToken(models.Model):
    """A token for the JSON API. Only its SHA-256 is stored; the token is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField("用途", max_length=100, blank=True)
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)
    # a token answers until it expires or is revoked (services/tokens.py); both are kept, shown
    expires = models.DateTimeField("到期时间", null=True)
    revoked = models.DateTimeField("撤销时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "API 令牌"
