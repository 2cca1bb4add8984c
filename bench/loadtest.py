"""`make loadtest`: the portal under a mixed load, as issue 13 asks: 100 connections
for 30 seconds across the home page, a long topic, searches (one asked often, one
nobody asked before) and the login form, while people sign in through the login
form and reply to the topic once a second through the reply form. Prints, per page,
the requests, those that failed (not 2xx/3xx, or no answer) and the 50th and 99th
percentile latency; the goal is no failure at all.

The same database, server and writer as `make bench` (bench/run.py); locust makes
the mix, since it reports figures per address.
"""

from . import load
from .plan import COMMON_WORD, TWO_WORDS
from .run import Bench, _replies
from .writer import Writer


def mix(plan: dict) -> list[dict]:
    pages = {page["name"]: page["path"] for page in plan["pages"]}
    search = pages[f"search “{COMMON_WORD}”"].split("?")[0]
    return [
        _page("home", pages["home"], 3),
        _page("topic of 100 posts", pages["topic of 100 posts, first page"], 3),
        _page(f"search “{COMMON_WORD}”", pages[f"search “{COMMON_WORD}”"], 1),
        _page(
            f"search “{TWO_WORDS}”, new each time",
            f"{search}?q={TWO_WORDS.replace(' ', '+')}",
            1,
            distinct=True,
        ),
        _page("login form", pages["login form"], 1),
    ]


def _page(name: str, path: str, weight: int, *, distinct: bool = False) -> dict:
    return {"name": name, "path": path, "weight": weight, "distinct": distinct}


class LoadTest(Bench):
    def run(self) -> None:
        self.say(
            f"Load test: {self.options.connections} connections for "
            f"{self.options.duration:g} s, mixed pages, replies meanwhile (locust)."
        )
        plan = self.prepare()
        pages = mix(plan)
        server = self.start_server()
        writer = Writer(self.url(""), **plan["writer"])
        try:
            # Workers import and connect on their first requests: not measured.
            load.run_mix(self.url(""), pages, duration=3, connections=8)
            self.say("Signing the writers in through the login form …")
            writer.sign_in()
            writer.start()
            writer.posting.set()
            results = load.run_mix(
                self.url(""),
                pages,
                duration=self.options.duration,
                connections=self.options.connections,
            )
            writer.posting.clear()
            replies = writer.counts()
        finally:
            writer.stop()
            self.stop_server(server)
        self.report_mix(pages, results, replies)

    def report_mix(self, pages, results, replies) -> None:
        header = ("page", "requests", "failed", "req/s", "p50 ms", "p99 ms")
        rows = []
        for page in pages:
            result = results.get(page["name"], load.Result(0, 0, 0, 0, 0))
            rows.append(
                (
                    page["name"],
                    f"{result.requests:,}",
                    f"{result.failures:,}",
                    f"{result.rps:,.0f}",
                    f"{result.p50_ms:.0f}",
                    f"{result.p99_ms:.0f}",
                )
            )
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(6)]
        lines = [
            "  ".join(
                cell.ljust(width) if i == 0 else cell.rjust(width)
                for i, (cell, width) in enumerate(zip(row, widths, strict=True))
            ).rstrip()
            for row in [header, ["-" * w for w in widths], *rows]
        ]
        failed = sum(result.failures for result in results.values())
        made, refused, broken = replies
        lines += [
            "",
            f"Replies through the reply form meanwhile: {_replies(*replies)}.",
            "Goal: no failed request and no failed reply: "
            + ("met." if not failed and not broken and made else "missed."),
        ]
        text = "\n".join(["", *lines])
        self.out.write(text)
        (self.var_dir / "loadtest-latest.txt").write_text(text + "\n")
