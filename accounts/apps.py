from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")
    default_auto_field = "django.db.models.BigAutoField"

    def export_user_data(self, user) -> dict:
        from .services import profile_data

        return {"profile": profile_data(user)}
