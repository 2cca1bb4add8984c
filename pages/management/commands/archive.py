import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from pages.services import archive_switch


class Command(BaseCommand):
    help = (
        "Switch archive mode on or off: banner on every page, no public forms, "
        "no mail but account mails and the final notice."
    )

    def add_arguments(self, parser):
        parser.add_argument("state", choices=["on", "off"])
        parser.add_argument(
            "--since",
            type=datetime.date.fromisoformat,
            help="Date of the archive (YYYY-MM-DD); default: today.",
        )
        parser.add_argument("--text", help="German text for the banner.")
        parser.add_argument("--successor-name", help="Who answers questions now.")
        parser.add_argument("--successor-url", help="https://… or mailto:…")

    def handle(self, *args, state, since, text, successor_name, successor_url, **kw):
        try:
            archive = archive_switch(
                active=state == "on",
                since=since,
                banner=text,
                successor_name=successor_name,
                successor_url=successor_url,
            )
        except ValidationError as error:
            raise CommandError(
                "; ".join(
                    f"{field}: {' '.join(messages)}"
                    for field, messages in error.message_dict.items()
                )
            ) from error
        if archive.active:
            self.stdout.write(f"Archive mode is on (since {archive.since:%d.%m.%Y}).")
        else:
            self.stdout.write("Archive mode is off.")
