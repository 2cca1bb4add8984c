"""`make bench`: seeds a database at the size of a busy regional portal, serves it with
gunicorn as `make serve` does, loads every page type and prints one table.

A benchmark, not a test: it reports figures and never fails on a time. See the README
section "Benchmark" for how to read its table.
"""
