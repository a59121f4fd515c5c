"""`manage.py recheck`: every stored form checked again under today's rules (after an upgrade)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from jixiao.web.services.recheck import recheck_all


class Command(BaseCommand):
    help = "按当前的审核规则和评分规则重新审核所有已保存的自评表（升级后运行；不改变填报内容）"

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(recheck_all().summary)
