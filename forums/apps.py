from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = _("Forums")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from .tasks import schedule_digests

        # The morning round of summaries keeps itself going once queued; every
        # deploy's `migrate` makes sure one is queued.
        post_migrate.connect(
            schedule_digests, sender=self, dispatch_uid="forums-digests"
        )

        # What a change of each model makes stale (core/pagecache.py).
        from . import cache  # noqa: F401
