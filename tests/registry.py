"""The page-type registry and the URL-permission matrix that the quality gates walk.

Every app lists its page types and URL rules in `tests/<app>/registry.py`:

    PAGE_TYPES = [PageType("news list", lambda: "/aktuelles/"), ...]
    URL_RULES = [UrlRule("news:article-detail", setup, {ANON: 200, ...}), ...]

`setup` functions run inside the test database and return what the entry needs (a URL
for a page type; URL kwargs for a rule), creating data through tests/factories.py.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module

# Roles the permission matrix walks, from least to most trusted.
ANON = "anonymous"
UNVERIFIED = "unverified"
USER = "user"
MEMBER = "member"
MODERATOR = "moderator"
EDITOR = "editor"
ADMIN = "admin"
ROLES = [ANON, UNVERIFIED, USER, MEMBER, MODERATOR, EDITOR, ADMIN]

APPS = [
    "regiondermitte",
    "accounts",
    "pages",
    "news",
    "documents",
    "forums",
    "contacts",
]


@dataclass
class PageType:
    """One kind of page, checked with axe, for third-party requests and cookies."""

    name: str
    setup: Callable[[], str]  # returns the page's URL
    signed_in: bool = True  # also check it signed in
    # A page with a form sets the CSRF cookie (strictly necessary, § 25 Abs. 2 TDDDG);
    # reading pages must set none.
    sets_cookie: bool = False
    status: int = 200


@dataclass
class UrlRule:
    """Who may open a URL pattern: the status code each role gets for GET."""

    name: str  # the URL pattern's name, e.g. "news:article-detail"
    setup: Callable[[], dict]  # returns the pattern's kwargs
    expected: dict[str, int | tuple[int, ...]]  # role -> status code(s)
    method: str = "get"
    data: dict = field(default_factory=dict)


def collect(attribute: str) -> list:
    entries = []
    for app in APPS:
        try:
            module = import_module(f"tests.{app}.registry")
        except ModuleNotFoundError as error:
            if error.name != f"tests.{app}.registry":
                raise
            continue
        entries.extend(getattr(module, attribute, []))
    return entries
