from functools import partial

from django.db import migrations

from accounts.roles import EDITORS, grant, revoke

MODELS = ["signlanguagevideo"]


class Migration(migrations.Migration):
    dependencies = [("pages", "0009_sign_language_video"), ("accounts", "0002_create_roles")]

    operations = [
        migrations.RunPython(
            partial(grant, group=EDITORS, app_label="pages", models=MODELS),
            partial(revoke, group=EDITORS, app_label="pages", models=MODELS),
        )
    ]
