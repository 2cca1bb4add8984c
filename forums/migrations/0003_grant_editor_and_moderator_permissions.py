"""Redaktion keeps spaces and forums in the admin; Moderation may look at (and, on
staff accounts, handle) what moderators deal with: topics, posts, reports,
memberships and the moderation log."""

from functools import partial

from django.db import migrations

from accounts.roles import EDITORS, MODERATORS, grant, revoke

EDITOR_MODELS = ["space", "forum"]
MODERATOR_VIEW = ["topic", "post", "postrevision", "report", "moderationlog", "membership"]
MODERATOR_CHANGE = ["membership"]


def forwards(apps, schema_editor):
    grant(apps, schema_editor, group=EDITORS, app_label="forums", models=EDITOR_MODELS)
    grant(
        apps,
        schema_editor,
        group=EDITORS,
        app_label="forums",
        models=["moderationlog"],
        actions=("view",),
    )
    grant(
        apps,
        schema_editor,
        group=MODERATORS,
        app_label="forums",
        models=MODERATOR_VIEW,
        actions=("view",),
    )
    grant(
        apps,
        schema_editor,
        group=MODERATORS,
        app_label="forums",
        models=MODERATOR_CHANGE,
        actions=("change",),
    )


def backwards(apps, schema_editor):
    revoke(
        apps,
        schema_editor,
        group=EDITORS,
        app_label="forums",
        models=[*EDITOR_MODELS, "moderationlog"],
    )
    revoke(apps, schema_editor, group=MODERATORS, app_label="forums", models=MODERATOR_VIEW)


class Migration(migrations.Migration):
    dependencies = [("forums", "0002_create_spaces_and_forums"), ("accounts", "0002_create_roles")]

    operations = [migrations.RunPython(forwards, backwards)]
