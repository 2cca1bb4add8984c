from django.db import migrations

from accounts.roles import EDITORS, MODERATORS


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in (EDITORS, MODERATORS):
        Group.objects.get_or_create(name=name)


def delete_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, MODERATORS]).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_roles, delete_roles)]
