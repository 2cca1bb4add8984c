"""Demo content for `make run`: idempotent, a second run changes and duplicates nothing.

Each app's demo content is loaded by `demo/loaders/<app>.py` (a `load(*, stdout)`
function) from the data files under `demo/content/` and `demo/media/`, through the
app's own services; this command runs them in dependency order.
"""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

LOADERS_IN_ORDER = [
    "accounts",
    "pages",
    "contacts",
    "municipalities",
    "documents",
    "news",
    "forums",
    "events",
    "toolbox",
]


class Command(BaseCommand):
    help = "Loads the demo content (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        for name in LOADERS_IN_ORDER:
            import_module(f"demo.loaders.{name}").load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
