from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmarks and their management commands; installed by settings/bench.py
    only."""

    name = "bench"
    verbose_name = "Benchmark"
