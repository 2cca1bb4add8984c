"""Send the summaries of new posts now (the worker does it every morning at 7:00):
`manage.py send_digests` for this morning's kinds, `--frequency daily|weekly` for one."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from accounts.models import Delivery
from forums import digest


class Command(BaseCommand):
    help = "Send the daily (and on Mondays the weekly) summaries of new forum posts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--frequency", choices=[Delivery.DAILY, Delivery.WEEKLY], default=None
        )

    def handle(self, *args, frequency=None, **options):
        now = timezone.now()
        for kind in [frequency] if frequency else digest.frequencies_due(now):
            sent = digest.send_digests(kind, now=now)
            self.stdout.write(f"{kind}: {sent} summaries sent")
