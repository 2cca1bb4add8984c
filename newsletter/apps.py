from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = _("Newsletter")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        # What a change of each model makes stale (core/pagecache.py).
        from . import cache  # noqa: F401
        from .tasks import schedule_cleanup

        # Unconfirmed addresses go after 7 days: a daily round, queued by `migrate`.
        post_migrate.connect(
            schedule_cleanup, sender=self, dispatch_uid="newsletter-cleanup"
        )
