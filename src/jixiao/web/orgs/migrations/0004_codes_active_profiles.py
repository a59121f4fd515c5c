"""Organisations get a code (单位编码) and can be deactivated; people get a profile; audit events
name the organisation they concern. Organisations made before codes get one of their own."""

from typing import Any

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def give_codes(apps: Any, schema_editor: Any) -> None:
    Organisation = apps.get_model("orgs", "Organisation")
    for organisation in Organisation.objects.filter(code__isnull=True):
        organisation.code = f"ZD{organisation.pk:06d}"
        organisation.save(update_fields=["code"])


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0003_api_tokens"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="code",
            field=models.CharField(max_length=50, null=True, verbose_name="单位编码"),
        ),
        migrations.RunPython(give_codes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="organisation",
            name="code",
            field=models.CharField(max_length=50, unique=True, verbose_name="单位编码"),
        ),
        migrations.AddField(
            model_name="organisation",
            name="active",
            field=models.BooleanField(db_index=True, default=True, verbose_name="启用"),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="action",
            field=models.CharField(db_index=True, max_length=50),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="organisation",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="orgs.organisation",
            ),
        ),
        migrations.CreateModel(
            name="Profile",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "must_change_password",
                    models.BooleanField(default=False, verbose_name="须修改密码"),
                ),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="profile",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={"verbose_name": "人员信息", "verbose_name_plural": "人员信息"},
        ),
    ]
