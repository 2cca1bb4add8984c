"""Security checks of quality.md that belong to the spine: login, admin, redirects,
CSRF and the German error pages."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.models import User
from tests import factories
from tests.error_urls import INTERNAL_DETAIL

LOGIN = reverse("account_login")
WRONG_PASSWORD = "Falsches-Passwort-99"


def login(client, email: str, password: str, **extra):
    return client.post(LOGIN, {"login": email, "password": password}, **extra)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


# --- login: rate limit and enumeration ----------------------------------------


def test_sixth_wrong_password_for_one_account_within_five_minutes_is_refused(db):
    cache.clear()
    account = factories.user()
    # From different addresses: the limit is per account, not only per address.
    for attempt in range(5):
        client = Client(REMOTE_ADDR=f"192.0.2.{attempt + 1}")
        response = login(client, account.email, WRONG_PASSWORD)
        assert response.status_code == 200
        assert not signed_in(client)
    client = Client(REMOTE_ADDR="192.0.2.99")
    # The sixth try is refused even with the right password.
    response = login(client, account.email, factories.PASSWORD)
    assert not signed_in(client)
    assert response.status_code in {200, 429}
    assert "Zu viele" in response.content.decode()
    with time_machine.travel(timedelta(minutes=5, seconds=5)):
        response = login(client, account.email, factories.PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)


def test_the_owners_known_browser_gets_in_while_someone_guesses(db):
    cache.clear()
    account = factories.user()
    owner = Client(REMOTE_ADDR="198.51.100.7")
    assert login(owner, account.email, factories.PASSWORD).status_code == 302
    owner.post(reverse("account_logout"))
    for attempt in range(10):
        attacker = Client(REMOTE_ADDR=f"203.0.113.{attempt + 1}")
        login(attacker, account.email, WRONG_PASSWORD)
    # Every unknown browser is locked out of the account ...
    stranger = Client(REMOTE_ADDR="192.0.2.50")
    login(stranger, account.email, factories.PASSWORD)
    assert not signed_in(stranger)
    # ... the owner's, which signed in before, is not.
    response = login(owner, account.email, factories.PASSWORD)
    assert response.status_code == 302
    assert signed_in(owner)


def test_the_known_browser_cookie_counts_only_for_its_own_account(db):
    cache.clear()
    owner, other = factories.user(), factories.user()
    browser = Client(REMOTE_ADDR="198.51.100.7")
    login(browser, owner.email, factories.PASSWORD)
    browser.post(reverse("account_logout"))
    for attempt in range(5):
        login(
            Client(REMOTE_ADDR=f"203.0.113.{attempt + 1}"), other.email, WRONG_PASSWORD
        )
    login(browser, other.email, factories.PASSWORD)
    assert not signed_in(browser)


def test_behind_a_proxy_limits_apply_per_real_client(db, settings):
    cache.clear()
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    accounts = [factories.user() for _ in range(11)]
    # Every request comes from nginx on the same host; the client is in the header.
    for account in accounts[:10]:
        attacker = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
        login(attacker, account.email, WRONG_PASSWORD)
    someone = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert login(someone, accounts[10].email, factories.PASSWORD).status_code == 302


def _comparable(response, *emails: str) -> str:
    """The page without what differs by design: CSRF tokens and the typed address."""
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    for email in emails:
        html = html.replace(email, "EMAIL")
    return html


def test_login_answers_alike_for_known_and_unknown_addresses(client, db):
    cache.clear()
    known = factories.user()
    unknown = "niemand-hier@example.org"
    for_known = login(client, known.email, WRONG_PASSWORD)
    for_unknown = login(client, unknown, WRONG_PASSWORD)
    assert for_known.status_code == for_unknown.status_code == 200
    assert _comparable(for_known, known.email) == _comparable(for_unknown, unknown)


def test_signup_with_a_taken_address_looks_new_and_tells_the_owner(client, db):
    cache.clear()
    owner = factories.user()
    signup = reverse("account_signup")
    password = "Ein-neues-Passwort-2026"

    def sign_up(email):
        data = {"email": email, "password1": password, "password2": password}
        return Client().post(signup, data)

    for_new = sign_up("ganz-neu@example.org")
    for_taken = sign_up(owner.email)
    assert for_new.status_code == for_taken.status_code == 302
    assert for_new.url == for_taken.url
    assert User.objects.filter(email=owner.email).count() == 1
    # Each address got one mail: the newcomer a confirmation, the owner a notice.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        ["ganz-neu@example.org", owner.email]
    )
    to_owner = next(m for m in mail.outbox if m.to == [owner.email])
    to_new = next(m for m in mail.outbox if m.to == ["ganz-neu@example.org"])
    assert to_owner.subject != to_new.subject
    assert not owner.check_password(password)


def test_password_reset_answers_alike_for_known_and_unknown_addresses(client, db):
    cache.clear()
    known = factories.user()
    reset = reverse("account_reset_password")
    for_known = client.post(reset, {"email": known.email})
    for_unknown = client.post(reset, {"email": "niemand-hier@example.org"})
    assert for_known.status_code == for_unknown.status_code == 302
    assert for_known.url == for_unknown.url
    assert [m.to for m in mail.outbox] == [
        [known.email],
        ["niemand-hier@example.org"],
    ]


# --- admin ------------------------------------------------------------------


def test_admin_login_goes_through_allauth(client, db):
    response = client.get(reverse("admin:login") + "?next=/admin/")
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)
    assert "next=%2Fadmin%2F" in response.url


def test_staff_without_a_second_factor_are_sent_to_set_one_up(client, db):
    client.force_login(factories.editor(totp=False))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")
    response = client.get(reverse("admin:pages_page_changelist"))
    assert response.url == reverse("mfa_activate_totp")


def test_staff_with_totp_sign_in_through_allauth_and_open_the_admin(client, db):
    cache.clear()
    account = factories.editor(totp=False)
    secret = factories.enable_totp(account)
    response = client.post(
        LOGIN + "?next=/admin/",
        {"login": account.email, "password": factories.PASSWORD, "next": "/admin/"},
    )
    assert response.url.startswith(reverse("mfa_authenticate"))
    assert not signed_in(client)
    response = client.post(
        reverse("mfa_authenticate"), {"code": factories.totp_code(secret)}
    )
    assert response.status_code == 302
    assert response.url == "/admin/"
    assert client.get(reverse("admin:index")).status_code == 200


def test_signed_in_people_who_are_not_staff_cannot_open_the_admin(client, db):
    client.force_login(factories.moderator())
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert client.get(response.url).status_code == 403


# --- redirects and sign-out ---------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "///evil.example/",
        "/\\evil.example/",
        "https:evil.example",
        "javascript:alert(1)",
    ],
)
def test_sign_in_never_sends_people_to_another_site(client, db, target):
    cache.clear()
    account = factories.user()
    response = client.post(
        LOGIN + "?next=" + target,
        {"login": account.email, "password": factories.PASSWORD, "next": target},
    )
    assert response.status_code == 302
    assert signed_in(client)
    assert url_has_allowed_host_and_scheme(response.url, allowed_hosts={"testserver"})
    assert "evil.example" not in response.url
    assert "javascript" not in response.url


def test_signing_out_takes_a_post(client, db):
    client.force_login(factories.user())
    response = client.get(reverse("account_logout"))
    assert response.status_code == 200
    assert signed_in(client), "a GET (a link, an image) must not sign anyone out"
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert not signed_in(client)


# --- CSRF -------------------------------------------------------------------


def _all_views(patterns):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _all_views(entry.url_patterns)
        elif isinstance(entry, URLPattern):
            yield entry


# One-click links in mail (RFC 8058): a mail program POSTs to them without session or
# CSRF token. The signed token in the address is their authority; nothing else is.
SIGNED_LINK_VIEWS = {
    "forums.views.following.unsubscribe": "/foren/abbestellen/{}/",
    "newsletter.views.confirm": "/newsletter/bestaetigen/{}/",
    "newsletter.views.unsubscribe": "/newsletter/abbestellen/{}/",
}


def test_no_view_is_csrf_exempt_but_the_signed_mail_links():
    exempt = []
    for pattern in _all_views(get_resolver().url_patterns):
        view = pattern.callback
        view_class = getattr(view, "view_class", None)
        if getattr(view, "csrf_exempt", False) or (
            view_class and getattr(view_class.dispatch, "csrf_exempt", False)
        ):
            exempt.append(f"{view.__module__}.{view.__name__}")
    assert sorted(exempt) == sorted(SIGNED_LINK_VIEWS), f"csrf_exempt views: {exempt}"


@pytest.mark.parametrize("path", SIGNED_LINK_VIEWS.values())
def test_the_signed_mail_links_refuse_a_post_without_a_valid_signature(db, path):
    from django.core import signing

    client = Client(enforce_csrf_checks=True)
    forged = signing.dumps(["t", 1, 1], salt="not-the-right-salt")
    for token in ("kein-token", forged):
        assert client.post(path.format(token)).status_code == 404


def test_a_form_sent_without_csrf_token_is_refused_in_german(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(LOGIN, {"login": "a@example.org", "password": "x"})
    assert_german_error_page(response, 403, "Das Formular ist abgelaufen")


# --- German error pages -------------------------------------------------------

HEADINGS = {
    400: "Ungültige Anfrage",
    403: "Zugriff verweigert",
    404: "Seite nicht gefunden",
    429: "Zu viele Versuche",
    500: "Etwas ist schiefgelaufen",
}
INTERNALS = [
    INTERNAL_DETAIL,
    "Traceback",
    "site-packages",
    'File "',
    "/srv/portal",
    "settings.py",
    "DEBUG",
]


def assert_german_error_page(response, status: int, heading: str) -> None:
    html = response.content.decode()
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    assert '<html lang="de"' in html
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert h1 and heading in h1.group(1), f"{status}: heading {h1 and h1.group(1)!r}"
    leaked = [text for text in INTERNALS if text in html]
    assert not leaked, f"the {status} page shows internals: {leaked}"


@pytest.mark.urls("tests.error_urls")
@pytest.mark.parametrize("status", [400, 403, 404, 500])
def test_failing_views_get_german_error_pages_without_internals(db, status):
    client = Client(raise_request_exception=False)
    response = client.get(f"/fehler/{status}/")
    assert_german_error_page(response, status, HEADINGS[status])


def test_an_unknown_address_gets_the_german_404_page(client, db):
    response = client.get("/diese/adresse/gibt-es-nicht/")
    assert_german_error_page(response, 404, HEADINGS[404])


def test_a_forged_host_header_gets_the_german_400_page(client, db):
    response = client.get("/", HTTP_HOST="evil.example")
    assert_german_error_page(response, 400, HEADINGS[400])


def test_too_many_password_resets_get_the_german_429_page(client, db):
    cache.clear()
    account = factories.user()
    reset = reverse("account_reset_password")
    responses = [client.post(reset, {"email": account.email}) for _ in range(6)]
    assert [r.status_code for r in responses[:5]] == [302] * 5
    assert_german_error_page(responses[5], 429, HEADINGS[429])
    assert len(mail.outbox) == 5
