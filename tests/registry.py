"""The page-type registry and the URL-permission matrix that the quality gates walk.

Every app lists its page types and URL rules in `tests/<app>/registry.py`:

    PAGE_TYPES = [PageType("news list", lambda: "/aktuelles/"), ...]
    URL_RULES = [UrlRule("news:article-detail", setup, {ANON: 200, ...}), ...]

`setup` functions run inside the test database and return what the entry needs (a URL
for a page type; URL kwargs for a rule), creating data through tests/factories.py.

A `setup` may take keyword arguments, which the gates then pass:
- `user`: the user the check runs as (None when signed out). For a UrlRule that is the
  role's user; for a PageType the verified user of the signed-in visit.
- `role` (UrlRule only): the role being checked (ANON … ADMIN), so a setup can give
  MEMBER what makes someone a member (a forum membership, say), which a plain USER
  lacks.

A UrlRule's setup runs once per role, each time in a fresh savepoint; a PageType's
setup runs once for both visits.

    def closed_forum(*, user, role):
        forum = factories.forum(closed=True)
        if role == MEMBER:
            factories.membership(forum=forum, user=user)
        return {"slug": forum.slug}

A UrlRule's `expected` names every role (`everyone(...)` helps); the matrix test
fails on a missing one, so the table stays complete. A page that only signed-in
people see is `PageType(..., signed_out=False)`; one that only signed-out people see
(the login form) is `signed_in=False`.

The gates: tests/test_page_types.py (browser: axe-core, other hosts, cookies, reflow,
skip link) and tests/test_permissions.py (roles × URLs, every URL pattern covered).
"""

import inspect
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
    "events",
    "search",
]


@dataclass
class PageType:
    """One kind of page, checked with axe, for third-party requests and cookies."""

    name: str
    setup: Callable[..., str]  # returns the page's URL
    signed_in: bool = True  # check it signed in (as a verified user)
    signed_out: bool = True  # check it signed out; False for signed-in-only pages
    # A page with a form sets the CSRF cookie (strictly necessary, § 25 Abs. 2 TDDDG);
    # reading pages must set none.
    sets_cookie: bool = False
    status: int = 200


@dataclass
class UrlRule:
    """Who may open a URL pattern: the status code each role gets for GET."""

    name: str  # the URL pattern's name, e.g. "news:article-detail"
    setup: Callable[..., dict]  # returns the pattern's kwargs
    expected: dict[str, int | tuple[int, ...]]  # role -> status code(s)
    method: str = "get"
    data: dict = field(default_factory=dict)


def everyone(status: int | tuple[int, ...], **roles) -> dict:
    """An `expected` table: `status` for every role but those given by keyword.

    everyone(200, anonymous=302) – signed-in people may, anonymous ones are sent to
    the login. Keyword names are the role values ("anonymous", "editor", …).
    """
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"Unknown roles: {sorted(unknown)}")
    return {role: roles.get(role, status) for role in ROLES}


def collect(attribute: str) -> list:
    entries = []
    for app in APPS:
        try:
            module = import_module(f"tests.{app}.registry")
        except ModuleNotFoundError as error:
            # An app without tests yet; an import error inside a registry still fails.
            if error.name not in {f"tests.{app}", f"tests.{app}.registry"}:
                raise
            continue
        entries.extend(getattr(module, attribute, []))
    return entries


def call_setup(setup: Callable, *, user=None, role: str | None = None):
    """Call an entry's setup with those of `user` and `role` that it accepts."""
    parameters = inspect.signature(setup).parameters
    offered = {"user": user, "role": role}
    return setup(
        **{name: value for name, value in offered.items() if name in parameters}
    )
