from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Users and profiles")
    default_auto_field = "django.db.models.BigAutoField"

    def export_user_data(self, user) -> dict:
        from .services import profile_data, second_factor_data

        return {
            "profile": profile_data(user),
            "two_factor_authentication": second_factor_data(user),
        }
