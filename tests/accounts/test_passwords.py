import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse


@pytest.mark.parametrize(
    "password",
    [
        "regiondermitte",
        "Region-der-Mitte-2026!",
        "RegionKasselLand#1",
        "a" * 200,
        "abababababab",
    ],
)
def test_passwords_on_the_sites_words_or_repetitions_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_good_passphrase_passes():
    validate_password("Kaffee im Rathaus von Uslar um acht")


@pytest.mark.django_db
def test_sign_up_says_why_in_german(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "neu@example.org", "password1": "a" * 40, "password2": "a" * 40},
    )
    assert response.status_code == 200
    assert "wiederholt zu wenige Zeichen" in response.content.decode()
