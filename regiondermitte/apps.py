from django.apps import AppConfig


class RegionDerMitteConfig(AppConfig):
    """The project package: home page, health, site-wide template tags and commands."""

    name = "regiondermitte"
    verbose_name = "Region der Mitte"

    def ready(self):
        from . import pagecache

        pagecache.connect_signals()
