"""Sign-up does the same work whether or not the address has an account, so that its
timing does not tell (the figures are measured outside the tests; here the work)."""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

HASHED = []


class CountingHasher(MD5PasswordHasher):
    def encode(self, password, salt):
        HASHED.append(password)
        return super().encode(password, salt)


@pytest.fixture
def counting_hasher(settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    HASHED.clear()
    return HASHED


def _sign_up(client, email):
    password = "Kaffee im Rathaus von Uslar"
    return client.post(
        reverse("account_signup"),
        {"email": email, "password1": password, "password2": password},
    )


def test_a_taken_address_costs_a_password_hash_like_a_new_one(client, counting_hasher):
    factories.user("vorhanden@example.org")
    counting_hasher.clear()
    taken = _sign_up(client, "vorhanden@example.org")
    hashes_for_taken = len(counting_hasher)
    counting_hasher.clear()
    new = _sign_up(client, "neu@example.org")
    assert hashes_for_taken == len(counting_hasher) == 1
    # Same answer, one mail each (allauth tells the owner of the taken address).
    assert taken.status_code == new.status_code == 302
    assert taken["Location"] == new["Location"]
    assert len(mail.outbox) == 2
