"""Load municipalities from a CSV file, such as the states' official lists.

Columns (a header row, separated by semicolons or commas, UTF-8):
ags;name;state;district;postcodes. A row whose AGS (or, without one, whose name and
state) is known updates that municipality; the responsible bodies stay as editors
entered them. A second run changes nothing.
"""

import csv
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from contacts.services import municipality_import_row

COLUMNS = ["ags", "name", "state", "district", "postcodes"]


class Command(BaseCommand):
    help = "Import municipalities (ags;name;state;district;postcodes) from a CSV file."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--source", default="", help="Where the list comes from (shown on pages)."
        )

    @transaction.atomic
    def handle(self, *args, path: Path, source: str, **options):
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=";,")
        rows = csv.DictReader(text.splitlines(), dialect=dialect)
        missing = set(COLUMNS) - set(rows.fieldnames or [])
        if missing:
            raise CommandError(f"Missing columns: {', '.join(sorted(missing))}")
        created = updated = 0
        for number, row in enumerate(rows, start=2):
            try:
                _municipality, was_created = municipality_import_row(
                    **{column: (row[column] or "").strip() for column in COLUMNS},
                    source=source,
                )
            except ValidationError as error:
                raise CommandError(
                    f"Line {number}: {'; '.join(error.messages)}"
                ) from error
            created += was_created
            updated += not was_created
        self.stdout.write(f"Municipalities: {created} new, {updated} updated.")
