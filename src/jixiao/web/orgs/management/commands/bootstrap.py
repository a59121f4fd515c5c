"""`manage.py bootstrap` (run by `make run`): the first administrator, the bureau if the
environment names it, and the sample accounts.

- The administrator's credentials come from JIXIAO_ADMIN_USER / JIXIAO_ADMIN_PASSWORD, or are
  made up and printed once, the first time. A password that fails the site's password rules
  (AUTH_PASSWORD_VALIDATORS) is refused: nothing is made and the command fails.
- JIXIAO_BUREAU_NAME (and JIXIAO_BUREAU_CODE) name the bureau this installation serves; it is
  made once and the first administrator becomes its 管理员. Without them no bureau is made: the
  administrator names it on the first page after logging in.
- The sample people's passwords are made up the first time, kept in DATA_DIR/sample_accounts.txt
  and printed every time: they work once an administrator has clicked “一键导入样例”.

Run again, it changes nothing.
"""

from __future__ import annotations

import os
import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from jixiao.web.orgs import services as orgs
from jixiao.web.services import samples

RULE = "=" * 60
# Django's password rules by code, said in Chinese (its own translation of some is missing)
WEAK = {
    "password_too_short": "太短",
    "password_too_common": "太常见",
    "password_entirely_numeric": "全是数字",
    "password_too_similar": "与用户名相似",
}


class Command(BaseCommand):
    help = "创建第一个管理员；按环境变量建立财政局；显示样例账号（已存在的不再重复创建）"

    def handle(self, *args: Any, **options: Any) -> None:
        admin = self._first_admin()
        self._bureau(admin)
        self._sample_accounts()

    def _first_admin(self) -> Any:
        users = get_user_model()
        existing = users.objects.filter(is_superuser=True).order_by("pk").first()
        if existing is not None:
            return existing
        username = os.environ.get("JIXIAO_ADMIN_USER", "admin")
        password = os.environ.get("JIXIAO_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        try:
            validate_password(password, users(username=username))
        except ValidationError as exc:
            reasons = "；".join(
                dict.fromkeys(WEAK.get(e.code or "", e.messages[0]) for e in exc.error_list)
            )
            raise CommandError(
                f"环境变量 JIXIAO_ADMIN_PASSWORD 给出的密码太弱（{reasons}），未创建管理员。"
                "请换一个至少 10 位、不全是数字、不常见、与用户名不相似的密码。"
            ) from exc
        admin = users.objects.create_superuser(username=username, password=password)
        orgs.profile_of(admin)
        if "JIXIAO_ADMIN_PASSWORD" in os.environ:
            self.stdout.write(
                f"已创建管理员 {username}（密码取自环境变量 JIXIAO_ADMIN_PASSWORD）。"
            )
        else:
            self.stdout.write(
                "\n".join(
                    [
                        RULE,
                        "已创建管理员（只显示这一次，请记下）：",
                        f"  用户名：{username}",
                        f"  密码：  {password}",
                        RULE,
                    ]
                )
            )
        return admin

    def _bureau(self, admin: Any) -> None:
        before = orgs.the_bureau()
        try:
            bureau = orgs.bureau_from_environment(admin)
        except ValidationError as exc:
            self.stderr.write(
                f"无法按环境变量 {orgs.BUREAU_NAME_VARIABLE} 建立财政局：{'；'.join(exc.messages)}"
            )
            return
        if bureau is None:
            self.stdout.write(
                "尚未设置财政局：管理员登录后先填写财政局的名称和编码"
                f"（也可以设置环境变量 {orgs.BUREAU_NAME_VARIABLE}、{orgs.BUREAU_CODE_VARIABLE}）。"
            )
        elif before is None:
            orgs.grant_role(admin, admin, bureau, orgs.Role.ADMIN)
            self.stdout.write(f"已建立财政局 {bureau.label}，{admin.get_username()} 为其管理员。")

    def _sample_accounts(self) -> None:
        accounts = samples.sample_accounts()
        width = max(len(a.username) for a in accounts)
        self.stdout.write(
            "\n".join(
                [
                    "样例账号（管理员在“自评表”页点“一键导入样例”之后可用；"
                    f"也保存在 {samples.accounts_path()}）：",
                    *(
                        f"  {a.username:<{width}}  {a.password}  "
                        f"{a.person.name} · {orgs.role_label(a.person.role)} · {a.person.where}"
                        for a in accounts
                    ),
                ]
            )
        )
