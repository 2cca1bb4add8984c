from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import cache  # noqa: F401  (what a change makes stale: core/pagecache.py)
        from .tasks import schedule_daily

        # The daily round (reminders, anonymising) keeps itself going once queued;
        # every deploy's `migrate` makes sure one is queued.
        post_migrate.connect(schedule_daily, sender=self, dispatch_uid="events-daily")
