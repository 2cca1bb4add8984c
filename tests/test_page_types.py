"""Every page type of every app, in Chromium, signed out and signed in.

Each visit is one page load, checked for: the status, axe-core (WCAG 2.1 A/AA) at 0
violations, the Nu Html Checker (vnu) at 0 errors on the HTML the server sent, no
request to any host but the portal's, no CSP violation, every resource loaded, no
cookie for signed-out reading, the first Tab reaching the skip link, and no
horizontal scrolling at 320 px. The page types come from tests/<app>/registry.py.

One database for all: the setups of all page types run once, one after the other,
into one database that a live server of its own serves. The visits only read: each
signed-in visit signs in a user of its own through the server (which writes the
session), so no visit resets the database. After the last one it is emptied and the
migrations' rows restored. A page type marked `isolated` is visited in a database of
its own, as the other browser tests are.

A visit is a page type × signed out or in × language: LANGUAGES lists the languages
the portal is checked in (each one more adds a visit per page type and state).
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from pytest_django.live_server_helper import LiveServer

from tests import factories
from tests.browser import (
    axe_violations,
    csp_violations,
    format_axe_violations,
    horizontal_overflow,
    new_page,
    other_hosts,
    sign_in_through_the_server,
    skip_link_problem,
)
from tests.registry import PageType, call_setup, collect, shared_data

# Language code → the browser's locale (its Accept-Language). German pages are at
# the setups' plain addresses, English ones at the same under /en/.
LANGUAGES = {"de": "de-DE", "en": "en-GB"}


def in_language(url: str, language: str) -> str:
    return url if language == "de" else f"/{language}{url}"


@dataclass(frozen=True)
class Visit:
    page_type: PageType
    signed_in: bool
    language: str

    @property
    def id(self) -> str:
        parts = [self.page_type.name, "signed in" if self.signed_in else "signed out"]
        if len(LANGUAGES) > 1:
            parts.append(self.language)
        return " · ".join(parts)


def visits(page_types: list[PageType]) -> list[Visit]:
    return [
        Visit(page_type, signed_in, language)
        for page_type in page_types
        for language in LANGUAGES
        for signed_in in (False, True)
        if (page_type.signed_in if signed_in else page_type.signed_out)
    ]


PAGE_TYPES = collect("PAGE_TYPES")
SHARED = visits([page_type for page_type in PAGE_TYPES if not page_type.isolated])
ISOLATED = visits([page_type for page_type in PAGE_TYPES if page_type.isolated])


def check_visit(page, server, url: str, visit: Visit, html_checker) -> list[str]:
    """Loads the page once and returns what is wrong with it."""
    page_type = visit.page_type
    problems = []
    response = page.goto(url)
    if response is None or response.status != page_type.status:
        status = response.status if response else "no response"
        problems.append(f"status {status}, expected {page_type.status}")
    if urlsplit(page.url).path != urlsplit(url).path:
        problems.append(f"redirected to {page.url}")
    if html_checker and response and (errors := html_checker.errors(response.body())):
        problems.append("vnu (HTML):\n" + "\n".join(f"    {e}" for e in errors))
    violations = axe_violations(page)
    if violations:
        problems.append("axe-core:\n" + format_axe_violations(violations))
    if foreign := other_hosts(page, server):
        problems.append(f"requests to other hosts: {foreign}")
    if page.failed_resources:
        problems.append(f"resources that did not load: {page.failed_resources}")
    if blocked := csp_violations(page):
        problems.append(f"CSP violations: {blocked}")
    cookies = [cookie["name"] for cookie in page.context.cookies()]
    if cookies and not visit.signed_in and not page_type.sets_cookie:
        problems.append(f"cookies set for a signed-out reader: {cookies}")
    if problem := skip_link_problem(page):
        problems.append(problem)
    if scroll_width := horizontal_overflow(page):
        problems.append(f"scrolls sideways at 320 px: {scroll_width} px wide")
    return problems


def run_visit(browser, server, url: str, user, visit: Visit, html_checker):
    page = new_page(browser, server.url, locale=LANGUAGES[visit.language])
    try:
        if visit.signed_in:
            sign_in_through_the_server(page, server, user)
        problems = check_visit(page, server, url, visit, html_checker)
    finally:
        page.context.close()
    if problems:
        pytest.fail(f"{visit.id} ({url}):\n" + "\n".join(problems), pytrace=False)


# --- one seeded database for all page types ------------------------------------


@dataclass
class SeededPage:
    url: str
    user: object  # the user signed-in visits sign in as; None if there are none


@dataclass
class SeededSite:
    server: LiveServer
    pages: dict[str, SeededPage]


def restore_migrated_rows() -> None:
    """Empties the database and puts back what the migrations made (groups, forums'
    spaces, content types), as a transactional test with serialized rollback does."""
    contents = getattr(connection, "_test_serialized_contents", None)
    if contents is None:
        # No transactional test was collected, so none ran: nothing was emptied.
        connection._test_serialized_contents = (
            connection.creation.serialize_db_to_string()
        )
        return
    # Sequences go on counting: the restored rows keep their ids.
    call_command(
        "flush",
        interactive=False,
        reset_sequences=False,
        inhibit_post_migrate=True,
        verbosity=0,
    )
    connection.creation.deserialize_db_from_string(contents)


def seed(page_types: list[PageType]) -> dict[str, SeededPage]:
    pages = {}
    with shared_data():
        for page_type in page_types:
            user = factories.user() if page_type.signed_in else None
            try:
                with transaction.atomic():
                    url = call_setup(page_type.setup, user=user)
            except Exception as error:
                raise AssertionError(
                    f"The setup of the page type {page_type.name!r} failed beside the "
                    "data of the page types seeded before it (all share one "
                    "database): decorate helpers that several page types call with "
                    "@once (tests/registry.py), or mark the page type isolated=True."
                ) from error
            pages[page_type.name] = SeededPage(url, user)
    return pages


@pytest.fixture(scope="class")
def seeded_site(
    html_checker, django_db_setup, django_db_blocker, browser, tmp_path_factory
):
    """The page types' data in one database, served by a live server of its own."""
    media = tmp_path_factory.mktemp("seeded-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        restore_migrated_rows()
        try:
            cache.clear()
            pages = seed([visit.page_type for visit in SHARED])
            server = LiveServer("localhost")
            server._live_server_modified_settings.enable()
            try:
                yield SeededSite(server, pages)
            finally:
                server._live_server_modified_settings.disable()
                server.stop()
        finally:
            restore_migrated_rows()
            cache.clear()


@pytest.fixture(autouse=True)
def _media_root(request, settings, tmp_path):
    # The seeded site keeps its uploads in one folder for all its visits; other
    # tests here get a fresh one each, as everywhere (tests/conftest.py).
    if "seeded_site" not in request.fixturenames:
        settings.MEDIA_ROOT = tmp_path / "media"


# The marker has pytest-django make the test database; each visit's own transaction
# stays empty, as the test only reads (the live server writes sessions).
@pytest.mark.django_db
class TestEveryPageType:
    @pytest.mark.parametrize("visit", SHARED, ids=[visit.id for visit in SHARED])
    def test_meets_the_quality_bar(self, visit, seeded_site, browser, html_checker):
        seeded = seeded_site.pages[visit.page_type.name]
        # Sign-in rate limits and cached pages of earlier visits do not carry over.
        cache.clear()
        url = in_language(seeded.url, visit.language)
        run_visit(browser, seeded_site.server, url, seeded.user, visit, html_checker)


if ISOLATED:

    @pytest.mark.parametrize("visit", ISOLATED, ids=[visit.id for visit in ISOLATED])
    def test_isolated_page_type_meets_the_quality_bar(
        visit, browser, live_server, django_db_serialized_rollback, html_checker
    ):
        cache.clear()
        user = factories.user() if visit.page_type.signed_in else None
        url = in_language(call_setup(visit.page_type.setup, user=user), visit.language)
        run_visit(browser, live_server, url, user, visit, html_checker)


def test_page_type_names_are_unique():
    names = [page_type.name for page_type in PAGE_TYPES]
    assert len(names) == len(set(names)), sorted(names)


def test_every_page_type_is_visited_signed_out_or_in():
    unvisited = [p.name for p in PAGE_TYPES if not (p.signed_in or p.signed_out)]
    assert not unvisited, f"checked in neither state: {unvisited}"
