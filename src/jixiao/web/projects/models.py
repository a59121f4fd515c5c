"""A project: one thing across years and documents (绩效目标申报表, 监控表, 自评表, 专家评价, 整改).

A project belongs to a unit and is known by its 项目编码 when a document gives one, else by its
normalised name (`jixiao.model.identity.form_identity`, without the year). Two projects that are
one (renamed, or coded in one year only) are linked by hand: the one merged away keeps pointing
at the one it was merged into, so later documents under its name or code land there too.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jixiao.web.orgs.models import Organisation


class Project(models.Model):
    unit = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="projects", verbose_name="预算单位"
    )
    identity = models.CharField("项目标识", max_length=400)  # "code:…" or "name:…"
    name = models.CharField("项目名称", max_length=300)
    code = models.CharField("项目编码", max_length=100, blank=True)
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged",
        verbose_name="已并入",
    )
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "项目"
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "identity"], name="one_project_per_identity")
        ]

    def __str__(self) -> str:
        return self.name
