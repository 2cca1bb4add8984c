from functools import partial

from django.db import migrations

from accounts.roles import EDITORS, grant, revoke

# The editors review claimed affiliations (and correct a proposed organisation).
MODELS = ["affiliation"]


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_affiliations")]

    operations = [
        migrations.RunPython(
            partial(
                grant,
                group=EDITORS,
                app_label="accounts",
                models=MODELS,
                actions=("review", "view", "change"),
            ),
            partial(revoke, group=EDITORS, app_label="accounts", models=MODELS),
        )
    ]
