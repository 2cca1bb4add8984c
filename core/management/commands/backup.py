"""`manage.py backup DIR`: the database and every uploaded file, with a manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Backs up the database and the media files into DIR (README, 'Backup')."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="a new or empty folder")

    def handle(self, *args, directory, **options):
        try:
            summary = backup(directory)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Backed up {summary.rows} rows in {summary.tables} tables and "
            f"{summary.files} files ({summary.bytes:,} bytes) into {directory}."
        )
