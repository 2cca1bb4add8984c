"""The URL-permission matrix: every role against every URL rule of every app.

The written table is the URL_RULES of tests/<app>/registry.py; a second test makes
sure every URL pattern of the portal's own apps has a rule.

The matrix decides who may open what, so it spends no time on what is opened:
WeasyPrint's layout is replaced by a one-page PDF (the PDF's HTML is still rendered
from its template), and a setup that does not depend on the role runs once per rule,
each role's request then undone. The PDFs themselves are rendered for real in each
app's tests (news, documents, forums, contacts).
"""

import inspect

import pytest
import weasyprint
from django.core.cache import cache
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.views import static

from regiondermitte import views
from tests import factories
from tests.registry import (
    ADMIN,
    ANON,
    EDITOR,
    MEMBER,
    MODERATOR,
    ROLES,
    UNVERIFIED,
    USER,
    call_setup,
    collect,
)

URL_RULES = collect("URL_RULES")

# The portal's own apps; every named pattern in them needs a UrlRule.
OWN_NAMESPACES = {
    "accounts",
    "pages",
    "news",
    "documents",
    "forums",
    "contacts",
    "municipalities",
    "events",
    "toolbox",
}
ROOT_URLCONF_MODULE = "regiondermitte.urls"
# The media route of `make run` (uploads served by Django) is not a page of the portal.
MEDIA_VIEWS = {static.serve, views.media}


def make_user(role: str):
    """The user a role is checked as; None for anonymous visitors."""
    return {
        ANON: lambda: None,
        UNVERIFIED: lambda: factories.user(verified=False),
        USER: factories.user,
        # Apps make the member a member in their setup (it gets `role`).
        MEMBER: factories.user,
        MODERATOR: factories.moderator,
        EDITOR: factories.editor,
        ADMIN: factories.admin,
    }[role]()


def rule_id(rule) -> str:
    return f"{rule.name} {rule.method.upper()}"


def _ids(rules) -> list[str]:
    ids, seen = [], {}
    for rule in rules:
        base = rule_id(rule)
        seen[base] = seen.get(base, 0) + 1
        ids.append(base if seen[base] == 1 else f"{base} #{seen[base]}")
    return ids


def depends_on_the_role(setup) -> bool:
    """Whether a setup takes `user` or `role`, so each role needs its own data."""
    return bool({"user", "role"} & set(inspect.signature(setup).parameters))


def check(client, rule, role: str, kwargs: dict | None = None) -> str | None:
    """Runs one cell of the matrix; returns the mismatch, or None.

    `kwargs` are the URL's from a setup made once for all roles; without them the
    rule's setup runs for this role's user.
    """
    user = make_user(role)
    if kwargs is None:
        kwargs = call_setup(rule.setup, user=user, role=role)
    url = reverse(rule.name, kwargs=kwargs)
    client.logout()
    if user is not None:
        client.force_login(user)
    response = getattr(client, rule.method)(url, rule.data)
    expected = rule.expected[role]
    allowed = expected if isinstance(expected, tuple) else (expected,)
    if response.status_code in allowed:
        return None
    where = f" → {response['Location']}" if response.has_header("Location") else ""
    return f"{role}: {rule.method.upper()} {url} gave {response.status_code}{where}, expected {expected}"


# What WeasyPrint's layout returns while the matrix runs: a valid one-page PDF.
STAND_IN_PDF = factories.pdf_bytes(text="Berechtigungsmatrix")


@pytest.fixture
def pdf_layout_skipped(monkeypatch):
    monkeypatch.setattr(
        weasyprint.HTML, "write_pdf", lambda document, *args, **kw: STAND_IN_PDF
    )


@pytest.mark.parametrize("rule", URL_RULES, ids=_ids(URL_RULES))
def test_roles_get_what_the_matrix_says(rule, client, db, pdf_layout_skipped):
    missing = [role for role in ROLES if role not in rule.expected]
    assert not missing, f"{rule_id(rule)}: the table names no status for {missing}"
    # A setup that ignores the role makes the same data for every role: once.
    kwargs = None if depends_on_the_role(rule.setup) else call_setup(rule.setup)
    mismatches = []
    for role in ROLES:
        # Each role starts from the same data: what its user and request wrote is
        # undone afterwards, and the cache (rate-limit counters, cached pages and
        # PDFs, which a rollback does not undo) emptied.
        cache.clear()
        with transaction.atomic():
            mismatches.append(check(client, rule, role, kwargs))
            transaction.set_rollback(True)
    mismatches = [mismatch for mismatch in mismatches if mismatch]
    assert not mismatches, "\n".join(mismatches)


def walk(patterns, namespace: str | None = None, module: str = ROOT_URLCONF_MODULE):
    """Yields (full name or None, namespace, urlconf module, pattern) recursively."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace
            if inner:
                inner = f"{namespace}:{inner}" if namespace else inner
            else:
                inner = namespace
            # include("app.urls") holds the imported module; a list stays in `module`.
            urlconf = entry.urlconf_name
            inner_module = getattr(urlconf, "__name__", urlconf)
            if not isinstance(inner_module, str):
                inner_module = module
            yield from walk(entry.url_patterns, inner, inner_module)
        elif isinstance(entry, URLPattern):
            name = entry.name and (
                f"{namespace}:{entry.name}" if namespace else entry.name
            )
            yield name, namespace, module, entry


def own_patterns():
    """Patterns of our apps' namespaces and those written in the root URLconf."""
    for name, namespace, module, pattern in walk(get_resolver().url_patterns):
        top = namespace.split(":")[0] if namespace else None
        if top in OWN_NAMESPACES or (
            namespace is None and module == ROOT_URLCONF_MODULE
        ):
            yield name, pattern


def test_every_url_pattern_of_our_apps_has_a_rule():
    covered = {rule.name for rule in URL_RULES}
    unnamed, uncovered = [], []
    for name, pattern in own_patterns():
        if name is None:
            # The media route of `make run` is not a page of the portal.
            if pattern.callback not in MEDIA_VIEWS:
                unnamed.append(str(pattern.pattern))
        elif name not in covered:
            uncovered.append(name)
    assert not unnamed, (
        f"URL patterns without a name cannot be in the matrix: {unnamed}"
    )
    assert not uncovered, (
        f"URL patterns without a UrlRule in tests/<app>/registry.py: {sorted(uncovered)}"
    )


def test_every_rule_names_an_existing_pattern():
    names = {name for name, *_ in walk(get_resolver().url_patterns) if name}
    unknown = sorted({rule.name for rule in URL_RULES} - names)
    assert not unknown, f"UrlRules for URL names that do not exist: {unknown}"


def test_the_matrix_covers_admin_and_allauth():
    covered = {rule.name for rule in URL_RULES}
    assert {
        "admin:index",
        "account_login",
        "account_signup",
        "account_email",
        "mfa_index",
    } <= covered
