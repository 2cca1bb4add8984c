"""Every allauth page the portal uses: in the site's frame, in German, addressed as "Sie"."""

import re
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

DU = re.compile(r"\b(du|dich|dir|dein|deine|deinen|deinem|deiner)\b", re.IGNORECASE)


def text_of(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.DOTALL)
    return re.sub(r"<[^>]+>", " ", html)


def assert_portal_page(response, *, h1: str, account_nav: bool = False):
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.DOTALL).group(1)
    assert h1 in " ".join(heading.split())
    assert 'class="site-header"' in html
    assert 'aria-current="page">Konto</a>' in html
    assert ('class="account-nav' in html) is account_nav
    assert not DU.search(text_of(html)), DU.search(text_of(html))
    return html


def signed_in(client, account=None, *, recently=True):
    account = account or factories.user()
    client.post(
        reverse("account_login"),
        {"login": account.email, "password": factories.PASSWORD},
    )
    if recently:
        client.post(reverse("account_reauthenticate"), {"password": factories.PASSWORD})
    return account


@pytest.mark.parametrize(
    ("name", "h1"),
    [
        ("account_login", "Anmelden"),
        ("account_signup", "Registrieren"),
        ("account_reset_password", "Passwort zurücksetzen"),
        ("account_reset_password_done", "Passwort zurücksetzen"),
        ("account_email_verification_sent", "Bestätigen Sie Ihre E-Mail-Adresse"),
        ("account_reset_password_from_key_done", "Passwort ändern"),
        ("account_inactive", "Konto inaktiv"),
    ],
)
def test_signed_out_pages(client, name, h1):
    assert_portal_page(client.get(reverse(name)), h1=h1)


@pytest.mark.parametrize(
    ("name", "h1"),
    [
        ("account_email", "E-Mail-Adressen"),
        ("account_change_password", "Passwort ändern"),
        ("account_logout", "Abmelden"),
        ("mfa_index", "Zwei-Faktor-Authentifizierung"),
        ("mfa_activate_totp", "Authenticator-App aktivieren"),
        ("accounts:profile", "Ihr Profil"),
        ("accounts:data", "Meine Daten"),
        ("accounts:delete", "Konto löschen"),
    ],
)
def test_signed_in_pages_have_the_account_navigation(client, name, h1):
    signed_in(client)

    assert_portal_page(client.get(reverse(name)), h1=h1, account_nav=True)


def test_login_page_has_visible_labels_and_no_placeholders(client):
    html = client.get(reverse("account_login")).content.decode()

    assert '<label for="id_login">E-Mail-Adresse:</label>' in html
    assert '<label for="id_password">Passwort:</label>' in html
    assert '<label for="id_remember">Angemeldet bleiben</label>' in html
    assert "placeholder=" not in html
    assert f'href="{reverse("account_reset_password")}"' in html
    assert f'href="{reverse("account_signup")}"' in html


def test_confirmation_page_with_an_invalid_key(client):
    response = client.get(reverse("account_confirm_email", args=["ungueltig"]))

    html = assert_portal_page(response, h1="E-Mail-Adresse bestätigen")
    assert "abgelaufen oder ungültig" in html


def test_confirmation_page_for_a_valid_key(client):
    account = factories.user(verified=False)
    address = EmailAddress.objects.get(user=account)
    key = EmailConfirmationHMAC(address).key

    response = client.get(reverse("account_confirm_email", args=[key]))

    html = assert_portal_page(response, h1="E-Mail-Adresse bestätigen")
    # The key is signed with the time, so the form's may be a second newer.
    assert 'method="post" action="/konto/confirm-email/' in html
    assert f"<strong>{address.email}</strong>" in html


def test_password_reset_from_key_pages(client, mailoutbox):
    account = factories.user()
    client.post(reverse("account_reset_password"), {"email": account.email})
    url = re.search(r"https?://\S+/konto/password/reset/key/\S+/", mailoutbox[0].body)
    response = client.get(urlsplit(url.group(0)).path, follow=True)

    html = assert_portal_page(response, h1="Passwort ändern")
    assert 'name="password1"' in html
    bad = client.get(
        reverse("account_reset_password_from_key", args=["x", "falsch"]), follow=True
    )
    html = assert_portal_page(bad, h1="Ungültiger Link")


def test_reauthentication_page(client):
    signed_in(client, recently=False)

    response = client.get(reverse("account_reauthenticate"))

    html = assert_portal_page(response, h1="Zugriff bestätigen")
    assert 'autocomplete="current-password"' in html


def test_mfa_pages_with_totp(client):
    account = signed_in(client)
    factories.enable_totp(account)
    RecoveryCodes.activate(account)

    index = assert_portal_page(
        client.get(reverse("mfa_index")),
        h1="Zwei-Faktor-Authentifizierung",
        account_nav=True,
    )
    assert "Die Authentifizierung mit einer Authenticator-App ist aktiv." in index
    assert_portal_page(
        client.get(reverse("mfa_deactivate_totp")),
        h1="Authenticator-App deaktivieren",
        account_nav=True,
    )
    codes = assert_portal_page(
        client.get(reverse("mfa_view_recovery_codes")),
        h1="Wiederherstellungscodes",
        account_nav=True,
    )
    assert '<label for="recovery_codes">' in codes
    assert_portal_page(
        client.get(reverse("mfa_generate_recovery_codes")),
        h1="Wiederherstellungscodes",
        account_nav=True,
    )
    download = client.get(reverse("mfa_download_recovery_codes"))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")


def test_deactivating_totp_and_generating_codes(client):
    account = signed_in(client)
    factories.enable_totp(account)
    RecoveryCodes.activate(account)

    response = client.post(reverse("mfa_generate_recovery_codes"), follow=True)
    assert "Wiederherstellungscodes" in response.content.decode()
    response = client.post(reverse("mfa_deactivate_totp"), follow=True)

    assert "Authenticator-App deaktiviert." in response.content.decode()
    assert not Authenticator.objects.filter(
        user=account, type=Authenticator.Type.TOTP
    ).exists()


def test_second_factor_step_at_login(client):
    account = factories.user()
    factories.enable_totp(account)

    client.post(
        reverse("account_login"),
        {"login": account.email, "password": factories.PASSWORD},
    )
    html = assert_portal_page(
        client.get(reverse("mfa_authenticate")), h1="Zwei-Faktor-Authentifizierung"
    )
    assert 'autocomplete="one-time-code"' in html
    assert 'form="logout-from-stage"' in html


def test_too_many_requests_get_the_german_429_page(client):
    account = factories.user()
    for _attempt in range(5):
        client.post(reverse("account_reset_password"), {"email": account.email})

    response = client.post(reverse("account_reset_password"), {"email": account.email})

    assert response.status_code == 429
    assert "Zu viele Versuche" in response.content.decode()


def test_sixth_wrong_password_for_an_account_is_refused(client):
    account = factories.user()
    for _attempt in range(5):
        client.post(
            reverse("account_login"), {"login": account.email, "password": "falsch"}
        )

    response = client.post(
        reverse("account_login"),
        {"login": account.email, "password": factories.PASSWORD},
    )

    assert response.status_code == 200
    assert "Zu viele fehlgeschlagene Anmeldeversuche." in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_email_page_groups_the_addresses_in_a_fieldset(client):
    account = signed_in(client)
    EmailAddress.objects.create(user=account, email="zweite@example.org")

    html = client.get(reverse("account_email")).content.decode()

    assert "<legend>Ihre E-Mail-Adressen</legend>" in html
    assert html.count('type="radio" name="email"') == 2
    assert "Unbestätigt" in html


def test_adding_an_address_sends_a_confirmation(client, mailoutbox):
    signed_in(client)

    response = client.post(
        reverse("account_email"),
        {"action_add": "", "email": "zweite@example.org"},
        follow=True,
    )

    assert "Bestätigungs-E-Mail wurde an zweite@example.org verschickt." in (
        response.content.decode()
    )
    assert mailoutbox[-1].to == ["zweite@example.org"]


def test_password_change(client):
    account = signed_in(client)

    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": factories.PASSWORD,
            "password1": "Ganz-Neues-Passwort-2027",
            "password2": "Ganz-Neues-Passwort-2027",
        },
        follow=True,
    )

    assert "Das Passwort wurde geändert." in response.content.decode()
    account.refresh_from_db()
    assert account.check_password("Ganz-Neues-Passwort-2027")


def test_allauth_msgids_of_our_wording_exist_in_allauth():
    """An allauth upgrade that rewords a string would silently drop our German."""
    import gettext
    from pathlib import Path

    import allauth

    from accounts.allauth_wording import MSGIDS

    catalogue = Path(allauth.__file__).parent / "locale/de/LC_MESSAGES/django.mo"
    with catalogue.open("rb") as file:
        known = set(gettext.GNUTranslations(file)._catalog)
    assert [msgid for msgid in MSGIDS if msgid not in known] == []
