"""The benchmark's load generators (regiondermitte/benchmark/load.py) against a tiny
server on loopback: they count answers, and `distinct` makes every address new."""

import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from regiondermitte.benchmark import load


@pytest.fixture
def server():
    seen = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):  # noqa: N802 (the name http.server calls)
            seen.append(self.path)
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}", seen
    httpd.shutdown()
    httpd.server_close()


GENERATORS = [
    pytest.param(load.run_python, id="python"),
    pytest.param(
        load.run_wrk,
        id="wrk",
        marks=pytest.mark.skipif(not shutil.which("wrk"), reason="wrk not installed"),
    ),
]


@pytest.mark.parametrize("generator", GENERATORS)
def test_the_same_address_again_and_again(server, generator):
    base, seen = server
    result = generator(f"{base}/suche/?q=Region", duration=1, connections=2, headers={})
    assert result.requests > 10
    assert result.failures == 0
    assert set(seen) == {"/suche/?q=Region"}


@pytest.mark.parametrize("generator", GENERATORS)
def test_distinct_gives_every_request_its_own_address(server, generator):
    base, seen = server
    prefix = load.distinct_prefix("/suche/?q=Region")
    result = generator(
        f"{base}/suche/?q=Region",
        duration=1,
        connections=2,
        headers={},
        distinct=prefix,
    )
    assert result.requests > 10
    assert len(set(seen)) == len(seen) >= result.requests
    assert all(path.startswith(f"/suche/?q=Region{prefix}") for path in seen)
    assert load.distinct_prefix("/").startswith("?nr=")


def test_only_loopback_addresses_are_loaded():
    with pytest.raises(ValueError, match="loopback"):
        load.run("http://example.org/", duration=1, connections=1, headers={})
