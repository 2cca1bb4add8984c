"""The locust user of `make loadtest` (bench/loadtest.py), one per connection: each
asks, as fast as the server answers, for one page of the mix after another, chosen
by weight. Pages marked distinct get an address nobody asked before (a search no
cache can answer). Answers that are not 2xx/3xx count as failures, per page.
Configured through the environment (BENCH_MIX, a JSON list of pages)."""

import itertools
import json
import os
import random

import gevent
from locust import FastHttpUser, constant, events, task

PAGES = json.loads(os.environ["BENCH_MIX"])
WEIGHTS = [page["weight"] for page in PAGES]
numbers = itertools.count(1)
# The same sequence of pages in every run of the same mix.
choose = random.Random(20261203).choices  # noqa: S311 (a load mix, not a secret)


class Visitor(FastHttpUser):
    wait_time = constant(0)

    @task
    def page(self):
        page = choose(PAGES, WEIGHTS)[0]
        path = page["path"]
        if page["distinct"]:
            path += ("&" if "?" in path else "?") + f"nr={next(numbers)}"
        with self.client.get(
            path, name=page["name"], allow_redirects=False, catch_response=True
        ) as response:
            if 200 <= response.status_code < 400:
                response.success()
            else:
                response.failure(f"status {response.status_code}")


@events.init.add_listener
def _clock_now(**_kwargs):
    """As in bench/locustfile.py: gevent's clock has not turned since the import."""
    gevent.get_hub().loop.update_now()
