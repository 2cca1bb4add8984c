from django.apps import AppConfig


class RegionDerMitteConfig(AppConfig):
    """The wiring and the roof: settings, URLs, home page, health, sitemaps, commands."""

    name = "regiondermitte"
    verbose_name = "Region der Mitte"
