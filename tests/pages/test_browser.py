"""The header in Chromium: a CSS-only menu on narrow screens, a bar on wide ones."""

from tests import factories
from tests.browser import DESKTOP, NARROW


def open_without_javascript(browser, live_server, viewport):
    context = browser.new_context(
        base_url=live_server.url,
        viewport=viewport,
        locale="de-DE",
        java_script_enabled=False,
    )
    return context, context.new_page()


def test_narrow_menu_opens_without_javascript_and_fits_320_px(browser, live_server):
    factories.home_content()
    context, page = open_without_javascript(browser, live_server, NARROW)
    try:
        page.goto("/")
        navigation = page.get_by_role("navigation", name="Hauptnavigation")
        assert not navigation.is_visible()

        page.get_by_text("Menü", exact=True).click()

        assert navigation.get_by_role("link", name="Dokumente").is_visible()
        assert page.get_by_role("link", name="Anmelden").is_visible()
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 320
    finally:
        context.close()


def test_wide_header_shows_the_navigation_and_hides_the_toggle(browser, live_server):
    factories.home_content()
    context, page = open_without_javascript(browser, live_server, DESKTOP)
    try:
        page.goto("/projekt/")

        assert not page.get_by_text("Menü", exact=True).is_visible()
        navigation = page.get_by_role("navigation", name="Hauptnavigation")
        for name in ("Aktuelles", "Dokumente", "Foren", "Ansprechpersonen"):
            assert navigation.get_by_role("link", name=name).is_visible()
        assert page.get_by_role("search").is_visible()
        # The parts of the (closed) disclosure are reachable by keyboard: skip link,
        # Leichte Sprache, Gebärdensprache, English, brand, the search box and its
        # button, "Anmelden" beside them, then the navigation below.
        for _ in range(6):
            page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.name") == "q"
        for _ in range(2):
            page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == (
            "Anmelden"
        )
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == (
            "Aktuelles"
        )
    finally:
        context.close()


def _focus_order_problems(page) -> list[str]:
    """Tabs on through the header; each stop must come after the one before in
    reading order (WCAG 2.4.3): further right on the same row, or on a lower one."""
    stops = []
    for _ in range(40):
        page.keyboard.press("Tab")
        stop = page.evaluate(
            """() => {
              const el = document.activeElement;
              if (!el || !el.closest("header")) return null;
              const box = el.getBoundingClientRect();
              return [el.textContent.trim() || el.name, box.top, box.bottom, box.left];
            }"""
        )
        if stop is None and stops:
            break
        if stop is not None:
            stops.append(stop)
    assert len(stops) > 8, stops
    problems = []
    for (name, top, bottom, left), (after, after_top, after_bottom, after_left) in zip(
        stops, stops[1:], strict=False
    ):
        same_row = after_top < bottom and top < after_bottom
        if (after_bottom <= top) or (same_row and after_left < left):
            problems.append(f"{after!r} comes after {name!r} but stands before it")
    return problems


def test_focus_follows_the_header_as_it_is_read(browser, live_server):
    factories.home_content()
    context, page = open_without_javascript(browser, live_server, DESKTOP)
    try:
        page.goto("/foren/")
        assert _focus_order_problems(page) == []

        page.set_viewport_size(NARROW)
        page.goto("/foren/")
        page.get_by_text("Menü", exact=True).click()  # focus stays on the toggle
        assert _focus_order_problems(page) == []
    finally:
        context.close()


def test_one_step_to_leichte_sprache_and_gebaerdensprache_and_back_and_forth_in_english(
    browser, live_server
):
    factories.home_content()
    factories.page("leichte-sprache", title="Leichte Sprache", body="Satz 1.\nSatz 2.")
    context, page = open_without_javascript(browser, live_server, NARROW)
    try:
        page.goto("/")
        page.get_by_role("link", name="Leichte Sprache").first.click()
        assert page.url.endswith("/leichte-sprache/")
        page.get_by_role("link", name="Gebärdensprache").first.click()
        assert page.url.endswith("/gebaerdensprache/")

        page.goto("/projekt/")
        page.get_by_role("link", name="English").click()
        assert page.url.endswith("/en/projekt/")
        assert page.get_attribute("html", "lang") == "en"
        page.get_by_role("link", name="Deutsch").click()
        assert page.url.endswith("/projekt/") and "/en/" not in page.url
        assert context.cookies() == []
    finally:
        context.close()
