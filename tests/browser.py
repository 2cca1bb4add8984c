"""Helpers for browser tests: Chromium driven by Playwright against the live server.

The fixtures live in tests/conftest.py (`browser_page`, `open_browser_page`); this
module holds what a test does with a page: axe-core checks, requests to other hosts,
CSP violations, signing in.
"""

import os
import shutil
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests import factories

DEBIAN_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
# WCAG 2.1 level A and AA, as BITV 2.0 requires.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 800}
NARROW = {"width": 320, "height": 640}

_axe = Axe()

# Runs in every page before its own code: keeps the CSP violations the browser reports.
_CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"}` +
    ` (${event.sourceFile || "?"}:${event.lineNumber})`
  );
});
"""


def chromium_executable() -> str | None:
    """Debian's Chromium where installed; None means Playwright's own build."""
    if os.path.exists(DEBIAN_CHROMIUM):
        return DEBIAN_CHROMIUM
    return shutil.which("chromium")


def new_page(
    browser, base_url: str, *, viewport: dict = DESKTOP, locale: str = "de-DE"
):
    """A page in a fresh context (no cookies, no storage) that records what it loads.

    `page.requested_urls` lists every URL the page asked for, `page.failed_resources`
    the images, stylesheets and scripts that did not load, `page.console_errors` the
    console's error messages.
    """
    context = browser.new_context(base_url=base_url, viewport=viewport, locale=locale)
    context.set_default_timeout(10_000)
    context.add_init_script(_CSP_LISTENER)
    page = context.new_page()
    page.requested_urls = []
    page.failed_resources = []
    page.console_errors = []

    def on_response(response):
        if response.status >= 400 and not response.request.is_navigation_request():
            page.failed_resources.append(f"{response.status} {response.url}")

    context.on("request", lambda request: page.requested_urls.append(request.url))
    context.on(
        "requestfailed",
        lambda request: page.failed_resources.append(
            f"{request.failure} {request.url}"
        ),
    )
    context.on("response", on_response)
    page.on(
        "console",
        lambda message: (
            page.console_errors.append(message.text)
            if message.type == "error"
            else None
        ),
    )
    return page


def other_hosts(page, live_server) -> list[str]:
    """URLs the page requested from any host but the live server's."""
    own = urlsplit(live_server.url).netloc
    return [
        url
        for url in page.requested_urls
        if urlsplit(url).scheme not in {"data", "blob"} and urlsplit(url).netloc != own
    ]


def csp_violations(page) -> list[str]:
    """What the Content Security Policy blocked on the current page."""
    reported = page.evaluate("window.__cspViolations || []")
    logged = [text for text in page.console_errors if "Content Security Policy" in text]
    return reported + [text for text in logged if text not in reported]


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the current page."""
    options = {
        "runOnly": {"type": "tag", "values": AXE_TAGS},
        "resultTypes": ["violations"],
    }
    return _axe.run(page, options=options).response["violations"]


def format_axe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']} "
            f"<{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}")
    return "\n".join(lines)


def assert_no_axe_violations(page) -> None:
    violations = axe_violations(page)
    assert not violations, (
        f"axe-core found {len(violations)} WCAG violation(s) on {page.url}:\n"
        + format_axe_violations(violations)
    )


def skip_link_problem(page) -> str | None:
    """Presses Tab once on a fresh page: it must focus a visible link to <main>.

    Returns what is wrong, or None.
    """
    page.keyboard.press("Tab")
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          if (!el || el === document.body) return "the first Tab focused nothing";
          const href = el.getAttribute("href") || "";
          const label = `<${el.tagName.toLowerCase()} href="${href}">`;
          if (el.tagName !== "A" || !href.startsWith("#"))
            return `the first Tab focused ${label}, not a skip link`;
          const target = document.getElementById(href.slice(1));
          if (!target || !(target.tagName === "MAIN" || target.querySelector("main")))
            return `the skip link ${label} does not lead to the main content`;
          const box = el.getBoundingClientRect();
          if (box.width < 1 || box.height < 1 || box.bottom < 0 || box.right < 0)
            return `the focused skip link ${label} is not visible`;
          return null;
        }"""
    )


def horizontal_overflow(page, width: int = NARROW["width"]) -> int | None:
    """Narrows the viewport; returns the page's scroll width if it scrolls sideways."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.set_viewport_size({"width": width, "height": NARROW["height"]})
    scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
    return scroll_width if scroll_width > width else None


def sign_in(page, live_server, user, *, totp_secret: str | None = None) -> None:
    """Signs in through the real allauth form, with the TOTP step when given a secret."""
    page.goto(live_server.url + reverse("account_login"))
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=login]").fill(user.email)
    form.locator("input[name=password]").fill(factories.PASSWORD)
    with page.expect_navigation():
        form.locator("[type=submit]").first.click()
    if totp_secret is not None:
        assert urlsplit(page.url).path == reverse("mfa_authenticate"), page.url
        code_form = page.locator("form:has(input[name=code])")
        code_form.locator("input[name=code]").fill(factories.totp_code(totp_secret))
        with page.expect_navigation():
            code_form.locator("[type=submit]").first.click()
    assert urlsplit(page.url).path not in {
        reverse("account_login"),
        reverse("mfa_authenticate"),
    }, f"signing in {user.email} failed, still on {page.url}"


def sign_in_with_client(page, live_server, user) -> None:
    """Signs in through allauth's forms with Django's test client, then hands the
    browser the session cookie: a real sign-in without a page load.

    The password is confirmed once more, as allauth asks before sensitive pages
    (setting up two-factor authentication), so those pages open directly.
    For users without a second factor; `sign_in` does the TOTP step.
    """
    client = Client()
    password = factories.PASSWORD
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": password}
    )
    assert response.status_code == 302, f"signing in {user.email} failed"
    assert urlsplit(response.url).path != reverse("mfa_authenticate"), (
        f"{user.email} has a second factor: use sign_in(..., totp_secret=...)"
    )
    response = client.post(reverse("account_reauthenticate"), {"password": password})
    assert response.status_code == 302, f"confirming {user.email}'s password failed"
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
    )


def sign_in_through_the_server(page, live_server, user) -> None:
    """Signs in through allauth's forms with the browser context's own HTTP requests
    (no page load), confirming the password once more as `sign_in_with_client` does.

    The live server writes the session, not the test: for tests whose own database
    connection only reads (tests/test_page_types.py). Users without a second factor.
    """
    request = page.context.request

    def post(name: str, form: dict):
        url = live_server.url + reverse(name)
        request.get(url)  # the form, and with it the CSRF cookie
        token = next(
            cookie["value"]
            for cookie in page.context.cookies()
            if cookie["name"] == settings.CSRF_COOKIE_NAME
        )
        response = request.post(
            url, form={**form, "csrfmiddlewaretoken": token}, max_redirects=0
        )
        return response.status, response.headers.get("location", "")

    status, location = post(
        "account_login", {"login": user.email, "password": factories.PASSWORD}
    )
    assert status == 302, f"signing in {user.email} failed ({status})"
    assert urlsplit(location).path != reverse("mfa_authenticate"), (
        f"{user.email} has a second factor: use sign_in(..., totp_secret=...)"
    )
    status, _ = post("account_reauthenticate", {"password": factories.PASSWORD})
    assert status == 302, f"confirming {user.email}'s password failed ({status})"
