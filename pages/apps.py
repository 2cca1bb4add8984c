from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Pages and site data")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core import mail

        # What a change of each model makes stale (core/pagecache.py).
        from . import (
            cache,  # noqa: F401
            signals,  # noqa: F401
        )
        from .archive import mail_gate

        mail.add_gate(mail_gate)
