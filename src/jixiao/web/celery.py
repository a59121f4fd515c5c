"""Celery for a deployment of many machines: the Celery app, one generic Celery task that runs a
django-tasks task by its import path, and the django-tasks backend that queues onto it
(settings: JIXIAO_TASKS=celery).

Workers: `celery -A jixiao.web.celery worker --pool=threads --loglevel=INFO` (docs/background.md;
threads are the app's default: each file is read in a sandboxed child process anyway). A task is
acknowledged only when it has finished (`acks_late`) and given back to the queue when its worker
process dies (`reject_on_worker_lost`); on Redis a message whose worker vanished entirely comes
back after the visibility timeout (JIXIAO_CELERY_VISIBILITY_TIMEOUT, seconds). Every jixiao task
is safe to run again, so a task is never lost and its work is done once.

Broker: JIXIAO_CELERY_BROKER (default redis://127.0.0.1:6379/0; amqp://… for RabbitMQ); the
results of the queue itself in JIXIAO_CELERY_RESULTS (default: the broker when it is Redis).
What the user sees (progress, files, messages) is kept by jixiao in its own tables.
"""

from __future__ import annotations

import os
from typing import Any, TypeVar

from celery import Celery
from django.utils import timezone
from django_tasks import TaskResult, TaskResultStatus
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import Task
from django_tasks.exceptions import TaskResultDoesNotExist
from django_tasks.utils import get_random_id, normalize_json

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")

T = TypeVar("T")

BROKER = os.environ.get("JIXIAO_CELERY_BROKER", "redis://127.0.0.1:6379/0")
RESULTS = os.environ.get(
    "JIXIAO_CELERY_RESULTS", BROKER if BROKER.startswith(("redis://", "rediss://")) else ""
)
QUEUE = os.environ.get("JIXIAO_CELERY_QUEUE", "jixiao")
VISIBILITY_TIMEOUT = int(os.environ.get("JIXIAO_CELERY_VISIBILITY_TIMEOUT", "7200"))

app = Celery("jixiao")
app.conf.update(
    broker_url=BROKER,
    result_backend=RESULTS or None,
    result_extended=True,
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    task_default_queue=QUEUE,
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,  # a worker holds only the task it is running
    # threads: each file is already read in a sandboxed child process (jixiao.read.sandbox)
    worker_pool="threads",
    broker_connection_retry_on_startup=True,
    broker_transport_options={
        "visibility_timeout": VISIBILITY_TIMEOUT,
        # look for messages of vanished workers at a tenth of the timeout
        "unacked_restore_interval": max(1, VISIBILITY_TIMEOUT // 10),
        "unacked_restore_throttle": 1,
    },
    worker_hijack_root_logger=False,
)

STATES = {
    "PENDING": TaskResultStatus.READY,
    "RECEIVED": TaskResultStatus.READY,
    "RETRY": TaskResultStatus.READY,
    "STARTED": TaskResultStatus.RUNNING,
    "SUCCESS": TaskResultStatus.SUCCESSFUL,
    "FAILURE": TaskResultStatus.FAILED,
    "REVOKED": TaskResultStatus.FAILED,
}


@app.task(name="jixiao.run_task", acks_late=True, reject_on_worker_lost=True)
def run_task(task_path: str, args: list[Any], kwargs: dict[str, Any]) -> Any:
    """Run the django-tasks task at `task_path`; its return value is the Celery result."""
    from django.utils.module_loading import import_string

    task = import_string(task_path)
    if not isinstance(task, Task):
        raise TypeError(f"{task_path} is not a task")
    return normalize_json(task.call(*args, **kwargs))


class CeleryBackend(BaseTaskBackend):
    """django-tasks onto Celery: `enqueue` sends `jixiao.run_task` with the task's path."""

    supports_get_result = bool(RESULTS)

    def validate_task(self, task: Task) -> None:
        super().validate_task(task)
        if task.takes_context:
            from django_tasks.exceptions import InvalidTaskError

            raise InvalidTaskError("jixiao 的 Celery 后端不支持 takes_context 的任务。")

    def enqueue(self, task: Task[Any, T], args: Any, kwargs: Any) -> TaskResult[T]:
        self.validate_task(task)
        result_id = get_random_id()
        args, kwargs = normalize_json(list(args)), normalize_json(dict(kwargs))
        queue = QUEUE if task.queue_name == "default" else task.queue_name
        run_task.apply_async(args=[task.module_path, args, kwargs], task_id=result_id, queue=queue)
        return self._result(task, result_id, TaskResultStatus.READY, args, kwargs, timezone.now())

    def get_result(self, result_id: str) -> TaskResult:
        from django.utils.module_loading import import_string

        if not RESULTS:
            return super().get_result(result_id)
        found = app.AsyncResult(result_id)
        if found.state == "PENDING" or not found.args:
            raise TaskResultDoesNotExist(result_id)
        task_path, args, kwargs = found.args
        result = self._result(
            import_string(task_path), result_id, STATES.get(found.state), args, kwargs, None
        )
        if found.state == "SUCCESS":
            object.__setattr__(result, "_return_value", found.result)
        return result

    def _result(
        self, task: Task, result_id: str, status: Any, args: Any, kwargs: Any, at: Any
    ) -> TaskResult:
        return TaskResult(
            task=task,
            id=result_id,
            status=status or TaskResultStatus.READY,
            enqueued_at=at,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
