"""`manage.py restore DIR`: a backup into an empty database and media storage, checked."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restores a backup made by `manage.py backup` into an empty database and "
        "media storage, then compares every table's rows and every file's checksum."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="a folder made by `backup`")

    def handle(self, *args, directory, **options):
        try:
            summary = restore(directory)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Restored {summary.rows} rows in {summary.tables} tables and "
            f"{summary.files} files ({summary.bytes:,} bytes); every count and "
            "checksum matches the backup."
        )
