"""Demo content for `make run`: idempotent, a second run changes and duplicates nothing.

Each app writes its own demo content in `<app>/demo.py` with a `load()` function; this
command runs them in dependency order and creates the demo staff accounts.
"""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

APPS_IN_ORDER = ["accounts", "pages", "contacts", "documents", "news", "forums"]


class Command(BaseCommand):
    help = "Loads the demo content from the seed (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        for label in APPS_IN_ORDER:
            try:
                demo = import_module(f"{label}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{label}.demo":
                    raise
                continue
            demo.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
