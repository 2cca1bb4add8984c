import json
import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.urls import reverse

from accounts.models import User
from tests import factories

pytestmark = pytest.mark.django_db


def test_data_export_returns_the_profile_as_json(client):
    account = factories.user(
        "jana@example.org",
        display_name="Jana Beispiel",
        organisation="Landkreis Kassel",
    )
    factories.enable_totp(account)
    client.force_login(account)

    response = client.post(reverse("accounts:data-export"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="region-der-mitte-meine-daten-'
    )
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    profile = data["accounts"]["profile"]
    assert profile["email"] == "jana@example.org"
    assert profile["display_name"] == "Jana Beispiel"
    assert profile["organisation"] == "Landkreis Kassel"
    assert profile["email_addresses"] == [
        {"email": "jana@example.org", "verified": True, "primary": True}
    ]
    factors = data["accounts"]["two_factor_authentication"]
    assert [factor["type"] for factor in factors] == ["totp"]
    assert "secret" not in response.content.decode()


def test_data_export_is_post_only(client):
    client.force_login(factories.user())

    assert client.get(reverse("accounts:data-export")).status_code == 405


def test_data_export_needs_a_sign_in(client):
    response = client.post(reverse("accounts:data-export"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_data_page_explains_and_offers_the_download(client):
    client.force_login(factories.user())

    content = client.get(reverse("accounts:data")).content.decode()

    assert "<h1>Meine Daten</h1>" in content
    assert f'method="post" action="{reverse("accounts:data-export")}"' in content


def test_delete_page_explains_what_happens(client):
    client.force_login(factories.user())

    content = client.get(reverse("accounts:delete")).content.decode()

    assert "„gelöschtes Konto“" in content
    assert "nicht rückgängig" in content
    assert 'autocomplete="current-password"' in content


def test_delete_with_wrong_password_keeps_everything_but_the_password(client):
    account = factories.user()
    client.force_login(account)

    response = client.post(
        reverse("accounts:delete"), {"confirm": "on", "password": "falsch-geraten"}
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Das Passwort ist nicht korrekt." in content
    assert 'aria-describedby="id_password_error"' in content
    confirm = re.search(r'<input[^>]*name="confirm"[^>]*>', content).group(0)
    password = re.search(r'<input[^>]*name="password"[^>]*>', content).group(0)
    assert "checked" in confirm
    assert "value=" not in password
    assert "falsch-geraten" not in content
    assert User.objects.filter(pk=account.pk).exists()
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_delete_without_confirmation_asks_for_it(client):
    account = factories.user()
    client.force_login(account)

    response = client.post(reverse("accounts:delete"), {"password": factories.PASSWORD})

    assert "Bitte bestätigen Sie, dass Sie Ihr Konto löschen möchten." in (
        response.content.decode()
    )
    assert User.objects.filter(pk=account.pk).exists()


def test_delete_with_the_right_password_deletes_and_signs_out(client):
    account = factories.user()
    factories.enable_totp(account)
    client.force_login(account)

    response = client.post(
        reverse("accounts:delete"),
        {"confirm": "on", "password": factories.PASSWORD},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Ihr Konto wurde gelöscht." in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated
    assert not User.objects.filter(pk=account.pk).exists()
    assert not EmailAddress.objects.filter(email=account.email).exists()
    assert not Authenticator.objects.filter(user_id=account.pk).exists()


def test_delete_only_by_post(client):
    account = factories.user()
    client.force_login(account)

    client.get(
        reverse("accounts:delete"), {"confirm": "on", "password": factories.PASSWORD}
    )

    assert User.objects.filter(pk=account.pk).exists()
