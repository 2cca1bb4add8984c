"""The way a person comes in: sign up, confirm the address, fill the profile, sign out and in."""

import re
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.models import User
from tests import factories

pytestmark = pytest.mark.django_db

EMAIL = "neu@example.org"


def confirmation_path(mail) -> str:
    url = re.search(r"https?://\S+/konto/confirm-email/\S+/", mail.body).group(0)
    return urlsplit(url).path


def sign_up(client, email=EMAIL):
    return client.post(
        reverse("account_signup"),
        {
            "email": email,
            "password1": factories.PASSWORD,
            "password2": factories.PASSWORD,
        },
    )


def test_signup_sends_a_german_verification_mail(client, mailoutbox):
    response = sign_up(client)

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [EMAIL]
    assert mail.subject == "[Region der Mitte] Bitte bestätigen Sie Ihre E-Mail-Adresse"
    assert mail.from_email == "Region der Mitte <kontakt@regiondermitte.de>"
    assert "Guten Tag," in mail.body
    assert "„Bestätigen“" in mail.body
    assert confirmation_path(mail)
    page = client.get(response.url)
    assert "Wir haben Ihnen eine E-Mail geschickt." in page.content.decode()


def test_signup_asks_only_for_email_and_password(client):
    response = client.get(reverse("account_signup"))

    assert list(response.context["form"].fields) == ["email", "password1", "password2"]


def test_opening_the_link_does_not_confirm_until_posted(client, mailoutbox):
    sign_up(client)
    path = confirmation_path(mailoutbox[0])

    page = client.get(path)

    assert page.status_code == 200
    assert f"<strong>{EMAIL}</strong>" in page.content.decode()
    assert not EmailAddress.objects.get(email=EMAIL).verified
    assert not page.wsgi_request.user.is_authenticated


def test_new_member_journey(client, mailoutbox):
    sign_up(client)
    path = confirmation_path(mailoutbox[0])

    # Confirming signs the person in and brings them to their profile.
    response = client.post(path)
    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")
    assert EmailAddress.objects.get(email=EMAIL).verified
    page = client.get(response.url)
    content = page.content.decode()
    assert page.wsgi_request.user.is_authenticated
    assert "Willkommen bei Region der Mitte!" in content
    assert "Sie sind angemeldet als" not in content

    # The profile is saved with a German message.
    response = client.post(
        reverse("accounts:profile"),
        {
            "display_name": "Jana Beispiel",
            "function": "Wirtschaftsförderung",
            "show_function": "on",
            "organisation": "Landkreis Kassel",
            "state": "HE",
            "bio": "Ich kümmere mich um Gewerbeflächen.",
        },
        follow=True,
    )
    assert "Ihr Profil wurde gespeichert." in response.content.decode()
    user = User.objects.get(email=EMAIL)
    assert user.display_name == "Jana Beispiel"
    assert user.public_details == ["Wirtschaftsförderung"]

    # Signing out is a POST; afterwards the profile needs a sign-in again.
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 302

    # And signing in works with the same password.
    response = client.post(
        reverse("account_login"), {"login": EMAIL, "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_confirming_in_another_browser_asks_to_sign_in_and_then_shows_the_profile(
    client, mailoutbox
):
    sign_up(client)
    path = confirmation_path(mailoutbox[0])
    client.logout()  # a fresh browser: the session of the sign-up is gone

    response = client.post(path)

    assert response.status_code == 302
    assert (
        response.url == f"{reverse('account_login')}?next={reverse('accounts:profile')}"
    )
    assert EmailAddress.objects.get(email=EMAIL).verified
    response = client.post(
        response.url, {"login": EMAIL, "password": factories.PASSWORD}
    )
    assert response.url == reverse("accounts:profile")


def test_logout_by_get_only_asks_for_confirmation(client):
    account = factories.user()
    client.force_login(account)

    page = client.get(reverse("account_logout"))

    assert page.status_code == 200
    assert "Möchten Sie sich wirklich abmelden?" in page.content.decode()
    assert page.wsgi_request.user.is_authenticated
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_unverified_person_cannot_sign_in_and_gets_a_new_link(client, mailoutbox):
    account = factories.user(verified=False)

    response = client.post(
        reverse("account_login"),
        {"login": account.email, "password": factories.PASSWORD},
    )

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert client.get(reverse("accounts:profile")).status_code == 302
    assert [mail.to for mail in mailoutbox] == [[account.email]]


def test_wrong_password_gives_a_german_error_and_keeps_the_address(client):
    account = factories.user()

    response = client.post(
        reverse("account_login"), {"login": account.email, "password": "falsch"}
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Die E-Mail-Adresse oder das Passwort ist nicht korrekt." in content
    assert f'value="{account.email}"' in content
    # No field is marked, so the summary does not ask to correct any.
    assert "Bitte korrigieren Sie die markierten Felder." not in content
    assert 'aria-invalid="true"' not in content


def test_signup_with_a_taken_address_reveals_nothing_and_mails_the_owner(
    client, mailoutbox
):
    account = factories.user()

    response = sign_up(client, email=account.email)

    assert response.url == reverse("account_email_verification_sent")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "[Region der Mitte] Konto existiert bereits"
    assert "Sie erhalten diese E-Mail" in mailoutbox[0].body


def test_password_reset_mail_leads_to_a_new_password(client, mailoutbox):
    account = factories.user()

    response = client.post(reverse("account_reset_password"), {"email": account.email})

    assert response.url == reverse("account_reset_password_done")
    mail = mailoutbox[0]
    url = re.search(r"https?://\S+/konto/password/reset/key/\S+/", mail.body).group(0)
    page = client.get(urlsplit(url).path, follow=True)
    assert page.status_code == 200
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else urlsplit(url).path
    response = client.post(
        form_url,
        {"password1": "Neues-Passwort-2027", "password2": "Neues-Passwort-2027"},
    )
    assert response.url == reverse("account_reset_password_from_key_done")
    account.refresh_from_db()
    assert account.check_password("Neues-Passwort-2027")


def test_a_failing_mail_server_does_not_fail_the_signup(client, settings, caplog):
    settings.EMAIL_BACKEND = "tests.accounts.broken_mail.Backend"

    response = sign_up(client)

    assert response.status_code == 302
    assert User.objects.filter(email=EMAIL).exists()
    assert "could not be sent" in caplog.text


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/"])
def test_sign_in_never_redirects_to_another_site(client, target):
    account = factories.user()

    response = client.post(
        f"{reverse('account_login')}?next={target}",
        {"login": account.email, "password": factories.PASSWORD},
    )

    assert response.status_code == 302
    assert "evil.example" not in response.url


def test_sign_in_follows_a_next_on_this_site(client):
    account = factories.user()

    response = client.post(
        f"{reverse('account_login')}?next={reverse('accounts:data')}",
        {"login": account.email, "password": factories.PASSWORD},
    )

    assert response.url == reverse("accounts:data")


def _header_sign_in(client, path: str) -> str:
    html = client.get(path).content.decode()
    return re.search(r'<a class="site-account__primary" href="([^"]*)"', html).group(1)


def test_the_headers_sign_in_link_brings_the_reader_back_to_the_page(client):
    """The header is one stored fragment for every page: each page fills in its own
    way back (`fill=`), and signing in through it ends on that page."""
    topic = factories.forum_topic()
    login = reverse("account_login")
    pages = [
        topic.get_absolute_url(),
        reverse("forums:space-list"),  # the same header fragment as the topic's
        reverse("news:article-list"),
        "/en/aktuelles/",
    ]
    for path in pages * 2:  # the second time from the stored fragment
        prefix = "/en" if path.startswith("/en/") else ""
        assert _header_sign_in(client, path) == f"{prefix}{login}?next={path}"
    # Not its own query (a page shared by its addresses must not carry a reader's),
    # and not from the account pages, which lead on by themselves.
    assert (
        _header_sign_in(client, f"{pages[1]}?kategorie=x") == f"{login}?next={pages[1]}"
    )
    assert _header_sign_in(client, login) == login

    account = factories.user()
    response = client.post(
        _header_sign_in(client, pages[0]),
        {"login": account.email, "password": factories.PASSWORD},
    )
    assert response.url == pages[0]
