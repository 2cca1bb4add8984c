"""The benchmarks: `make bench` (every page type under load, one table), `make
bench-search` (the search page's SQL and view at the target size) and `make
bench-documents` (ingesting a long PDF, rendering the handout).

An app of its own that only `regiondermitte.settings.bench` installs, with its own
URLconf (the project's URLs and the bare baseline view): production never routes it.
Benchmarks report figures and never fail on a time; see the README's "Benchmark".
"""
