from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The floor every app stands on: states, Markdown, images, PDF, pagination, text,
    cache and mail. It imports Django and libraries, never an app of the project."""

    name = "core"
    verbose_name = "Region der Mitte – Grundlagen"

    def ready(self):
        from . import pagecache

        pagecache.connect_signals()
