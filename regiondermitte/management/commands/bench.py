"""`make bench`: seeds a benchmark database, serves it with gunicorn, loads every page
type and prints one table (see the README's "Benchmark" section).

The `--step` option is how the benchmark runs its parts in child processes with the
benchmark's environment (production settings, the benchmark database); people call
the command without it.
"""

import json

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Benchmarks every page type against a seeded PostgreSQL database."

    def add_arguments(self, parser):
        parser.add_argument(
            "--duration", type=float, default=10.0, help="seconds of load per page"
        )
        parser.add_argument(
            "--warmup", type=float, default=2.0, help="seconds of load before each"
        )
        parser.add_argument("--connections", type=int, default=8)
        parser.add_argument(
            "--scale", type=float, default=1.0, help="data size; 1 is the issue's size"
        )
        parser.add_argument(
            "--reuse",
            action="store_true",
            help="keep the database seeded by the last run",
        )
        parser.add_argument(
            "--only", default="", help="comma-separated parts of page names to load"
        )
        parser.add_argument("--step", choices=["seed", "plan"], help="internal")

    def handle(self, *args, **options):
        step = options["step"]
        if step == "seed":
            from regiondermitte.benchmark.seed import Size, seed

            seed(size=Size().scaled(options["scale"]), stdout=self.stdout)
        elif step == "plan":
            from regiondermitte.benchmark.plan import measure

            self.stdout.write(json.dumps(measure()))
        else:
            from regiondermitte.benchmark.run import Bench, Options

            Bench(
                Options(
                    duration=options["duration"],
                    warmup=options["warmup"],
                    connections=options["connections"],
                    scale=options["scale"],
                    reuse=options["reuse"],
                    only=options["only"],
                ),
                self.stdout,
            ).run()
