from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documents")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core import pagecache

        from .models import Document

        # Pages show a scheduled item from its time on, not when the cache expires.
        pagecache.schedule(Document.objects.next_publication)
