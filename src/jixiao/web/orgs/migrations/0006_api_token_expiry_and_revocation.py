"""API tokens expire and can be revoked; a token made before this runs until 90 days from now."""

from datetime import timedelta
from typing import Any

from django.db import migrations, models
from django.utils import timezone


def expire_in_ninety_days(apps: Any, schema_editor: Any) -> None:
    ApiToken = apps.get_model("orgs", "ApiToken")
    ApiToken.objects.filter(expires__isnull=True).update(
        expires=timezone.now() + timedelta(days=90)
    )


class Migration(migrations.Migration):
    dependencies = [("orgs", "0005_login_counters_per_account_and_address")]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires",
            field=models.DateTimeField(null=True, verbose_name="到期时间"),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="revoked",
            field=models.DateTimeField(blank=True, null=True, verbose_name="撤销时间"),
        ),
        migrations.RunPython(expire_in_ninety_days, migrations.RunPython.noop),
    ]
