from functools import partial

from django.db import migrations

from accounts.roles import EDITORS, grant, revoke

MODELS = ["document", "downloadcount"]


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial"), ("accounts", "0002_create_roles")]

    operations = [
        migrations.RunPython(
            partial(grant, group=EDITORS, app_label="documents", models=MODELS),
            partial(revoke, group=EDITORS, app_label="documents", models=MODELS),
        )
    ]
