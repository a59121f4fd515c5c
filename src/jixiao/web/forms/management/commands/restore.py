"""`manage.py restore <file>`: a `manage.py backup` archive into an empty, migrated database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jixiao.web.services.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "恢复：把 manage.py backup 生成的备份恢复到空数据库（先运行 manage.py migrate），"
        "逐项核对校验值，并放回全部原件；有任何不符则不恢复任何数据。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        # into the default database only: the application's own signals (counts kept on save)
        # write there, so a restore into another alias would touch the wrong site
        parser.add_argument("archive", help="manage.py backup 生成的 zip 文件")

    def handle(self, *args: Any, **options: Any) -> None:
        progress = self.stdout.write if options["verbosity"] > 1 else None
        try:
            summary = restore(Path(options["archive"]), progress=progress)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(summary.text("已恢复"))
