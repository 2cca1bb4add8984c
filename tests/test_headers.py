"""Security headers and the Content Security Policy on every kind of response, the
production settings' HSTS, and the admin working under the CSP in a browser."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.templatetags.static import static
from django.test import Client
from django.urls import reverse

from pages.models import Page
from tests import factories
from tests.browser import csp_violations, sign_in

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
ONE_YEAR = 365 * 24 * 60 * 60


def parse_csp(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        if name:
            directives[name.lower()] = values
    return directives


def hardening_problems(response) -> list[str]:
    problems = [
        f"{name}: {response.get(name)!r}, expected {value!r}"
        for name, value in HEADERS.items()
        if response.get(name) != value
    ]
    header = response.get("Content-Security-Policy")
    if not header:
        return [*problems, "no Content-Security-Policy"]
    csp = parse_csp(header)
    for directive in ("default-src", "object-src", "base-uri", "frame-ancestors"):
        if csp.get(directive) != ["'none'"]:
            problems.append(f"CSP {directive}: {csp.get(directive)}, expected 'none'")
    scripts = csp.get("script-src", [])
    if "'self'" not in scripts:
        problems.append(f"CSP script-src: {scripts}, expected 'self'")
    for directive, values in csp.items():
        unsafe = [
            v for v in values if v in {"'unsafe-inline'", "'unsafe-eval'", "*"}
        ] + [v for v in values if directive == "script-src" and v.endswith(":")]
        if unsafe:
            problems.append(f"CSP {directive} allows {unsafe}")
    return problems


def signed_in_client() -> Client:
    client = Client()
    client.force_login(factories.user())
    return client


def static_file(settings_fixture):
    # Served by WhiteNoise as in production (found in static/, no collectstatic).
    settings_fixture.WHITENOISE_USE_FINDERS = True
    settings_fixture.WHITENOISE_AUTOREFRESH = True
    return Client().get(static("img/logo.svg"))


# Each kind of response the portal gives, with the status it has.
RESPONSES = {
    "page": (200, lambda s: Client().get("/")),
    "404": (404, lambda s: Client().get("/diese-seite-gibt-es-nicht/")),
    "redirect": (302, lambda s: Client().get(reverse("accounts:profile"))),
    "405": (405, lambda s: Client().post(reverse("home"))),
    "form": (200, lambda s: Client().get(reverse("account_login"))),
    "health json": (200, lambda s: Client().get(reverse("health"))),
    "robots.txt": (200, lambda s: Client().get(reverse("robots-txt"))),
    "sitemap xml": (200, lambda s: Client().get(reverse("sitemap"))),
    "download": (
        200,
        lambda s: signed_in_client().post(reverse("accounts:data-export")),
    ),
    "static file": (200, static_file),
}


@pytest.mark.parametrize("kind", RESPONSES)
def test_every_kind_of_response_carries_the_security_headers(db, settings, kind):
    status, fetch = RESPONSES[kind]
    response = fetch(settings)
    assert response.status_code == status
    problems = hardening_problems(response)
    assert not problems, f"{kind}: " + "; ".join(problems)


def test_downloads_are_attachments_that_are_never_sniffed(db):
    response = signed_in_client().post(reverse("accounts:data-export"))
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def prod_settings(*names: str) -> dict:
    """Values of regiondermitte.settings.prod, read in a fresh interpreter."""
    code = (
        "import json, regiondermitte.settings.prod as prod; "
        f"print(json.dumps({{n: getattr(prod, n) for n in {list(names)!r}}}))"
    )
    env = {
        **os.environ,
        "DJANGO_SECRET_KEY": "only-for-reading-the-production-settings-" + "x" * 20,
        "DJANGO_ALLOWED_HOSTS": "www.regiondermitte.de",
        "DJANGO_SITE_URL": "https://www.regiondermitte.de",
    }
    result = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_production_sends_hsts_for_a_year_with_subdomains(client, db, settings):
    prod = prod_settings(
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_SSL_REDIRECT",
        "SECURE_PROXY_SSL_HEADER",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "DEBUG",
    )
    assert prod["SECURE_HSTS_SECONDS"] >= ONE_YEAR
    assert prod["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert prod["DEBUG"] is False
    assert prod["SESSION_COOKIE_SECURE"] and prod["CSRF_COOKIE_SECURE"]
    prod["SECURE_PROXY_SSL_HEADER"] = tuple(prod["SECURE_PROXY_SSL_HEADER"])
    for name, value in prod.items():
        setattr(settings, name, value)

    # Behind nginx, which tells Django the request came over HTTPS.
    response = client.get("/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    hsts = response["Strict-Transport-Security"]
    directives = [part.strip() for part in hsts.split(";")]
    max_age = next(int(d.split("=")[1]) for d in directives if d.startswith("max-age"))
    assert max_age >= ONE_YEAR
    assert "includeSubDomains" in directives
    assert not hardening_problems(response)
    # Plain HTTP is sent to HTTPS.
    response = client.get("/")
    assert response.status_code == 301
    assert response.url.startswith("https://")


# --- the admin under the CSP, in a browser ------------------------------------


def test_the_admin_works_under_the_csp(browser_page, live_server):
    page = browser_page
    admin = factories.admin(totp=False)
    secret = factories.enable_totp(admin)
    factories.home_content()
    sign_in(page, live_server, admin, totp_secret=secret)

    visited = {}
    for name in ("admin:index", "admin:pages_page_changelist", "admin:pages_page_add"):
        response = page.goto(live_server.url + reverse(name))
        visited[name] = (response.status, csp_violations(page))
        assert page.locator("#site-name").count() == 1, f"{name}: not the admin"
    # The changelist's JavaScript (actions, select all) runs under the policy.
    page.goto(live_server.url + reverse("admin:pages_page_changelist"))
    page.locator("#action-toggle").check()
    count = Page.objects.count()
    counter = page.locator(".action-counter").inner_text()
    assert counter.startswith(f"{count} von {count}"), counter
    visited["actions"] = (200, csp_violations(page))

    assert {name: status for name, (status, _) in visited.items()} == dict.fromkeys(
        visited, 200
    )
    blocked = {name: v for name, (_, v) in visited.items() if v}
    assert not blocked, f"CSP violations in the admin: {blocked}"
