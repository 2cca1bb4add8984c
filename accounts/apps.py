from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Users and profiles")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # What a change of each model makes stale (core/pagecache.py).
        from . import cache  # noqa: F401
