"""The Nu Html Checker (vnu), started once per test run as a local HTTP service.

One JVM checks every page: `HtmlChecker.start()` launches it in the background (it
needs a few seconds to load its schemas, which overlaps with seeding the database),
and `errors(html)` posts a page's HTML to it and returns vnu's errors. vnu.jar comes
from the npm package `vnu-jar` (pinned in package-lock.json, installed by `make test`
into node_modules/); Java from the system (`default-jre-headless`).
"""

import json
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

JAR_PATH = "node_modules/vnu-jar/build/dist/vnu.jar"
JAR = Path(__file__).resolve().parent.parent / JAR_PATH
JAVA_OPTIONS = [
    # Schema loading recurses deeply; the JIT's first tier is enough for a test run
    # and starts with a third of the CPU time.
    "-Xss4m",
    "-Xmx768m",
    "-XX:TieredStopAtLevel=1",
    "-XX:+UseSerialGC",
    "-Dnu.validator.servlet.bind-address=127.0.0.1",
]
STARTUP_SECONDS = 180


class HtmlCheckerMissing(RuntimeError):
    pass


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class HtmlChecker:
    def __init__(self, process: subprocess.Popen, port: int, log):
        self.process = process
        self.log = log
        self.url = f"http://127.0.0.1:{port}/"
        self.ready = False

    @classmethod
    def start(cls) -> "HtmlChecker":
        java = shutil.which("java")
        if java is None:
            raise HtmlCheckerMissing(
                "no Java for the HTML checker (apt-get install default-jre-headless)"
            )
        if not JAR.exists():
            raise HtmlCheckerMissing(f"no {JAR_PATH} (npm ci --ignore-scripts)")
        port = _free_port()
        command = [java, *JAVA_OPTIONS, "-cp", str(JAR)]
        command += ["nu.validator.servlet.Main", str(port)]
        # vnu logs to stderr as it goes: into a file, which never fills up as a pipe
        # would (and then stops the JVM).
        log = tempfile.TemporaryFile()  # noqa: SIM115 (closed by stop())
        process = subprocess.Popen(  # noqa: S603 (our own command line)
            command, stdout=log, stderr=subprocess.STDOUT
        )
        return cls(process, port, log)

    def wait_until_ready(self) -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not self.ready:
            if self.process.poll() is not None:
                self.log.seek(0)
                output = self.log.read().decode(errors="replace")
                raise HtmlCheckerMissing(f"vnu ended at start:\n{output[-2000:]}")
            try:
                with urllib.request.urlopen(self.url, timeout=5):  # noqa: S310
                    self.ready = True
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    raise HtmlCheckerMissing(
                        f"vnu did not answer within {STARTUP_SECONDS} s"
                    ) from None
                time.sleep(0.25)

    def messages(self, html: bytes) -> list[dict]:
        """All of vnu's messages about a document (errors, warnings, information)."""
        self.wait_until_ready()
        request = urllib.request.Request(  # noqa: S310 (our own local service)
            self.url + "?out=json",
            data=html,
            headers={"Content-Type": "text/html; charset=utf-8"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            return json.load(response)["messages"]

    def errors(self, html: bytes) -> list[str]:
        """vnu's errors about a document, one line each; an empty list means valid."""
        return [
            f"line {message.get('lastLine', '?')}: {message['message']}"
            f" ({message.get('extract', '').strip()!r})"
            for message in self.messages(html)
            if message["type"] in {"error", "non-document-error"}
        ]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()
