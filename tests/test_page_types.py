"""Every page type of every app, in Chromium, signed out and signed in.

Each visit is one page load, checked for: the status, axe-core (WCAG 2.1 A/AA) at 0
violations, no request to any host but the portal's, no CSP violation, every resource
loaded, no cookie for signed-out reading, the first Tab reaching the skip link, and no
horizontal scrolling at 320 px. The page types come from tests/<app>/registry.py.
"""

from urllib.parse import urlsplit

import pytest

from tests import factories
from tests.browser import (
    axe_violations,
    csp_violations,
    format_axe_violations,
    horizontal_overflow,
    other_hosts,
    sign_in_with_client,
    skip_link_problem,
)
from tests.registry import call_setup, collect

PAGE_TYPES = collect("PAGE_TYPES")


def visit(page, live_server, url: str, page_type, *, signed_in: bool) -> list[str]:
    """Loads the page once and returns what is wrong with it."""
    problems = []
    response = page.goto(url)
    if response is None or response.status != page_type.status:
        status = response.status if response else "no response"
        problems.append(f"status {status}, expected {page_type.status}")
    if urlsplit(page.url).path != urlsplit(url).path:
        problems.append(f"redirected to {page.url}")
    violations = axe_violations(page)
    if violations:
        problems.append("axe-core:\n" + format_axe_violations(violations))
    if foreign := other_hosts(page, live_server):
        problems.append(f"requests to other hosts: {foreign}")
    if page.failed_resources:
        problems.append(f"resources that did not load: {page.failed_resources}")
    if blocked := csp_violations(page):
        problems.append(f"CSP violations: {blocked}")
    cookies = [cookie["name"] for cookie in page.context.cookies()]
    if cookies and not signed_in and not page_type.sets_cookie:
        problems.append(f"cookies set for a signed-out reader: {cookies}")
    if problem := skip_link_problem(page):
        problems.append(problem)
    if scroll_width := horizontal_overflow(page):
        problems.append(f"scrolls sideways at 320 px: {scroll_width} px wide")
    state = "signed in" if signed_in else "signed out"
    return [f"{state}: {problem}" for problem in problems]


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=[p.name for p in PAGE_TYPES])
def test_page_type_meets_the_quality_bar(page_type, open_browser_page, live_server):
    assert page_type.signed_in or page_type.signed_out, "checked in neither state"
    user = factories.user() if page_type.signed_in else None
    url = call_setup(page_type.setup, user=user)
    problems = []
    if page_type.signed_out:
        page = open_browser_page()
        problems += visit(page, live_server, url, page_type, signed_in=False)
    if page_type.signed_in:
        page = open_browser_page()
        sign_in_with_client(page, live_server, user)
        problems += visit(page, live_server, url, page_type, signed_in=True)
    assert not problems, f"{page_type.name} ({url}):\n" + "\n".join(problems)


def test_page_type_names_are_unique():
    names = [page_type.name for page_type in PAGE_TYPES]
    assert len(names) == len(set(names)), sorted(names)
