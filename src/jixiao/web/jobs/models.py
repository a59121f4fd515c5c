"""Background work as the user sees it: a job (an upload of many files, an export, a report)
and, for an upload, one row per file.

The queue (django-tasks: the database queue under `make run`, Celery in a deployment) only runs
the work; what was asked, how far it got and what came out lives here, so progress survives a
worker that dies and is scoped like everything else (a user sees their own jobs; an
administrator every job).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class State(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "进行中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


FINISHED = (State.DONE, State.FAILED)


class Job(models.Model):
    class Kind(models.TextChoices):
        IMPORT = "import", "上传读取"
        EXPORT = "export", "导出"
        REPORT = "report", "部门评价报告"
        RECHECK = "recheck", "重新审核"

    kind = models.CharField("种类", max_length=16, choices=Kind.choices)
    state = models.CharField("状态", max_length=16, choices=State.choices, default=State.QUEUED)
    title = models.CharField("内容", max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="jobs"
    )
    organisation = models.ForeignKey(
        "orgs.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    params = models.JSONField("参数", default=dict)
    message = models.TextField("结果说明", blank=True)
    # the file an export or a report produced, under DATA_DIR/jobs/<id>/
    result_name = models.CharField("结果文件", max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        ordering = ["-pk"]
        indexes = [models.Index(fields=["user", "-id"], name="jobs_job_user_recent")]

    def __str__(self) -> str:
        return self.title

    @property
    def finished(self) -> bool:
        return self.state in FINISHED


class JobFile(models.Model):
    """One uploaded file of an import job: kept (its original stored by hash) before the job is
    queued, so a file is never without a record, and marked done in the same transaction that
    makes its forms (through `stored_file`), so a job that runs again imports nothing twice."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="files")
    position = models.PositiveIntegerField()
    name = models.CharField("文件名", max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.BigIntegerField("大小")
    state = models.CharField("状态", max_length=16, choices=State.choices, default=State.QUEUED)
    message = models.TextField("结果", blank=True)
    error = models.BooleanField(default=False)  # the file could not be read (the reason above)
    kind = models.CharField(max_length=16, blank=True)  # FormRecord.Kind of the forms read
    forms = models.JSONField(default=list)  # ids of the records read from the file
    # the new versions it made of forms already there: [{"label", "url", "form", "version"}]
    versions = models.JSONField(default=list)
    kept = models.JSONField(default=list)  # ids of forms submitted or approved, not overwritten
    stored_file = models.ForeignKey(
        "forms.StoredFile", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    task_id = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["job", "position"]
        constraints = [
            models.UniqueConstraint(fields=["job", "position"], name="jobs_file_position_once")
        ]

    def __str__(self) -> str:
        return self.name
