"""The benchmark's load generators (bench/load.py): wrk's report is read right, and
locust, run for real against a tiny server on loopback, counts answers and failures,
sends the headers, and gives every request its own address when asked."""

import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench import load

# wrk 4.1 with --latency against a loopback server; the failures are made up.
WRK_REPORT = """\
Running 1s test @ http://127.0.0.1:8191/x
  1 threads and 2 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.20ms    1.98ms  16.06ms   87.39%
    Req/Sec     5.01k     3.72k   11.74k    63.64%
  Latency Distribution
     50%  203.00us
     75%    1.44ms
     90%    3.78ms
     99%    1.05s
  5512 requests in 1.11s, 608.37KB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 7
Requests/sec:   4978.31
Transfer/sec:    549.46KB
"""


def test_wrk_report_is_read_with_its_units_and_failures():
    result = load.parse_wrk(WRK_REPORT)
    assert result == load.Result(
        rps=4978.31, p50_ms=0.203, p99_ms=1050.0, requests=5512, failures=12
    )


def test_wrk_script_appends_the_prefix_and_a_counter():
    script = load.wrk_script("&nr=abc-")
    assert 'wrk.format(nil, wrk.path .. "&nr=abc-" .. n)' in script
    assert "n = n + 1" in script


@pytest.fixture
def server():
    """Answers 200 "ok", and 500 to every fourth request; remembers what it saw."""
    seen, failed = [], []
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # else each answer waits for a delayed ACK

        def do_GET(self):  # noqa: N802 (the name http.server calls)
            with lock:
                seen.append((self.path, self.headers.get("Cookie")))
                status = 500 if len(seen) % 4 == 0 else 200
                if status == 500:
                    failed.append(self.path)
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    class Server(ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            pass  # the load generator hangs up at the end of its run

    httpd = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}", seen, failed
    httpd.shutdown()
    httpd.server_close()


def _assert_counted(result, seen, failed, connections):
    # A request still under way when the run ends is seen but not counted.
    assert len(seen) - connections <= result.requests <= len(seen)
    assert len(failed) - connections <= result.failures <= len(failed)
    assert result.requests > 20
    assert result.rps > 0
    # Locust reports whole milliseconds: a tiny local server may answer in "0 ms".
    assert 0 <= result.p50_ms <= result.p99_ms


WRK = pytest.param(
    load.run_wrk,
    id="wrk",
    marks=pytest.mark.skipif(not shutil.which("wrk"), reason="wrk not installed"),
)
# locust takes seconds to start: it runs once, with everything it must get right.
LOCUST = pytest.param(load.run_locust, id="locust")


@pytest.mark.parametrize("generator", [WRK])
def test_the_same_address_again_and_again(server, generator):
    base, seen, failed = server
    result = generator(
        f"{base}/suche/?q=Region",
        duration=1,
        connections=2,
        headers={"Cookie": "sessionid=leser"},
    )
    _assert_counted(result, seen, failed, connections=2)
    assert set(seen) == {("/suche/?q=Region", "sessionid=leser")}


@pytest.mark.parametrize("generator", [WRK, LOCUST])
def test_distinct_gives_every_request_its_own_address(server, generator):
    base, seen, failed = server
    prefix = load.distinct_prefix("/suche/?q=Region")
    result = generator(
        f"{base}/suche/?q=Region",
        duration=1,
        connections=2,
        headers={"Cookie": "sessionid=leser"},
        distinct=prefix,
    )
    _assert_counted(result, seen, failed, connections=2)
    paths = [path for path, _cookie in seen]
    assert len(set(paths)) == len(paths)
    assert all(path.startswith(f"/suche/?q=Region{prefix}") for path in paths)
    assert {cookie for _path, cookie in seen} == {"sessionid=leser"}
    assert load.distinct_prefix("/").startswith("?nr=")


def test_only_loopback_addresses_are_loaded():
    with pytest.raises(ValueError, match="loopback"):
        load.run("http://example.org/", duration=1, connections=1, headers={})


def test_locust_report_is_read_from_its_histogram():
    report = """[{"name": "/x", "method": "GET", "num_requests": 100,
        "num_failures": 3, "start_time": 1000.0, "last_request_timestamp": 1002.0,
        "response_times": {"1": 50, "2": 40, "30": 9, "1100": 1}}]"""
    assert load.parse_locust(report) == load.Result(
        rps=50.0, p50_ms=1.0, p99_ms=30.0, requests=100, failures=3
    )


def test_the_mix_loads_every_page_by_weight_and_counts_per_page(server):
    base, seen, failed = server
    pages = [
        {"name": "home", "path": "/", "weight": 3, "distinct": False},
        {"name": "search", "path": "/suche/?q=Region", "weight": 1, "distinct": True},
    ]
    results = load.run_mix(base, pages, duration=1, connections=2)
    assert set(results) == {"home", "search"}
    searches = [path for path, _cookie in seen if path.startswith("/suche/")]
    homes = [path for path, _cookie in seen if path == "/"]
    assert len(searches) + len(homes) == len(seen)
    # Each search is new; home, three times as likely, is asked more often.
    assert len(set(searches)) == len(searches) > 0
    assert len(homes) > len(searches)
    counted = sum(result.requests for result in results.values())
    assert len(seen) - 2 <= counted <= len(seen)
    assert 0 < sum(result.failures for result in results.values()) <= len(failed)
