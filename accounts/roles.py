"""The portal's roles as Django groups. Used by data migrations of every app.

Each app grants its own model permissions to a role in a data migration of its own,
so the roles grow with the apps and a migration never reaches into another app.
"""

EDITORS = "Redaktion"
MODERATORS = "Moderation"


def grant(
    apps,
    schema_editor,
    *,
    group: str,
    app_label: str,
    models: list[str],
    actions=("add", "change", "delete", "view"),
) -> None:
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations ran; make them now.
    # The migration state's app config has no models module, which the call checks.
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{action}_{model}" for model in models for action in actions]
    permissions = Permission.objects.filter(
        content_type__app_label=app_label, codename__in=codenames
    )
    Group.objects.get_or_create(name=group)[0].permissions.add(*permissions)


def revoke(
    apps, schema_editor, *, group: str, app_label: str, models: list[str]
) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label=app_label, content_type__model__in=models
    )
    for g in Group.objects.filter(name=group):
        g.permissions.remove(*permissions)
