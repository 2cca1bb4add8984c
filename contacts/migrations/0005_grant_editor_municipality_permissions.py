from functools import partial

from django.db import migrations

from accounts.roles import EDITORS, grant, revoke

# The editors keep "Wer ist zuständig?" as they keep the directory.
MODELS = ["municipality", "responsibility"]


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0004_municipalities_and_email_domain"),
        ("accounts", "0002_create_roles"),
    ]

    operations = [
        migrations.RunPython(
            partial(grant, group=EDITORS, app_label="contacts", models=MODELS),
            partial(revoke, group=EDITORS, app_label="contacts", models=MODELS),
        )
    ]
