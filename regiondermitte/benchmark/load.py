"""Load generators for the benchmark: wrk when installed, else a small Python one.

Both keep connections alive, send requests to a loopback address only, stop by
themselves after the given duration, and report requests per second, the 50th and
99th percentile latency in milliseconds, and how many answers were not 2xx.

`distinct=True` gives every request an address of its own (a parameter `nr` that the
views ignore), so that no cache can answer it: the cost of a page rendered anew.
"""

import http.client
import re
import shutil
import subprocess
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


@dataclass
class Result:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    failures: int  # non-2xx answers and socket errors


def _check_loopback(url: str) -> None:
    host = urlsplit(url).hostname
    if host not in LOOPBACK_HOSTS and not (host or "").startswith("127."):
        raise ValueError(f"The benchmark only loads loopback addresses, not {host}.")


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def run(
    url: str,
    *,
    duration: float,
    connections: int,
    headers: dict[str, str],
    distinct: bool = False,
) -> Result:
    _check_loopback(url)
    # A new prefix per run: no address repeats one of an earlier run.
    options = {
        "duration": duration,
        "connections": connections,
        "headers": headers,
        "distinct": distinct_prefix(url) if distinct else None,
    }
    if wrk_available():
        return run_wrk(url, **options)
    return run_python(url, **options)


def distinct_prefix(path: str) -> str:
    """What goes before a counter to make an address new: `?nr=<run>-` or `&nr=…`."""
    return ("&" if "?" in path else "?") + f"nr={uuid.uuid4().hex[:12]}-"


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _millis(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * _UNITS[unit]


def run_wrk(
    url: str,
    *,
    duration: float,
    connections: int,
    headers: dict[str, str],
    distinct: str | None = None,
) -> Result:
    # One wrk thread is plenty for loopback and leaves the cores to the server.
    command = [
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{max(1, round(duration))}s",
        "--timeout",
        "10s",
        "--latency",
    ]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        if distinct:
            script.write(
                "local n = 0\n"
                "request = function()\n"
                "  n = n + 1\n"
                f'  return wrk.format(nil, wrk.path .. "{distinct}" .. n)\n'
                "end\n"
            )
            script.flush()
            command += ["-s", script.name]
        output = subprocess.run(  # noqa: S603 (fixed program, loopback URL)
            [*command, url],
            capture_output=True,
            text=True,
            timeout=duration + 30,
            check=True,
        ).stdout
    percentiles = dict(
        re.findall(r"^\s+(\d+)%\s+([\d.]+[a-z]+)\s*$", output, re.MULTILINE)
    )
    total = int(re.search(r"(\d+) requests in", output).group(1))
    failures = 0
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        failures += int(match.group(1))
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        failures += sum(int(n) for n in match.groups())
    return Result(
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_ms=_millis(percentiles["50"]) if "50" in percentiles else 0.0,
        p99_ms=_millis(percentiles["99"]) if "99" in percentiles else 0.0,
        requests=total,
        failures=failures,
    )


def run_python(
    url: str,
    *,
    duration: float,
    connections: int,
    headers: dict[str, str],
    distinct: str | None = None,
) -> Result:
    """A keep-alive load generator in threads; slower than wrk, but always there."""
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    deadline = time.monotonic() + duration
    latencies: list[list[float]] = [[] for _ in range(connections)]
    failures = [0] * connections

    def worker(index: int) -> None:
        connection = None
        sent = 0
        while time.monotonic() < deadline:
            if connection is None:
                connection = http.client.HTTPConnection(
                    parts.hostname, parts.port, timeout=10
                )
            sent += 1
            address = f"{target}{distinct}{index}-{sent}" if distinct else target
            started = time.perf_counter()
            try:
                connection.request("GET", address, headers=headers)
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                failures[index] += 1
                connection.close()
                connection = None
                continue
            latencies[index].append((time.perf_counter() - started) * 1000)
            if not 200 <= response.status < 400:
                failures[index] += 1
            if response.will_close:
                connection.close()
                connection = None
        if connection is not None:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(duration + 15)
    elapsed = time.monotonic() - started
    samples = sorted(value for values in latencies for value in values)
    if not samples:
        return Result(0.0, 0.0, 0.0, 0, sum(failures))

    def percentile(share: float) -> float:
        return samples[min(len(samples) - 1, int(share * len(samples)))]

    return Result(
        rps=len(samples) / elapsed,
        p50_ms=percentile(0.50),
        p99_ms=percentile(0.99),
        requests=len(samples),
        failures=sum(failures),
    )
