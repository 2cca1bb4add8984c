"""The locust user that `bench.load.run_locust` starts, one per connection: it asks
for one address (or a new one each time, with BENCH_LOAD_DISTINCT) as fast as the
server answers, on one keep-alive connection, and counts answers that are not
2xx/3xx as failures. Configured through the environment by run_locust."""

import itertools
import json
import os

import gevent
from locust import FastHttpUser, constant, events, task

PATH = os.environ["BENCH_LOAD_PATH"]
HEADERS = json.loads(os.environ.get("BENCH_LOAD_HEADERS") or "{}")
DISTINCT = os.environ.get("BENCH_LOAD_DISTINCT", "")
# Shared by all users of the process: every address of a run is new.
numbers = itertools.count(1)


class Reader(FastHttpUser):
    wait_time = constant(0)

    @task
    def page(self):
        path = f"{PATH}{DISTINCT}{next(numbers)}" if DISTINCT else PATH
        with self.client.get(
            path,
            name=PATH,
            headers=HEADERS,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if 200 <= response.status_code < 400:
                response.success()
            else:
                response.failure(f"status {response.status_code}")


@events.init.add_listener
def _clock_now(**_kwargs):
    """gevent's loop keeps the time of its last turn, and it has not turned since
    locust started importing (seconds on a busy machine): the run-time limit would be
    counted from then and end the run that much too early."""
    gevent.get_hub().loop.update_now()
