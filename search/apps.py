from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from core import pagecache

        from . import signals

        signals.connect()
        # Results are renewed by every change of searchable content (each app's
        # cache.py renews `search`), not by read markers or registrations.
        pagecache.pages("search", pagecache.SEARCH)
