"""`manage.py remind --days N`: remind units of tasks and 整改事项 due within N days or overdue
(for cron).

Run it once a day, e.g. `0 8 * * * cd /srv/jixiao && .venv/bin/python manage.py remind --days 3`.
A task is never reminded twice the same day, so running it again does no harm. With --queue the
reminders are sent by a background worker (the `send_reminders` task) instead of this process.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jixiao.web.inbox.reminders import send_reminders


class Command(BaseCommand):
    help = "提醒填报人：N 天内到期或已逾期、尚未提交的自评任务和尚未整改的整改事项（每项每天至多提醒一次）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days", type=int, default=3, help="提醒截止日期在几天之内的任务（默认 3 天）"
        )
        parser.add_argument(
            "--queue", action="store_true", help="交给后台工作进程发送（不在本进程中发送）"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"]
        if days < 0:
            raise CommandError(f"--days 应为 0 或正整数，收到的是 {days}。")
        if options["queue"]:
            from jixiao.web.jobs.tasks import send_reminders as task

            task.enqueue(days)
            self.stdout.write(f"已交给后台工作进程：提醒 {days} 天内到期或已逾期的自评任务。")
            return
        self.stdout.write(send_reminders(days).summary(days))
