from functools import partial

from django.db import migrations

from accounts.roles import EDITORS, grant, revoke


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial"), ("accounts", "0002_create_roles")]

    operations = [
        migrations.RunPython(
            partial(grant, group=EDITORS, app_label="events", models=["event"]),
            partial(revoke, group=EDITORS, app_label="events", models=["event"]),
        ),
        # Registrations change only through their services; editors read them.
        migrations.RunPython(
            partial(
                grant,
                group=EDITORS,
                app_label="events",
                models=["registration"],
                actions=("view",),
            ),
            partial(revoke, group=EDITORS, app_label="events", models=["registration"]),
        ),
    ]
