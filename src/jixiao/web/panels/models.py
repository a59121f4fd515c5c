"""An expert panel kept in the database: the project, its framework, the experts and their scores.

Scores are stored as the text of exact decimals ("1.5", "1.24"), never floats, keyed by the
level-3 indicator's name, one entry per expert in the order of `experts` (None: not yet scored).
The computed sheet is not stored: it is recomputed from these by `jixiao.panel` on every view.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jixiao.web.orgs.models import Organisation


class Panel(models.Model):
    project = models.CharField("项目名称", max_length=200)
    year = models.IntegerField("年度", null=True, blank=True)
    framework = models.CharField("指标体系", max_length=100, default="project")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="panels",
        verbose_name="所属单位或部门",
    )
    experts = models.JSONField("专家", default=list)  # names, in column order
    scores = models.JSONField("评分", default=dict)  # indicator → [text | None per expert]
    report_text = models.TextField("报告正文", blank=True)  # the last report text checked
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "专家评价"
        ordering = ["-updated"]

    def __str__(self) -> str:
        return f"{self.year or ''} {self.project}".strip()
