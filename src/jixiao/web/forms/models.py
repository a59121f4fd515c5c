"""Stored originals, forms with their versions, and reviewers' comments.

A form (FormRecord) never changes in place: every save is a new FormVersion holding the declared
form as the JSON document `jixiao parse --json` writes, with what jixiao computed and found at
that moment. The record keeps a few columns of its latest version for lists and dashboards.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jixiao.web.orgs.models import Organisation


class StoredFile(models.Model):
    """An uploaded original, kept as it came, named by its SHA-256."""

    sha256 = models.CharField(max_length=64, unique=True)
    name = models.CharField("文件名", max_length=255)
    size = models.BigIntegerField("大小")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="files")
    uploaded = models.DateTimeField(auto_now_add=True)
    forms_found = models.IntegerField(default=0)
    error = models.TextField("读取问题", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "上传文件"

    def __str__(self) -> str:
        return self.name


class FormRecord(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        SUBMITTED = "submitted", "已提交"
        RETURNED = "returned", "已退回"
        APPROVED = "approved", "已审核"

    unit = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="forms", verbose_name="预算单位"
    )
    status = models.CharField(
        "状态", max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    source_file = models.ForeignKey(
        StoredFile, null=True, blank=True, on_delete=models.PROTECT, related_name="forms"
    )
    source_index = models.IntegerField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    # the last submission, for the reviewer's queue (who handed it in, oldest first)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True, db_index=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # columns of the latest version, for lists, filters and the dashboard
    year = models.IntegerField("年度", null=True, db_index=True)
    project_name = models.CharField("项目名称", max_length=300, db_index=True)
    department_name = models.CharField("主管部门", max_length=200, blank=True)
    annual_budget = models.DecimalField(max_digits=20, decimal_places=6, null=True)
    executed = models.DecimalField(max_digits=20, decimal_places=6, null=True)
    execution_rate = models.DecimalField(max_digits=10, decimal_places=4, null=True)
    declared_total = models.CharField(max_length=50, blank=True)
    total_score = models.DecimalField(max_digits=10, decimal_places=2, null=True)
    grade = models.CharField("等级", max_length=10, blank=True, db_index=True)
    full_self_score = models.BooleanField(default=False)  # every indicator declared at full marks
    errors = models.IntegerField(default=0)
    warnings = models.IntegerField(default=0)
    # the latest version's finding codes as ",CODE,CODE,", so every database can filter on one
    finding_codes = models.TextField(default="", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "自评表"
        ordering = ["-year", "project_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_file", "source_index"], name="one_record_per_source_form"
            )
        ]
        indexes = [models.Index(fields=["unit", "year", "status"])]

    def __str__(self) -> str:
        return f"{self.project_name}（{self.year or '—'}年度）"

    @property
    def execution_rate_text(self) -> str:
        if self.execution_rate is None:
            return "—"
        return f"{self.execution_rate * 100:.2f}%"

    @property
    def latest(self) -> FormVersion:
        return self.versions.order_by("-number").first()  # type: ignore[return-value]


class FormVersion(models.Model):
    record = models.ForeignKey(FormRecord, on_delete=models.CASCADE, related_name="versions")
    number = models.IntegerField()
    data = models.JSONField()  # the declared form, as in `jixiao parse --json`
    computed = models.JSONField(default=dict)
    findings = models.JSONField(default=list)
    policy = models.CharField(max_length=50)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created = models.DateTimeField(auto_now_add=True)
    note = models.CharField("说明", max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "版本"
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["record", "number"], name="unique_version_number")
        ]


class Comment(models.Model):
    """A reviewer's word on a form: overall, or on one finding."""

    record = models.ForeignKey(FormRecord, on_delete=models.CASCADE, related_name="comments")
    version = models.ForeignKey(FormVersion, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    finding_code = models.CharField(max_length=60, blank=True)
    path = models.CharField(max_length=120, blank=True)
    text = models.TextField("意见")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "审核意见"
        ordering = ["created"]
