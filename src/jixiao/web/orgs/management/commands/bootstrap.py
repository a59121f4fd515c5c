"""`manage.py bootstrap`: the first administrator and the top of the organisation tree.

The administrator's credentials come from JIXIAO_ADMIN_USER / JIXIAO_ADMIN_PASSWORD, or are made
up and printed once, the first time. Run again, it changes nothing.
"""

from __future__ import annotations

import os
import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from jixiao.web.orgs.models import Membership
from jixiao.web.services.samples import bureau


class Command(BaseCommand):
    help = "创建第一个管理员和机构树的顶层（已存在则不做任何事）"

    def handle(self, *args: Any, **options: Any) -> None:
        top = bureau()
        users = get_user_model()
        if users.objects.filter(is_superuser=True).exists():
            return
        username = os.environ.get("JIXIAO_ADMIN_USER", "admin")
        password = os.environ.get("JIXIAO_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        admin = users.objects.create_superuser(username=username, password=password)
        Membership.objects.create(user=admin, organisation=top, role=Membership.Role.ADMIN)
        if "JIXIAO_ADMIN_PASSWORD" in os.environ:
            self.stdout.write(
                f"已创建管理员 {username}（密码取自环境变量 JIXIAO_ADMIN_PASSWORD）。"
            )
        else:
            self.stdout.write(
                "\n".join(
                    [
                        "=" * 60,
                        "已创建管理员（只显示这一次，请记下）：",
                        f"  用户名：{username}",
                        f"  密码：  {password}",
                        "登录后可在“自评表”页一键导入样例。",
                        "=" * 60,
                    ]
                )
            )
