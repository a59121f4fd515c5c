"""`manage.py jobs_worker`: the database queue's worker (`make run` starts one beside the server).

It is django-tasks-db's `db_worker` under a fixed worker id (this machine's name unless
--worker-id says otherwise), after putting back in the queue the tasks that a worker of the
same id had started and not finished: that worker is gone (this one has its id), so its task
runs again; every jixiao task is safe to run again. Run one worker per id.
"""

from __future__ import annotations

import socket
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_tasks import TaskResultStatus, task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult


def recover(worker_id: str) -> int:
    """Put back in the queue the tasks a worker of this id left running; how many."""
    left = [
        r.pk
        for r in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
        if r.worker_ids and r.worker_ids[-1] == worker_id
    ]
    return DBTaskResult.objects.filter(pk__in=left).update(
        status=TaskResultStatus.READY, started_at=None
    )


class Command(BaseCommand):
    help = "后台工作进程（数据库队列）：先把本进程上次没做完的任务放回队列，再处理队列中的任务"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--worker-id",
            default=f"jixiao-{socket.gethostname()}"[:64],
            help="工作进程的标识（默认按本机名称）；同时运行多个时每个须不同",
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="队列为空时每隔几秒查看一次（默认 1）"
        )
        parser.add_argument("--batch", action="store_true", help="处理完队列中现有的任务就退出")

    def handle(self, *args: Any, **options: Any) -> None:
        if not isinstance(task_backends["default"], DatabaseBackend):
            raise CommandError(
                f"后台任务不在数据库队列上（JIXIAO_TASKS={settings.JIXIAO_TASKS}）：数据库队列的工作进程"
                "只在 JIXIAO_TASKS=database 时使用；Celery 的工作进程是 "
                "celery -A jixiao.web.celery worker（见 docs/background.md）"
            )
        worker_id = options["worker_id"]
        if again := recover(worker_id):
            self.stdout.write(f"上次未完成的 {again} 个任务已放回队列，将重新执行。")
        argv = ["--worker-id", worker_id, "--interval", str(options["interval"])]
        argv += ["--no-reload", "--no-startup-delay", "--queue-name", "*"]
        if options["batch"]:
            argv.append("--batch")
        call_command("db_worker", *argv, verbosity=options["verbosity"])
