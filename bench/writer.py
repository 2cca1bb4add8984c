"""The writer of the "while posting" rows: people who reply to the long topic, one
reply a second, through the real forms while the readers' load runs.

Each of them signs in through the login form (its CSRF token, its password check),
opens the reply form and sends it; the server answers with a redirect to the new
post, which they follow, as a browser does. They take turns, so each stays within
the forum's limit of replies per person and minute. The writer runs in a thread of
the benchmark's own process, apart from the load generator, and is switched on
only while a "while posting" row is loaded.
"""

import http.client
import re
import threading
import time
from http.cookies import CookieError, SimpleCookie
from urllib.parse import urlencode, urlsplit

from . import text

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
INTERVAL = 1.0  # seconds between two replies


class Browser:
    """One person's cookies and requests. The production settings mark cookies
    Secure, which http.cookiejar rightly withholds from plain http; the benchmark
    talks to loopback only, so it keeps them itself, as a browser on localhost does.
    A new connection per request: a person takes their time between two."""

    def __init__(self, base_url: str):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, form: dict | None = None
    ) -> tuple[int, str, str]:
        """Status, Location header and body of one request."""
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            connection.request(method, path, body, headers)
            response = connection.getresponse()
            content = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            self._keep(header)
        return response.status, response.headers.get("Location", ""), content

    def _keep(self, header: str) -> None:
        cookie = SimpleCookie()
        try:
            cookie.load(header)
        except CookieError:
            return
        for name, morsel in cookie.items():
            if morsel["max-age"] == "0":  # how Django deletes a cookie
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = morsel.value

    def csrf_token(self, path: str) -> str:
        status, _location, content = self.request("GET", path)
        match = CSRF_FIELD.search(content)
        if status != 200 or not match:
            raise RuntimeError(f"GET {path}: status {status}, no form with a token")
        return match.group(1)


class Writer(threading.Thread):
    """Replies to one topic once a second while `posting` is set, until `stop()`."""

    def __init__(
        self,
        base_url: str,
        *,
        login: str,
        reply: str,
        accounts: list[str],
        password: str,
    ):
        super().__init__(name="bench-writer", daemon=True)
        self.base_url, self.login, self.reply = base_url, login, reply
        self.accounts, self.password = accounts, password
        self.people: list[tuple[Browser, str]] = []
        self.posting = threading.Event()
        self.stopping = threading.Event()
        self.text = text.Writer(7)
        self.made = self.refused = self.failed = 0

    def sign_in(self) -> None:
        """Every account through the login form, then the reply form's token."""
        for email in self.accounts:
            browser = Browser(self.base_url)
            token = browser.csrf_token(self.login)
            status, _location, _content = browser.request(
                "POST",
                self.login,
                {
                    "csrfmiddlewaretoken": token,
                    "login": email,
                    "password": self.password,
                },
            )
            if status != 302:
                raise RuntimeError(f"{email} could not sign in (status {status})")
            # Signing in renews the CSRF secret: the reply form has the new one.
            self.people.append((browser, browser.csrf_token(self.reply)))

    def counts(self) -> tuple[int, int, int]:
        return self.made, self.refused, self.failed

    def stop(self) -> None:
        self.stopping.set()
        self.posting.clear()
        if self.is_alive():
            self.join(30)

    def run(self) -> None:
        turn = 0
        due = time.monotonic()
        while not self.stopping.is_set():
            if not self.posting.wait(0.1):
                due = time.monotonic()  # after a pause, the first reply at once
                continue
            wait = due - time.monotonic()
            if wait > 0:
                self.stopping.wait(wait)
                continue
            browser, token = self.people[turn % len(self.people)]
            turn += 1
            self.post(browser, token)
            # One a second; a reply that took longer is not made up for in a burst.
            due = max(due + INTERVAL, time.monotonic())

    def post(self, browser: Browser, token: str) -> None:
        form = {"csrfmiddlewaretoken": token, "body": self.text.markdown((1, 2))}
        try:
            status, location, _content = browser.request("POST", self.reply, form)
            if status == 302:
                # The new post, as the browser shows it (and its message is read).
                browser.request("GET", location.split("#")[0])
        except (OSError, http.client.HTTPException):
            status = 0
        if status == 302:
            self.made += 1
        elif status == 429:
            self.refused += 1
        else:
            self.failed += 1
