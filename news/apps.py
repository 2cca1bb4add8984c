from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core import pagecache

        from .models import Article

        # Pages show a scheduled item from its time on, not when the cache expires.
        pagecache.schedule(Article.objects.next_publication)
