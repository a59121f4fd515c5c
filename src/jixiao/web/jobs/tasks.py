"""The background tasks, written against Django's task API (the `django_tasks` backport): the
backend is chosen by settings (TASKS: the database queue under `make run`, Celery in a
deployment, run at once in most tests). Each task only calls a service; all of them may run
more than once (a worker that dies is replaced and the task runs again) and do their work once.
"""

from __future__ import annotations

from django_tasks import task

from jixiao.web.jobs import services


@task()
def import_one_file(file_id: int) -> None:
    """Read one uploaded file of an import job into forms (OCR for scans)."""
    services.import_one(file_id)


@task()
def run_job(job_id: int) -> None:
    """An export of many forms, a department report or a re-check."""
    services.run(job_id)


@task()
def send_reminders(days: int = 3) -> str:
    """Remind units of tasks due within `days` days or overdue (as `manage.py remind`)."""
    from jixiao.web.inbox.reminders import send_reminders as remind

    return remind(days).summary(days)
