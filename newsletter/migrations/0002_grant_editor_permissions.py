from functools import partial

from django.db import migrations

from accounts.roles import EDITORS, grant, revoke

# Editors write and send issues and look after the list of subscribers.
MODELS = ["issue", "subscriber"]


class Migration(migrations.Migration):
    dependencies = [("newsletter", "0001_initial"), ("accounts", "0002_create_roles")]

    operations = [
        migrations.RunPython(
            partial(grant, group=EDITORS, app_label="newsletter", models=MODELS),
            partial(revoke, group=EDITORS, app_label="newsletter", models=MODELS),
        )
    ]
