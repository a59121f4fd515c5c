"""整改 (rectification): a problem found by review, monitoring or evaluation, with an owner, a
deadline, evidence and a confirmation.

An item is 待整改 when made, 整改中 once the unit starts, 已整改 when the unit reports it done
(with a note and evidence files), 已确认 when the reviewer accepts it; the reviewer may send it
back to 整改中. Evidence files are kept like uploaded originals (`StoredFile`, by SHA-256).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jixiao.web.forms.models import FormRecord, StoredFile
from jixiao.web.orgs.models import Organisation


class RectificationItem(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "待整改"
        IN_PROGRESS = "in_progress", "整改中"
        DONE = "done", "已整改"
        CONFIRMED = "confirmed", "已确认"

    class Source(models.TextChoices):
        FINDING = "finding", "审核发现"
        MONITORING = "monitoring", "运行监控"
        PANEL = "panel", "专家评价"
        DEPARTMENT = "department", "部门整体评价"
        OTHER = "other", "其他"

    unit = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="rectification_items",
        verbose_name="整改单位",
    )
    project = models.ForeignKey(
        "projects.Project",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rectification_items",
        verbose_name="项目",
    )
    year = models.IntegerField("年度", null=True, blank=True, db_index=True)
    source = models.CharField("来源", max_length=20, choices=Source.choices)
    # where it came from: a document (and the finding in it), or an expert panel
    record = models.ForeignKey(
        FormRecord,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rectification_items",
    )
    finding_code = models.CharField("发现代码", max_length=60, blank=True)
    finding_path = models.CharField(max_length=120, blank=True)
    panel = models.ForeignKey(
        "panels.Panel",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rectification_items",
    )
    title = models.CharField("问题", max_length=300)
    requirement = models.TextField("整改要求", blank=True)
    due = models.DateField("整改期限", null=True, blank=True, db_index=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="责任人",
    )
    status = models.CharField(
        "状态", max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    done_note = models.TextField("整改情况", blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "整改事项"
        ordering = ["due", "pk"]
        indexes = [models.Index(fields=["unit", "status"])]

    def __str__(self) -> str:
        return self.title


class Evidence(models.Model):
    """A file the unit hands in to show an item was rectified, kept like an original."""

    item = models.ForeignKey(RectificationItem, on_delete=models.CASCADE, related_name="evidence")
    file = models.ForeignKey(StoredFile, on_delete=models.PROTECT, related_name="+")
    note = models.CharField("说明", max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "整改佐证材料"
        ordering = ["uploaded", "pk"]
