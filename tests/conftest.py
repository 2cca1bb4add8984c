import os
import warnings

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.utils import translation

from tests.browser import CHROMIUM_ARGS, DESKTOP, chromium_executable, new_page
from tests.html_checker import HtmlChecker, HtmlCheckerMissing

# Tests that use these fixtures get the `browser` marker: `pytest -m "not browser"`
# leaves them out.
BROWSER_FIXTURES = {"browser", "open_browser_page", "browser_page"}
TRANSACTIONAL_FIXTURES = {
    "transactional_db",
    "live_server",
    "django_db_reset_sequences",
}


def pytest_collection_modifyitems(items):
    for item in items:
        names = getattr(item, "fixturenames", None)
        if names is None:
            continue
        if BROWSER_FIXTURES & set(names):
            item.add_marker(pytest.mark.browser)
        marker = item.get_closest_marker("django_db")
        transactional = TRANSACTIONAL_FIXTURES & set(names) or (
            marker and marker.kwargs.get("transaction")
        )
        # A transactional test empties the database afterwards. Every one of them
        # restores the migrations' rows (groups, forums, content types) first, or
        # one that does not would leave the next one without them (and content
        # types recreated under new ids, which the restore then trips over).
        if transactional and "django_db_serialized_rollback" not in names:
            names.append("django_db_serialized_rollback")


@pytest.fixture(autouse=True)
def _german_after_each_test():
    # A request under /en/ leaves English active in the thread (Django's
    # LocaleMiddleware activates a language per request and never resets it): the
    # next test must not start in English.
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    # The page cache is on, as in production; the database of each test is rolled
    # back, so pages stored by an earlier test must not answer this one.
    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Uploaded files of a test go to a fresh folder, never into var/media.
    settings.MEDIA_ROOT = tmp_path / "media"


def _no_browser(reason: str):
    # In CI a missing browser is a broken setup, not a reason to skip the gates.
    if os.environ.get("CI"):
        pytest.fail(f"Browser tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(f"Browser tests skipped: {reason}")


@pytest.fixture(scope="session")
def browser():
    """Chromium driven by Playwright: Debian's build where installed, else Playwright's."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as error:
        _no_browser(f"Playwright is not installed ({error}).")
    with pytest.MonkeyPatch.context() as patch:
        # Playwright's sync API keeps an event loop running in the test thread, and
        # Django refuses ORM calls there unless told that this synchronous use is safe.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        # With a running loop, Django looks its connections up in per-context
        # storage and would open new ones, which lack the test database's state
        # (the serialized data that restores the migrations' rows after a flush).
        # The test thread keeps using the connections it has.
        before = {alias: connections[alias] for alias in connections}
        playwright = sync_playwright().start()
        for alias, connection in before.items():
            connections[alias] = connection
        try:
            try:
                chromium = playwright.chromium.launch(
                    executable_path=chromium_executable(), args=CHROMIUM_ARGS
                )
            except Error as error:
                _no_browser(
                    "no Chromium found (apt-get install chromium, or "
                    f"`playwright install chromium`): {error.message.splitlines()[0]}"
                )
            yield chromium
            chromium.close()
        finally:
            playwright.stop()


@pytest.fixture(scope="session")
def html_checker():
    """The Nu Html Checker (vnu) as a local service, one JVM for the whole run.

    Started in the background: the first check waits until it answers. Without Java
    or vnu.jar it is None locally (the browser checks still run; a warning says the
    HTML was not checked) and fails the run in CI.
    """
    try:
        checker = HtmlChecker.start()
    except HtmlCheckerMissing as error:
        if os.environ.get("CI"):
            pytest.fail(f"The HTML checker cannot run in CI: {error}", pytrace=False)
        warnings.warn(f"HTML not checked with vnu: {error}", stacklevel=1)
        yield None
        return
    yield checker
    checker.stop()


@pytest.fixture
def open_browser_page(browser, live_server, django_db_serialized_rollback):
    """Opens pages against the live server, each in a fresh browser context.

    The database is transactional (the live server runs in another thread) and starts
    each test with what the migrations made (groups, permissions), so every browser
    test sees the same data however the tests are ordered. Call it once per visitor:
    `page = open_browser_page()`; `page.requested_urls` lists what the page loaded.
    """
    # The cache lives outside the flushed tables; a test starts without stale entries
    # (rate-limit counters, the cached operator of a flushed database).
    cache.clear()
    contexts = []

    def open_page(*, viewport: dict = DESKTOP):
        page = new_page(browser, live_server.url, viewport=viewport)
        contexts.append(page.context)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def browser_page(open_browser_page):
    """A fresh page in its own browser context (no cookies from other tests)."""
    return open_browser_page()
