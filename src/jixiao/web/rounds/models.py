"""Rounds (自评任务): a bureau or a department asks its units for one year's forms by a date.

A round gives every unit in its scope a Task. The forms of a task are not linked by hand: they
are the unit's forms of the round's year, so a form uploaded, typed or re-dated for that year
belongs to the task at once. A unit with nothing to hand in says so on its task, with a reason.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jixiao.web.orgs.models import Organisation


class Round(models.Model):
    name = models.CharField("名称", max_length=200)
    year = models.IntegerField("年度", db_index=True)
    # the bureau, or a department for its own units, that opened the round
    owner = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="rounds_owned", verbose_name="发起机构"
    )
    # what was chosen when opening it (departments and/or units), for the record
    scope = models.ManyToManyField(Organisation, related_name="+", verbose_name="范围")
    deadline = models.DateField("截止日期")
    policy = models.CharField("评分规则", max_length=100, default="beijing")
    layout = models.CharField("表样", max_length=100, default="beijing")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "自评任务"

    def __str__(self) -> str:
        return self.name


class Task(models.Model):
    """One unit's part of a round. Its year is the round's, kept here so that a unit has at
    most one task per year and the unit's forms of that year have exactly one home."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="tasks")
    unit = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="tasks", verbose_name="预算单位"
    )
    year = models.IntegerField("年度")
    no_projects = models.BooleanField("本年度无项目", default=False)
    no_projects_reason = models.TextField("无项目说明", blank=True)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    declared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "单位任务"
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="one_task_per_unit_and_year"),
        ]
        indexes = [models.Index(fields=["round", "unit"])]

    def __str__(self) -> str:
        return f"{self.round} · {self.unit}"


class Reminder(models.Model):
    """A reminder sent for a task on a day: the reminder command never sends two in one day."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reminders")
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task", "sent_on"], name="one_reminder_per_day")
        ]
