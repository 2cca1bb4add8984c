import pytest
from django.template.loader import render_to_string

from tests import factories

pytestmark = pytest.mark.django_db


def test_public_name_is_the_display_name():
    assert factories.user(display_name="Jana Beispiel").public_name == "Jana Beispiel"


def test_public_name_never_exposes_the_email_address():
    account = factories.user("jana.beispiel@example.org", display_name="")

    assert str(account.public_name) == "Mitglied"
    assert "jana" not in str(account.public_name)


def test_public_details_show_only_what_was_chosen():
    account = factories.user(
        function="Bürgermeisterin",
        organisation="Stadt Wolfhagen",
        state="HE",
        bio="Kurz über mich.",
        show_organisation=True,
    )

    assert account.public_details == ["Stadt Wolfhagen"]

    account.show_function = account.show_state = True
    assert account.public_details == ["Bürgermeisterin", "Stadt Wolfhagen", "Hessen"]


def test_public_details_skip_chosen_but_empty_fields():
    account = factories.user(show_function=True, show_state=True, function="", state="")

    assert account.public_details == []


def test_nothing_is_public_by_default():
    account = factories.user(
        function="Bürgermeisterin", organisation="Stadt Wolfhagen", state="NI"
    )

    assert account.public_details == []


def test_byline_template_shows_name_and_chosen_details_only():
    account = factories.user(
        "geheim@example.org",
        display_name="Jana Beispiel",
        function="Bürgermeisterin",
        organisation="Stadt Wolfhagen",
        show_function=True,
    )

    html = render_to_string("accounts/_byline.html", {"author": account})

    assert "Jana Beispiel" in html
    assert "Bürgermeisterin" in html
    assert "Wolfhagen" not in html
    assert "geheim@example.org" not in html


def test_byline_of_a_deleted_account():
    html = render_to_string("accounts/_byline.html", {"author": None})

    assert "gelöschtes Konto" in html
