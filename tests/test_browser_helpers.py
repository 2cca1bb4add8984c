"""The browser gates can fail: each helper catches what it is there to catch."""

import pytest

from tests.browser import (
    assert_no_axe_violations,
    axe_violations,
    csp_violations,
    horizontal_overflow,
    other_hosts,
    skip_link_problem,
)

BAD_PAGE = """<!DOCTYPE html><html><head><title>x</title></head><body>
<a href="/irgendwo">Weiter</a>
<main><img src="/static/img/logo.svg"><div class="breit"></div>
<img src="http://fremder-host.invalid/spion.png" alt="Spion"></main>
<style>.breit { width: 1000px; height: 10px; }</style>
</body></html>"""


def test_the_browser_checks_catch_a_bad_page(browser_page, live_server):
    page = browser_page
    # Requests to other hosts are recorded, then dropped: nothing leaves the machine.
    page.route("http://fremder-host.invalid/**", lambda route: route.abort())
    page.goto(live_server.url + "/robots.txt")
    page.set_content(BAD_PAGE)

    rules = {violation["id"] for violation in axe_violations(page)}
    assert {"html-has-lang", "image-alt"} <= rules
    with pytest.raises(AssertionError, match=r"image-alt \(critical\).*\n.*at img"):
        assert_no_axe_violations(page)
    assert other_hosts(page, live_server) == ["http://fremder-host.invalid/spion.png"]
    assert "not a skip link" in skip_link_problem(page)
    assert horizontal_overflow(page) >= 1000


def test_csp_violations_are_reported(browser_page, live_server):
    page = browser_page
    page.goto(live_server.url + "/")
    assert csp_violations(page) == []
    # An inline event handler, as injected markup would carry: the policy blocks it.
    page.evaluate(
        "document.body.insertAdjacentHTML('beforeend',"
        ' \'<img src="/gibt-es-nicht.png" onerror="window.x = 1">\')'
    )
    page.wait_for_function("window.__cspViolations.length > 0")
    assert page.evaluate("window.x") is None
    assert any("script-src" in violation for violation in csp_violations(page))
