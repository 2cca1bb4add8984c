"""Load generators for the benchmark: wrk when installed (Debian's package), else
locust (headless, a dependency of the project's dev group).

Both keep connections alive, load a loopback address only, stop by themselves after
the given duration, and report requests per second, the 50th and 99th percentile
latency in milliseconds, and how many answers were not 2xx/3xx (or never came).
wrk is written in C and leaves the cores to the server; locust is Python and takes a
share of them, so its figures are lower: compare runs made with the same generator.

`distinct=True` gives every request an address of its own (a parameter `nr` that the
views ignore), so that no stored page can answer it: the cost of a page rendered anew.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
LOCUSTFILE = Path(__file__).with_name("locustfile.py")
MIX_LOCUSTFILE = Path(__file__).with_name("locust_mix.py")


@dataclass
class Result:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    failures: int  # answers not 2xx/3xx, and requests that got no answer


def _check_loopback(url: str) -> None:
    host = urlsplit(url).hostname
    if host not in LOOPBACK_HOSTS and not (host or "").startswith("127."):
        raise ValueError(f"The benchmark only loads loopback addresses, not {host}.")


def generator() -> str:
    """The load generator `run` uses: "wrk" when installed, else "locust"."""
    return "wrk" if shutil.which("wrk") else "locust"


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
    if generator() == "wrk":
        return run_wrk(url, **options)
    return run_locust(url, **options)


def distinct_prefix(path: str) -> str:
    """What goes before a counter to make an address new: `?nr=<run>-` or `&nr=…`."""
    return ("&" if "?" in path else "?") + f"nr={uuid.uuid4().hex[:12]}-"


def _seconds(duration: float) -> int:
    return max(1, round(duration))


# --- wrk ---------------------------------------------------------------------------


def wrk_script(distinct: str) -> str:
    """A wrk Lua script that appends the prefix and a counter to every request's path."""
    return (
        "local n = 0\n"
        "request = function()\n"
        "  n = n + 1\n"
        f'  return wrk.format(nil, wrk.path .. "{distinct}" .. n)\n'
        "end\n"
    )


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
        f"-d{_seconds(duration)}s",
        "--timeout",
        "10s",
        "--latency",
    ]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        if distinct:
            script.write(wrk_script(distinct))
            script.flush()
            command += ["-s", script.name]
        output = subprocess.run(  # noqa: S603 (fixed program, loopback URL)
            [*command, url],
            capture_output=True,
            text=True,
            timeout=duration + 30,
            check=True,
        ).stdout
    return parse_wrk(output)


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _millis(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * _UNITS[unit]


def parse_wrk(output: str) -> Result:
    """The figures of wrk's report (run with --latency)."""
    percentiles = dict(
        re.findall(r"^\s+(\d+)%\s+([\d.]+[a-z]+)\s*$", output, re.MULTILINE)
    )
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
        requests=int(re.search(r"(\d+) requests in", output).group(1)),
        failures=failures,
    )


# --- locust ------------------------------------------------------------------------


def run_locust(
    url: str,
    *,
    duration: float,
    connections: int,
    headers: dict[str, str],
    distinct: str | None = None,
) -> Result:
    """locust without its web interface: one user per connection, each sending its
    next request as soon as the last one is answered (bench/locustfile.py)."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    environment = {
        "BENCH_LOAD_PATH": path,
        "BENCH_LOAD_HEADERS": json.dumps(headers),
        "BENCH_LOAD_DISTINCT": distinct or "",
    }
    report = _locust(
        LOCUSTFILE,
        f"{parts.scheme}://{parts.netloc}",
        duration=duration,
        connections=connections,
        environment=environment,
    )
    return parse_locust(report)


def run_mix(
    base_url: str, pages: list[dict], *, duration: float, connections: int
) -> dict[str, Result]:
    """Many pages at once, as visitors mix them: each of `connections` users asks for
    one page after another, chosen by each page's `weight`. Figures per page name."""
    _check_loopback(base_url)
    report = _locust(
        MIX_LOCUSTFILE,
        base_url,
        duration=duration,
        connections=connections,
        environment={"BENCH_MIX": json.dumps(pages)},
    )
    return {
        entry["name"]: parse_locust(json.dumps([entry])) for entry in json.loads(report)
    }


def _locust(
    locustfile: Path,
    host: str,
    *,
    duration: float,
    connections: int,
    environment: dict[str, str],
) -> str:
    """Runs locust headless and returns its JSON report."""
    with tempfile.TemporaryDirectory(prefix="bench-locust-") as folder:
        stats = Path(folder) / "stats"
        finished = subprocess.run(  # noqa: S603 (our own locustfile, loopback URL)
            [
                sys.executable,
                "-m",
                "locust",
                "--locustfile",
                str(locustfile),
                "--headless",
                "--only-summary",
                "--users",
                str(connections),
                "--spawn-rate",
                str(connections),
                "--run-time",
                f"{_seconds(duration)}s",
                "--host",
                host,
                # Written when the run has ended (its CSV files are written now and
                # then, and may miss the last requests).
                "--json-file",
                str(stats),
                "--exit-code-on-error",
                "0",
                "--loglevel",
                "WARNING",
            ],
            # LOCUST_* variables of the shell would change the run.
            env={
                **{k: v for k, v in os.environ.items() if not k.startswith("LOCUST_")},
                **environment,
            },
            capture_output=True,
            text=True,
            timeout=duration + 60,
            check=False,
        )
        report = stats.with_suffix(".json")
        if finished.returncode or not report.exists():
            raise RuntimeError(f"locust failed:\n{finished.stderr[-2000:]}")
        return report.read_text()


def parse_locust(report: str) -> Result:
    """The figures of locust's JSON report (`--json-file`): one entry per address
    name, each with its count of requests and failures, its first and last request's
    time, and its latencies as a histogram of milliseconds (rounded by locust to 2
    significant digits)."""
    entries = json.loads(report)
    requests = sum(entry["num_requests"] for entry in entries)
    failures = sum(entry["num_failures"] for entry in entries)
    histogram = Counter()
    for entry in entries:
        histogram.update({float(ms): n for ms, n in entry["response_times"].items()})
    started = min((entry["start_time"] for entry in entries), default=0.0)
    ended = max(
        (entry["last_request_timestamp"] or 0.0 for entry in entries), default=0
    )
    samples = sum(histogram.values())

    def percentile(share: float) -> float:
        below = 0
        for ms in sorted(histogram):
            below += histogram[ms]
            if below >= share * samples:
                return ms
        return 0.0

    return Result(
        rps=requests / (ended - started) if ended > started else 0.0,
        p50_ms=percentile(0.50),
        p99_ms=percentile(0.99),
        requests=requests,
        failures=failures,
    )
