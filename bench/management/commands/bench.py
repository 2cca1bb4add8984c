"""`make bench`: seeds a benchmark database, serves it with gunicorn, loads every page
type and prints one table (see the README's "Benchmark" section).

The `--step` option is how the benchmark runs its parts in child processes with the
benchmark's environment (settings/bench.py, the benchmark database); people call the
command without it.
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
        parser.add_argument(
            "--port", type=int, default=0, help="gunicorn's port (default: a free one)"
        )
        parser.add_argument(
            "--mix",
            action="store_true",
            help="the load test: all connections on a mix of pages at once",
        )
        parser.add_argument(
            "--step", choices=["seed", "reset", "plan"], help="internal"
        )

    def handle(self, *args, **options):
        step = options["step"]
        if step == "seed":
            from bench.seed import Size, seed

            seed(size=Size().scaled(options["scale"]), stdout=self.stdout)
        elif step == "reset":
            from bench.seed import forget_replies

            if removed := forget_replies():
                self.stdout.write(
                    f"Removed {removed} replies of the last run's writer."
                )
        elif step == "plan":
            from bench.plan import measure

            self.stdout.write(json.dumps(measure()))
        else:
            from bench.loadtest import LoadTest
            from bench.run import Bench, Options

            runner = LoadTest if options["mix"] else Bench
            runner(
                Options(
                    duration=options["duration"],
                    warmup=options["warmup"],
                    connections=options["connections"],
                    scale=options["scale"],
                    reuse=options["reuse"],
                    only=options["only"],
                    port=options["port"],
                ),
                self.stdout,
            ).run()
