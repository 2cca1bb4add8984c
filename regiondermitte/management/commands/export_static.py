from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from pages.models import Archive
from regiondermitte.export import Exporter, check_copy

STEPS = {
    "crawl": "Pages rendered",
    "write": "Pages made static",
    "save": "Files written",
}


class Command(BaseCommand):
    help = (
        "Write the public portal as static files into DIR (archive mode must be on), "
        "or check such a copy with --check."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only check the copy in DIR: links, sources, forms, sitemap.",
        )

    def handle(self, *args, directory: Path, check: bool, **options):
        if check:
            return self.check_copy(directory)
        if Archive.objects.current() is None:
            raise CommandError(
                "Archive mode is off. Switch it on first (admin or "
                "`manage.py archive on`): the copy shows its banner and no forms."
            )
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=None,
            disable=not self.stdout.isatty(),
            transient=False,
        ) as progress:
            tasks = {}

            def report(step, done, total):
                if step not in tasks:
                    tasks[step] = progress.add_task(STEPS[step], total=total)
                progress.update(tasks[step], completed=done, total=total)

            result = Exporter(directory, progress=report).run()
        for failure in result.failures:
            self.stderr.write(f"Failed: {failure}")
        self.stdout.write(
            f"{result.pages} pages, {result.files} files, "
            f"{result.bytes / 1_000_000:.1f} MB in {result.seconds:.1f} s: "
            f"{result.written} written, {result.unchanged} unchanged, "
            f"{result.removed} removed."
        )
        if result.failures:
            raise CommandError(f"{len(result.failures)} pages failed.")

    def check_copy(self, directory: Path):
        problems = check_copy(directory)
        for problem in problems:
            self.stdout.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} problems in {directory}.")
        self.stdout.write(f"{directory}: 0 broken links, no forms, sitemap complete.")
