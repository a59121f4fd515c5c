"""Login failures counted per account and per address: `username` becomes `key` under a scope."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("orgs", "0004_codes_active_profiles")]

    operations = [
        migrations.RenameField(model_name="loginfailure", old_name="username", new_name="key"),
        migrations.AlterField(
            model_name="loginfailure", name="key", field=models.CharField(max_length=150)
        ),
        migrations.AddField(
            model_name="loginfailure",
            name="scope",
            field=models.CharField(
                choices=[("account", "账号"), ("address", "地址")],
                default="account",
                max_length=10,
            ),
        ),
        migrations.AlterField(
            model_name="loginfailure",
            name="last",
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
        migrations.AddConstraint(
            model_name="loginfailure",
            constraint=models.UniqueConstraint(
                fields=("scope", "key"), name="one_login_counter_per_key"
            ),
        ),
    ]
