from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content for `make run`: data files under content/ and media/, loaded by
    `manage.py seed_demo` through the apps' own services. Installed by the dev and
    test settings only; production never sees it."""

    name = "demo"
    verbose_name = "Demo"
