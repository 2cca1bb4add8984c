"""Staff reach the admin with a second factor only; its login is allauth's."""

from datetime import timedelta

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.models import User
from accounts.roles import EDITORS
from tests import factories

pytestmark = pytest.mark.django_db


def sign_in(client, account):
    return client.post(
        reverse("account_login"),
        {"login": account.email, "password": factories.PASSWORD},
    )


def test_admin_login_goes_through_allauth(client):
    response = client.get(reverse("admin:index"), follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
    assert "next=%2Fadmin%2F" in response.redirect_chain[-1][0]


def test_staff_without_totp_are_sent_to_set_it_up(client):
    account = factories.editor(totp=False)
    sign_in(client, account)

    response = client.get(reverse("admin:index"), follow=True)

    # Straight to the setup, with the German reason: they have just typed their
    # password, so they are not asked for it again.
    chain = [url for url, _status in response.redirect_chain]
    assert chain == [reverse("mfa_activate_totp")]
    content = response.content.decode()
    assert "Die Verwaltung erfordert eine Zwei-Faktor-Authentifizierung." in content
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 302


def test_staff_confirm_the_password_activate_totp_and_reach_the_admin(client):
    account = factories.admin(totp=False)
    sign_in(client, account)
    response = client.get(reverse("admin:index"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("mfa_activate_totp")
    assert 'src="data:image/svg+xml;base64,' in response.content.decode()
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post(
        reverse("mfa_activate_totp"), {"code": factories.totp_code(secret)}
    )
    assert response.url == reverse("mfa_view_recovery_codes")
    assert Authenticator.objects.filter(
        user=account, type=Authenticator.Type.TOTP
    ).exists()
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_wrong_totp_code_is_refused_in_german(client):
    account = factories.user()
    sign_in(client, account)
    client.post(reverse("account_reauthenticate"), {"password": factories.PASSWORD})
    client.get(reverse("mfa_activate_totp"))

    response = client.post(reverse("mfa_activate_totp"), {"code": "000000"})

    content = response.content.decode()
    assert response.status_code == 200
    assert "Falscher Code." in content
    assert 'aria-describedby="id_code_error"' in content
    assert not Authenticator.objects.filter(user=account).exists()


def test_staff_with_totp_sign_in_with_a_code_and_reach_the_admin(client):
    account = factories.admin(totp=False)
    secret = factories.enable_totp(account)

    response = sign_in(client, account)
    assert response.url == reverse("mfa_authenticate")
    page = client.get(response.url)
    assert "Zwei-Faktor-Authentifizierung" in page.content.decode()
    response = client.post(
        reverse("mfa_authenticate"), {"code": factories.totp_code(secret)}
    )

    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_non_staff_are_refused_by_the_admin_login(client):
    client.force_login(factories.user())

    assert client.get(reverse("admin:login")).status_code == 403


def test_admin_adds_a_user_with_email_only(client):
    client.force_login(factories.admin())

    page = client.get(reverse("admin:accounts_user_add"))
    assert page.status_code == 200
    assert 'name="username"' not in page.content.decode()
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "Neue.Person@Example.org",
            "usable_password": "true",
            "password1": "Ein-Gutes-Passwort-2026",
            "password2": "Ein-Gutes-Passwort-2026",
        },
    )

    assert response.status_code == 302
    created = User.objects.get(email="neue.person@example.org")
    assert created.check_password("Ein-Gutes-Passwort-2026")
    assert client.get(response.url).status_code == 200


def test_admin_refuses_an_address_that_differs_only_in_case(client):
    factories.user("jana@example.org")
    client.force_login(factories.admin())

    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "JANA@example.org",
            "usable_password": "true",
            "password1": "Ein-Gutes-Passwort-2026",
            "password2": "Ein-Gutes-Passwort-2026",
        },
    )

    assert response.status_code == 200
    assert "Es gibt bereits ein Konto mit dieser E-Mail-Adresse." in (
        response.content.decode()
    )


def test_admin_changes_a_user_and_its_groups(client):
    account = factories.user(display_name="Vorher")
    client.force_login(factories.admin())
    url = reverse("admin:accounts_user_change", args=[account.pk])
    assert client.get(url).status_code == 200
    editors = Group.objects.get(name=EDITORS)
    prefix = "emailaddress_set"

    response = client.post(
        url,
        {
            "email": account.email,
            "display_name": "Nachher",
            "state": "NI",
            "is_active": "on",
            "is_staff": "on",
            "groups": [editors.pk],
            "date_joined_0": "01.01.2026",
            "date_joined_1": "10:00:00",
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-INITIAL_FORMS": "1",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
            f"{prefix}-0-id": account.emailaddress_set.get().pk,
            f"{prefix}-0-user": account.pk,
            f"{prefix}-0-email": account.email,
            f"{prefix}-0-verified": "on",
            f"{prefix}-0-primary": "on",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    account.refresh_from_db()
    assert account.display_name == "Nachher"
    assert account.is_staff
    assert list(account.groups.all()) == [editors]


def test_admin_user_list_shows_who_has_a_second_factor(
    client, django_assert_max_num_queries
):
    for number in range(30):
        factories.user(f"mitglied{number}@example.org")
    client.force_login(factories.admin())

    with django_assert_max_num_queries(15):
        response = client.get(reverse("admin:accounts_user_changelist"))

    assert response.status_code == 200


def test_admin_groups_work(client):
    client.force_login(factories.admin())
    editors = Group.objects.get(name=EDITORS)

    assert client.get(reverse("admin:auth_group_changelist")).status_code == 200
    page = client.get(reverse("admin:auth_group_change", args=[editors.pk]))
    assert page.status_code == 200
    assert "Redaktion" in page.content.decode()


def test_a_sensitive_change_long_after_signing_in_asks_for_the_password(client):
    sign_in(client, factories.editor(totp=False))
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    with time_machine.travel(timedelta(minutes=6)):
        later = client.get(reverse("mfa_activate_totp"))
    assert later.status_code == 302
    assert later["Location"].startswith(reverse("account_reauthenticate"))


def test_an_editor_sees_who_claimed_an_affiliation_without_a_link_they_may_not_open(
    client,
):
    claim = factories.affiliation(function="Klimaschutzmanager")
    change = reverse("admin:accounts_affiliation_change", args=[claim.pk])
    client.force_login(factories.editor())
    html = client.get(change).content.decode()
    assert str(claim.user) in html
    assert "/admin/accounts/user/" not in html

    client.force_login(factories.admin())
    html = client.get(change).content.decode()
    assert f"/admin/accounts/user/{claim.user.pk}/change/" in html
