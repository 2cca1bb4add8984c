"""The project's own routes and the Django admin in the quality gates."""

from tests import factories
from tests.registry import (
    ADMIN,
    ANON,
    EDITOR,
    MEMBER,
    MODERATOR,
    UNVERIFIED,
    USER,
    PageType,
    UrlRule,
    everyone,
)


def home() -> str:
    factories.home_content()
    return "/"


def home_kwargs() -> dict:
    factories.home_content()
    return {}


def no_kwargs() -> dict:
    return {}


PAGE_TYPES = [
    PageType("home", home),
    # A slug no page has; the pages' catch-all path answers with the German 404 page.
    PageType("404 page", lambda: "/diese-seite-gibt-es-nicht/", status=404),
]

# Staff without a second factor are covered in tests/test_security.py; the factories'
# editor and admin have TOTP.
NOT_STAFF = (ANON, UNVERIFIED, USER, MEMBER, MODERATOR)

URL_RULES = [
    UrlRule("home", home_kwargs, everyone(200)),
    UrlRule("health", no_kwargs, everyone(200)),
    UrlRule("robots-txt", no_kwargs, everyone(200)),
    UrlRule("favicon", no_kwargs, everyone(200)),
    UrlRule("sitemap", no_kwargs, everyone(200)),
    # The admin: staff with a second factor only; everyone else is sent to sign in.
    UrlRule("admin:index", no_kwargs, everyone(302, editor=200, admin=200)),
    # The admin's login is allauth's: anonymous people are sent there, signed-in
    # people who are not staff are refused, staff go on to the admin.
    UrlRule(
        "admin:login",
        no_kwargs,
        {
            ANON: 302,
            **dict.fromkeys(NOT_STAFF[1:], 403),
            EDITOR: 302,
            ADMIN: 302,
        },
    ),
    UrlRule(
        "admin:pages_page_changelist",
        no_kwargs,
        everyone(302, editor=200, admin=200),
    ),
    # Editors keep content, not accounts.
    UrlRule(
        "admin:accounts_user_changelist",
        no_kwargs,
        everyone(302, editor=403, admin=200),
    ),
]
