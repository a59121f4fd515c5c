"""Stored final-accounts narratives: the original as uploaded (or pasted) and what was found in it."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jixiao.web.orgs.models import Organisation


class NarrativeRecord(models.Model):
    """One checked narrative of an organisation; the original is kept under ORIGINALS_DIR by SHA-256."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="narratives", verbose_name="单位"
    )
    name = models.CharField("名称", max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.BigIntegerField("大小")
    pasted = models.BooleanField("粘贴的文本", default=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created = models.DateTimeField(auto_now_add=True)
    year = models.IntegerField("年度", null=True)
    claims = models.IntegerField("数字说法", default=0)
    wrong = models.IntegerField("不符", default=0)
    unchecked = models.IntegerField("无从核对", default=0)
    # the check as `jixiao accounts --json` writes it, plus the paragraphs sentence by sentence
    result = models.JSONField(default=dict)

    class Meta:
        verbose_name = verbose_name_plural = "决算说明"
        ordering = ["-created", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "sha256"], name="one_narrative_per_file_and_organisation"
            )
        ]

    def __str__(self) -> str:
        return self.name
