"""The SQLite index of the search (search/sqlite.py); nothing on PostgreSQL, whose
vectors the apps' migrations add. Items already saved are indexed after `migrate`
(search/signals.py), when every table has its final columns."""

from django.db import migrations

from search import sqlite


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(sqlite.CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {sqlite.TABLE}")


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [migrations.RunPython(create, drop, elidable=False)]
