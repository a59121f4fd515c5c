"""In-app notifications: one row per person told about a change, read or not yet read.

The 待办 page itself is not stored: it is worked out from tasks and forms each time (what is due,
returned, waiting for review), so it can never disagree with them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=30)  # submitted, returned, approved, reminder, round …
    text = models.CharField("内容", max_length=500)
    url = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "通知"
        indexes = [models.Index(fields=["user", "read_at", "created"])]
