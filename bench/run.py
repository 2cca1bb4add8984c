"""The benchmark from start to end; `manage.py bench` runs `Bench(...).run()`.

Steps: (1) drop and create the benchmark database, migrate, seed, analyse (with
--reuse: only remove the replies of the last run's writer); (2) count SQL queries per
page and sign the reader in (a child process); (3) start gunicorn as `make serve`
does, on a free loopback port (or --port); (4) load each page for a fixed time, the
"while posting" rows with the writer replying; (5) print the table and the workers'
memory, stop gunicorn.

Every child process gets the benchmark's environment: settings/bench.py (production's
settings with the baseline view) with one throwaway secret for all of them, the
benchmark database, and Redis when REDIS_URL is set or Redis answers on loopback.
"""

import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

from . import load
from .plan import BASELINE, WHILE_POSTING
from .writer import Writer

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/rdm_bench"
LOCAL_REDIS = ("127.0.0.1", 6379)
CACHE_PREFIX = "rdm-bench"
BASELINE_AGAIN = f"{BASELINE}, again at the end"
PAIRED = "baseline before "
# The issue's goals beside the rows' own (bench/plan.py); the benchmark never fails.
GOAL_TAIL = 10.0
GOAL_MEMORY_MB = 150.0


def redis_url() -> str | None:
    """REDIS_URL, else the Redis that answers on loopback, else None (the database
    cache): the benchmarks measure the cache that production is given."""
    if os.environ.get("REDIS_URL"):
        return os.environ["REDIS_URL"]
    try:
        with socket.create_connection(LOCAL_REDIS, timeout=0.5) as connection:
            connection.sendall(b"PING\r\n")
            if connection.recv(16).startswith(b"+PONG"):
                return f"redis://{LOCAL_REDIS[0]}:{LOCAL_REDIS[1]}/0"
    except OSError:
        pass
    return None


@dataclass
class Options:
    duration: float = 10.0
    warmup: float = 2.0
    connections: int = 8
    scale: float = 1.0
    reuse: bool = False
    only: str = ""
    port: int = 0  # 0: a free one


class Bench:
    def __init__(self, options: Options, stdout):
        self.options = options
        self.out = stdout
        self.base_dir = Path(settings.BASE_DIR)
        self.var_dir = self.base_dir / "var" / "bench"
        self.var_dir.mkdir(parents=True, exist_ok=True)
        self.database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
        self.redis_url = redis_url()
        self.port = options.port or _free_port()
        self.env = self._environment()

    # --- environment ------------------------------------------------------------

    def _environment(self) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "GUNICORN_")) and key != "REDIS_URL"
        }
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "regiondermitte.settings.bench",
                "DJANGO_SECRET_KEY": "bench-" + secrets.token_urlsafe(48),
                "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
                "DJANGO_SITE_URL": "http://127.0.0.1",
                "DJANGO_VAR_DIR": str(self.var_dir),
                "DJANGO_CACHE_PREFIX": CACHE_PREFIX,
                "DJANGO_LOG_LEVEL": "WARNING",
                "DATABASE_URL": self.database_url,
                "GUNICORN_BIND": f"127.0.0.1:{self.port}",
                "PYTHONUNBUFFERED": "1",
            }
        )
        # Settings that tune serving (workers, threads) pass through when given.
        for key in (
            "GUNICORN_WORKERS",
            "GUNICORN_THREADS",
            "DJANGO_CONN_MAX_AGE",
            "DJANGO_PAGE_CACHE_SECONDS",
        ):
            if os.environ.get(key):
                env[key] = os.environ[key]
        if self.redis_url:
            env["REDIS_URL"] = self.redis_url
        return env

    def manage(self, *args: str, capture: bool = False) -> str:
        result = subprocess.run(  # noqa: S603 (our own manage.py)
            [sys.executable, str(self.base_dir / "manage.py"), *args],
            env=self.env,
            cwd=self.base_dir,
            check=True,
            text=True,
            stdout=subprocess.PIPE if capture else None,
        )
        return result.stdout or ""

    # --- steps ------------------------------------------------------------------

    def ensure_wrk(self) -> None:
        """wrk is Debian's package; as root the benchmark installs it, else it uses
        locust, which takes more of the cores itself."""
        if shutil.which("wrk") or os.geteuid() != 0 or not shutil.which("apt-get"):
            return
        self.say("Installing wrk (apt-get install wrk) …")
        subprocess.run(  # noqa: S603
            ["apt-get", "install", "-y", "-q", "wrk"],  # noqa: S607
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
            timeout=300,
        )

    def run(self) -> None:
        self.ensure_wrk()
        self.say(
            f"Database {urlsplit(self.database_url).path.lstrip('/')}, cache "
            f"{'Redis' if self.redis_url else 'database'}, load generator "
            f"{load.generator()}; {self.options.duration:g} s "
            f"per page at {self.options.connections} connections."
        )
        plan = self.prepare()
        pages = plan["pages"]
        if self.options.only:
            wanted = [word.strip() for word in self.options.only.split(",")]
            pages = [
                page
                for page in pages
                if page["name"] == BASELINE or any(w in page["name"] for w in wanted)
            ]
        cookie = f"{plan['cookie']['name']}={plan['cookie']['value']}"
        server = self.start_server()
        self.server_pid = server.pid
        writer = Writer(self.url(""), **plan["writer"])
        try:
            results, replies = self.load_pages(pages, cookie, writer)
            memory = self.worker_memory(server.pid)
        finally:
            writer.stop()
            self.stop_server(server)
        self.report(pages, results, replies, memory)

    def prepare(self) -> dict:
        """The seeded database (or the last run's, with --reuse), the static files, an
        empty cache; returns the plan: pages with their query counts, the reader's
        cookie and the writer's addresses."""
        started = time.monotonic()
        if not self.options.reuse:
            self.create_database()
            self.say("Migrating …")
            self.manage("migrate", "--noinput", "-v0")
            if not self.redis_url:
                self.manage("createcachetable")
            self.say("Seeding …")
            self.manage("bench", "--step", "seed", "--scale", str(self.options.scale))
            self.say(f"Seeded in {time.monotonic() - started:.0f} s.")
        else:
            self.manage("bench", "--step", "reset")
        self.manage("collectstatic", "--noinput", "-v0")
        self.forget_cache()
        self.say("Counting queries per page …")
        return json.loads(self.manage("bench", "--step", "plan", capture=True))

    def create_database(self) -> None:
        import psycopg

        parts = urlsplit(self.database_url)
        name = parts.path.lstrip("/")
        if "bench" not in name:
            raise SystemExit(
                f"Refusing to drop the database {name!r}: the benchmark database's name "
                "must contain “bench” (set BENCH_DATABASE_URL)."
            )
        admin_url = parts._replace(path="/postgres").geturl()
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
        self.say(f"Created the database {name}.")

    def forget_cache(self) -> None:
        """Removes the benchmark's keys from Redis: sessions and pages of an earlier run."""
        if not self.redis_url:
            return  # the database cache is a table of the database just made
        import redis

        client = redis.Redis.from_url(self.redis_url)
        keys = list(client.scan_iter(match=f"{CACHE_PREFIX}:*", count=1000))
        for start in range(0, len(keys), 500):
            client.delete(*keys[start : start + 500])

    def start_server(self) -> subprocess.Popen:
        gunicorn = Path(sys.executable).with_name("gunicorn")
        log = open(self.var_dir / "gunicorn.log", "w")  # noqa: SIM115 (closed with the server)
        server = subprocess.Popen(  # noqa: S603
            [
                str(gunicorn),
                "regiondermitte.wsgi",
                "--config",
                str(self.base_dir / "regiondermitte" / "gunicorn.conf.py"),
            ],
            env=self.env,
            cwd=self.base_dir,
            stdout=subprocess.DEVNULL,  # the access log: one line per request
            stderr=log,
        )
        server.log = log
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise SystemExit(
                    f"gunicorn stopped; see {self.var_dir / 'gunicorn.log'}"
                )
            try:
                with urllib.request.urlopen(self.url("/healthz"), timeout=2) as answer:  # noqa: S310
                    if answer.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                time.sleep(0.3)
        else:
            self.stop_server(server)
            raise SystemExit("gunicorn did not answer within 60 s.")
        self.say(f"gunicorn is serving on 127.0.0.1:{self.port}.")
        return server

    def stop_server(self, server: subprocess.Popen) -> None:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        server.log.close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def warm_up(self, pages: list[dict], cookie: str) -> None:
        """Every worker imports, compiles templates and connects on its first requests;
        that belongs to no page's figures."""
        warmed = set()
        for page in pages:
            if (page["path"], page["signed_in"]) in warmed:
                continue  # a "while posting" row's page, warmed as its own row
            warmed.add((page["path"], page["signed_in"]))
            headers = {"Cookie": cookie} if page["signed_in"] else {}
            load.run(
                self.url(page["path"]),
                duration=1,
                connections=self.options.connections,
                headers=headers,
            )

    def load_pages(
        self, pages: list[dict], cookie: str, writer: Writer
    ) -> tuple[dict[str, load.Result], dict[str, tuple[int, int, int]]]:
        """Each page in turn; the baseline first and last, and also for a few seconds
        before each page, so that the table's reference (the median of all of them)
        is not thrown by other work that comes and goes on the machine. The writer
        replies during the warm-up and the measurement of "while posting" rows;
        returns the results and, for those rows, the writer's replies made, refused
        and failed while each was measured."""
        self.warm_up(pages, cookie)
        workers = len(_children(self.server_pid))
        self.say(f"Warmed up {workers} gunicorn workers; measuring …")
        baseline = next(page for page in pages if page["name"] == BASELINE)
        runs = [(page["name"], page) for page in pages] + [(BASELINE_AGAIN, baseline)]
        results, replies = {}, {}
        for name, page in runs:
            if page is not baseline:
                results[PAIRED + name] = load.run(
                    self.url(baseline["path"]),
                    duration=max(2.0, self.options.duration / 3),
                    connections=self.options.connections,
                    headers={},
                )
            if page["while_posting"] and not writer.is_alive():
                self.say("Signing the writers in through the login form …")
                writer.sign_in()
                writer.start()
            headers = {"Cookie": cookie} if page["signed_in"] else {}
            url = self.url(page["path"])
            options = {
                "connections": self.options.connections,
                "headers": headers,
                "distinct": page["distinct"],
            }
            if page["while_posting"]:
                writer.posting.set()
            load.run(url, duration=self.options.warmup, **options)
            before = writer.counts()
            results[name] = result = load.run(
                url, duration=self.options.duration, **options
            )
            writer.posting.clear()
            line = (
                f"  {name}: {result.rps:,.0f} req/s, p50 {result.p50_ms:.1f} ms, "
                f"p99 {result.p99_ms:.1f} ms"
                + (f", {result.failures} failed" if result.failures else "")
            )
            if page["while_posting"]:
                counts = tuple(
                    a - b for a, b in zip(writer.counts(), before, strict=True)
                )
                replies[name] = counts
                line += "; " + _replies(*counts)
            self.say(line)
        return results, replies

    def worker_memory(self, master: int) -> dict[int, float]:
        return {pid: _rss_mb(pid) for pid in _children(master)}

    # --- the table ----------------------------------------------------------------

    def report(self, pages, results, replies, memory) -> None:
        baselines = [
            result.rps
            for name, result in results.items()
            if name in (BASELINE, BASELINE_AGAIN) or name.startswith(PAIRED)
        ]
        base_rps = statistics.median(baselines) if baselines else 0.0
        pages = [*pages, {**pages[0], "name": BASELINE_AGAIN}]
        header = ("page", "req/s", "p50 ms", "p99 ms", "SQL/req", "% base", "goal")
        rows = []
        for page in pages:
            result = results[page["name"]]
            share = 100 * result.rps / base_rps if base_rps else 0.0
            rows.append(
                (
                    page["name"],
                    f"{result.rps:,.0f}",
                    f"{result.p50_ms:.1f}",
                    f"{result.p99_ms:.1f}",
                    _queries(page),
                    f"{share:.0f} %",
                    _goal(page, result, share, replies.get(page["name"])),
                )
            )
        widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(7)]

        def line(row):
            cells = [
                str(cell).ljust(width) if i == 0 else str(cell).rjust(width)
                for i, (cell, width) in enumerate(zip(row, widths, strict=True))
            ]
            return "  ".join(cells).rstrip()

        table = [line(header), line(["-" * w for w in widths]), *map(line, rows)]
        rss = ", ".join(f"{mb:.0f} MB" for mb in sorted(memory.values()))
        largest = max(memory.values(), default=0.0)
        summary = [
            "",
            f"gunicorn worker memory (RSS) after the run: {rss or 'unknown'}"
            + (
                f" – {'within' if largest < GOAL_MEMORY_MB else 'over'} the goal of "
                f"{GOAL_MEMORY_MB:.0f} MB"
                if memory
                else ""
            ),
            "SQL/req: queries with a warm cache (with a cold one in brackets). % base: "
            f"req/s against the median of {len(baselines)} baseline measurements "
            f"({base_rps:,.0f} req/s): first, last and before every page.",
            "goal: the row's share of the baseline's req/s (issue 12), and p99 ≤ "
            f"{GOAL_TAIL:.0f} × p50; the workers' memory under {GOAL_MEMORY_MB:.0f} MB.",
        ]
        if replies:
            summary.append(
                "While posting (one reply a second to the long topic, through the "
                "login and reply forms): "
                + "; ".join(
                    f"{name.removesuffix(WHILE_POSTING)} {_replies(*counts)}"
                    for name, counts in replies.items()
                )
                + "."
            )
        failed = [name for name, result in results.items() if result.failures]
        if failed:
            summary.append("Some requests failed (not 2xx/3xx): " + ", ".join(failed))
        wrong = [page["name"] for page in pages if page["status"] != 200]
        if wrong:
            summary.append("Not status 200 when counting queries: " + ", ".join(wrong))
        text = "\n".join(["", *table, *summary])
        self.out.write(text)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        (self.var_dir / f"result-{stamp}.txt").write_text(text + "\n")
        (self.var_dir / "result-latest.txt").write_text(text + "\n")

    def say(self, message: str) -> None:
        self.out.write(message)


def _queries(page: dict) -> str:
    if page["queries_cold"] == page["queries_warm"]:
        return str(page["queries_warm"])
    return f"{page['queries_warm']} ({page['queries_cold']})"


def _goal(page: dict, result: load.Result, share: float, replies=None) -> str:
    if page["goal"] is None:
        return ""
    misses = []
    if replies is not None and (replies[0] == 0 or replies[1] or replies[2]):
        misses.append("writer")  # the page was not measured while posting
    if share < page["goal"]:
        misses.append("speed")
    if result.p50_ms and result.p99_ms > GOAL_TAIL * result.p50_ms:
        misses.append("p99")
    if result.failures:
        misses.append("errors")
    verdict = "miss: " + ", ".join(misses) if misses else "ok"
    return f"≥ {page['goal']:.0f} %: {verdict}"


def _replies(made: int, refused: int, failed: int) -> str:
    text = f"{made} {'reply' if made == 1 else 'replies'}"
    if refused:
        text += f", {refused} refused (rate limit)"
    if failed:
        text += f", {failed} failed"
    return text


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _children(pid: int) -> list[int]:
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.append(int(entry.name))
    return children


def _rss_mb(pid: int) -> float:
    try:
        for row in Path(f"/proc/{pid}/status").read_text().splitlines():
            if row.startswith("VmRSS:"):
                return int(row.split()[1]) / 1024
    except OSError:
        pass
    return 0.0
