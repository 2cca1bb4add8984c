import pytest
from django.urls import reverse

from accounts.models import User
from tests import factories

pytestmark = pytest.mark.django_db

PROFILE = {
    "display_name": "Jana Beispiel",
    "function": "Wirtschaftsförderung",
    "organisation": "Landkreis Kassel",
    "state": "HE",
    "bio": "Ich kümmere mich um Gewerbeflächen.",
}


def test_profile_needs_a_sign_in(client):
    response = client.get(reverse("accounts:profile"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_profile_groups_each_detail_with_its_public_switch(client):
    client.force_login(factories.user())

    content = client.get(reverse("accounts:profile")).content.decode()

    assert content.count("<fieldset") == 5
    for legend in ["Ihr Name", "Beruf", "Region", "Über Sie"]:
        assert f"<legend>{legend}</legend>" in content
    for label in [
        "Funktion öffentlich zeigen",
        "Organisation öffentlich zeigen",
        "Bundesland öffentlich zeigen",
        "Kurzvorstellung öffentlich zeigen",
    ]:
        assert label in content
    assert 'value="" selected>keine Angabe</option>' in content


def test_saving_the_profile_shows_a_german_message_and_the_new_byline(client):
    account = factories.user(display_name="")
    client.force_login(account)

    response = client.post(
        reverse("accounts:profile"),
        {**PROFILE, "show_organisation": "on", "show_state": "on"},
        follow=True,
    )

    content = response.content.decode()
    assert "Ihr Profil wurde gespeichert." in content
    account.refresh_from_db()
    assert account.display_name == "Jana Beispiel"
    assert account.public_details == ["Landkreis Kassel", "Hessen"]
    assert (
        '<span class="byline__name">Jana Beispiel</span> '
        '<span class="byline__details">Landkreis Kassel · Hessen</span>'
    ) in content


def test_rejected_profile_keeps_the_input_and_the_saved_preview(client):
    account = factories.user(display_name="Alter Name")
    client.force_login(account)

    response = client.post(
        reverse("accounts:profile"), {**PROFILE, "display_name": "x" * 81}
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Bitte korrigieren Sie die markierten Felder." in content
    assert 'aria-invalid="true"' in content
    assert (
        'aria-describedby="id_display_name_helptext id_display_name_error"' in content
    )
    assert "Landkreis Kassel" in content  # what was typed stays in the form
    assert '<span class="byline__name">Alter Name</span>' in content
    account.refresh_from_db()
    assert account.display_name == "Alter Name"


def test_profile_page_query_count(client, django_assert_max_num_queries):
    account = factories.user(**PROFILE, show_bio=True)
    factories.enable_totp(account)
    for number in range(30):
        factories.user(f"andere{number}@example.org")
    client.force_login(account)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("accounts:profile"))

    assert response.status_code == 200


def test_profile_links_to_every_account_setting(client):
    client.force_login(factories.user())

    content = client.get(reverse("accounts:profile")).content.decode()

    for name in [
        "account_email",
        "account_change_password",
        "mfa_index",
        "accounts:delete",
    ]:
        assert f'href="{reverse(name)}"' in content
    assert f'method="post" action="{reverse("accounts:data-export")}"' in content


def test_account_navigation_marks_the_current_page_and_its_section(client):
    client.force_login(factories.user())

    profile = client.get(reverse("accounts:profile")).content.decode()
    mfa = client.get(reverse("mfa_index")).content.decode()

    assert f'<a href="{reverse("accounts:profile")}" aria-current="page">' in profile
    assert f'<a href="{reverse("mfa_index")}" aria-current="page">' in mfa


def test_user_cannot_edit_another_profile(client):
    other = factories.user(display_name="Andere Person")
    client.force_login(factories.user())

    client.post(reverse("accounts:profile"), {**PROFILE, "display_name": "Übernommen"})

    other.refresh_from_db()
    assert other.display_name == "Andere Person"
    assert User.objects.filter(display_name="Übernommen").count() == 1
