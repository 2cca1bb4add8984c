from functools import partial

from django.db import migrations

from accounts.roles import EDITORS, grant, revoke

MODELS = ["organisation", "person", "topic"]


class Migration(migrations.Migration):
    dependencies = [("contacts", "0001_initial"), ("accounts", "0002_create_roles")]

    operations = [
        migrations.RunPython(
            partial(grant, group=EDITORS, app_label="contacts", models=MODELS),
            partial(revoke, group=EDITORS, app_label="contacts", models=MODELS),
        )
    ]
