"""`manage.py backup [file or folder]`: the database and every original in one zip archive."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jixiao.web.services.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "备份：把数据库（可跨 SQLite / PostgreSQL 恢复）和全部原件、佐证材料写入一个 zip 文件，"
        "附清单（条数、校验值、版本、迁移状态）。用 manage.py restore 恢复到空数据库。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "target",
            nargs="?",
            default=".",
            help="备份文件名，或存放备份的文件夹（默认当前文件夹，文件名含日期时间）",
        )
        parser.add_argument("--database", default="default", help="数据库别名（默认 default）")

    def handle(self, *args: Any, **options: Any) -> None:
        target = Path(options["target"])
        if target.is_dir():
            stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
            target = target / f"jixiao-backup-{stamp}.zip"
        if target.exists():
            raise CommandError(f"{target} 已存在，未覆盖；请换一个文件名。")
        progress = self.stdout.write if options["verbosity"] > 1 else None
        try:
            summary = backup(target, options["database"], progress)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"{summary.text('已备份')}\n备份文件：{target.resolve()}")
        if summary.missing:
            self.stderr.write("注意：有原件在数据库中登记但不在原件目录中，备份里也没有它们。")
