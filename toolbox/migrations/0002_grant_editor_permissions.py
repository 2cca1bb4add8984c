from functools import partial

from django.db import migrations

from accounts.roles import EDITORS, grant, revoke

MODELS = ["argumentcard", "statesection", "documentsource", "citation"]


class Migration(migrations.Migration):
    dependencies = [("toolbox", "0001_initial"), ("accounts", "0002_create_roles")]

    operations = [
        migrations.RunPython(
            partial(grant, group=EDITORS, app_label="toolbox", models=MODELS),
            partial(revoke, group=EDITORS, app_label="toolbox", models=MODELS),
        ),
        # Versions are made by publishing; editors read them.
        migrations.RunPython(
            partial(
                grant,
                group=EDITORS,
                app_label="toolbox",
                models=["cardversion"],
                actions=("view",),
            ),
            partial(revoke, group=EDITORS, app_label="toolbox", models=["cardversion"]),
        ),
    ]
