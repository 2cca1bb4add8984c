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

A UrlRule's setup that takes `user` or `role` runs once per role, each time in a
fresh savepoint; one that takes neither runs once for all roles (each role's request
is undone). A PageType's setup runs once for all its visits.

The page-type gate seeds one database with the setups of all page types, one after
the other, and then only reads (every visit signs in a user of its own): setups must
not collide. A helper that several page types of an app call, and that makes fixed
slugs, is decorated with `@once`: while the page types are seeded it makes its data
the first time and returns the same objects afterwards; everywhere else (the
permission matrix, a test) it runs on every call. A page whose visit changes what
other pages show is `PageType(..., isolated=True)` and is visited in a database of
its own.

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

import functools
import inspect
from collections.abc import Callable
from contextlib import contextmanager
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
    "newsletter",
    "toolbox",
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
    # Visited in a database of its own: for a page whose visit changes what other
    # pages show (the others share one seeded database).
    isolated: bool = False


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


# The results of `@once` helpers while the page types are seeded; None elsewhere.
_shared: dict | None = None


def once(helper: Callable) -> Callable:
    """Data that several page types share: made once while they are seeded together.

    Outside `shared_data()` (the permission matrix, tests) the helper runs on every
    call, as if undecorated.
    """

    @functools.wraps(helper)
    def wrapper(*args, **kwargs):
        if _shared is None:
            return helper(*args, **kwargs)
        key = (helper, args, tuple(sorted(kwargs.items())))
        if key not in _shared:
            _shared[key] = helper(*args, **kwargs)
        return _shared[key]

    return wrapper


@contextmanager
def shared_data():
    """While active, `@once` helpers make their data once and then return it."""
    global _shared
    _shared = {}
    try:
        yield
    finally:
        _shared = None


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
