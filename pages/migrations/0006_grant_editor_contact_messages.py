from functools import partial

from django.db import migrations

from accounts.roles import EDITORS, grant, revoke

MODELS = ["contactmessage"]
ACTIONS = ("change", "delete", "view")


class Migration(migrations.Migration):
    dependencies = [("pages", "0005_contact_message")]

    operations = [
        migrations.RunPython(
            partial(
                grant, group=EDITORS, app_label="pages", models=MODELS, actions=ACTIONS
            ),
            partial(revoke, group=EDITORS, app_label="pages", models=MODELS),
        )
    ]
